// Loading a view's records a page at a time, and loading the pages already shown again
// (after a live change) in one request.
import { ApiError } from '../../api/http.ts';
import { recordsApi } from '../../api/records-api.ts';
import type { RecordRow } from '../../api/types.ts';

export const pageSize = 50;

export interface RecordPage {
  readonly rows: RecordRow[];
  readonly total: number;
}

/** The records of the view (and `where`) from `offset`, at most `limit`, with the total. */
export async function fetchRecordPage(
  tableId: string,
  viewId: string,
  where: string | undefined,
  offset: number,
  limit = pageSize,
): Promise<RecordPage> {
  try {
    const answer = await recordsApi.list(tableId, { viewId, where, offset, limit });
    return { rows: answer.list, total: answer.pageInfo.totalRows };
  } catch (error) {
    // Records were deleted since the count was read: there is nothing past `offset` any more.
    if (error instanceof ApiError && error.code === 'ERR_INVALID_OFFSET_VALUE')
      return { rows: [], total: offset };
    throw error;
  }
}

/** Loads from the start as many records as are shown now (at least one page). */
export function refetchShown(tableId: string, viewId: string, where: string | undefined, shown: number) {
  return fetchRecordPage(tableId, viewId, where, 0, Math.max(pageSize, Math.min(shown, 1000)));
}

/** Appends a page to rows already shown, dropping records that moved and now appear twice. */
export function appendPage(shown: readonly RecordRow[], page: readonly RecordRow[]): RecordRow[] {
  const seen = new Set(shown.map((r) => r.Id));
  return [...shown, ...page.filter((r) => !seen.has(r.Id))];
}
