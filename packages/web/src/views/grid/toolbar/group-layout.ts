// Sizes of a grouped grid's sections: how tall one group's grid is for its number of rows.

/** Rows a section shows before its grid scrolls inside. */
export const maxSectionRows = 10;
/** Groups loaded per page ("Show more groups" loads the next). */
export const groupPageSize = 20;

/** The grid's column header row. */
const headerHeight = 36;
/** Borders and rounding. */
const slack = 4;

/** The grid's height: its header, up to maxSectionRows rows, and the "new row" row (as tall as a row). */
export function sectionGridHeight(rowCount: number, rowHeight: number, canAddRows: boolean): number {
  const rows = Math.max(1, Math.min(rowCount, maxSectionRows)) + (canAddRows ? 1 : 0);
  return headerHeight + rows * rowHeight + slack;
}
