// What the grid has loaded and when it first showed rows, for the browser benchmark
// (bench/ui-grid.ts) and end-to-end tests: `window.__tesseraGrid`, plus `data-rows-loaded`
// and `data-total-rows` on the grid's container.

export interface GridStats {
  /** Pages of rows held by the cache. */
  readonly loadedPages: number;
  readonly loadedRows: number;
  readonly totalRows: number | undefined;
  /** `performance.now()` of the first frame that showed rows. */
  readonly firstPaintAt: number | undefined;
  /** Layout, for tests that click cells: header and row height, row-marker and column widths. */
  readonly headerHeight: number;
  readonly rowHeight: number;
  readonly markerWidth: number;
  readonly columns: readonly { readonly title: string; readonly width: number }[];
  readonly frozenColumns: number;
}

declare global {
  interface Window {
    __tesseraGrid?: GridStats;
  }
}

export function publishGridStats(container: HTMLElement | null, stats: GridStats): void {
  window.__tesseraGrid = stats;
  if (!container) return;
  container.dataset.rowsLoaded = String(stats.loadedRows);
  container.dataset.totalRows = stats.totalRows === undefined ? '' : String(stats.totalRows);
}
