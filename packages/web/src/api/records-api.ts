// Records through the v2 data API. Every write goes through the save queue
// (shared/save-queue.ts) so a failed save is shown and retried, never dropped.
import { api } from './http.ts';
import type { ListOf, RecordRow } from './types.ts';

export interface ListParams {
  readonly viewId?: string;
  /** One filter, or several the server ANDs (it reads `where` repeated). */
  readonly where?: string | readonly string[];
  /** Only these records (comma-separated ids). */
  readonly pks?: string;
  readonly sort?: string;
  readonly fields?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface WriteOptions {
  readonly typecast?: boolean;
}

const records = (tableId: string) => `/api/v2/tables/${tableId}/records`;
const typecastQuery = ({ typecast }: WriteOptions) => ({ typecast: typecast ? 'true' : undefined });

export const recordsApi = {
  list: (tableId: string, params: ListParams = {}, signal?: AbortSignal) =>
    api<ListOf<RecordRow>>('GET', records(tableId), undefined, { query: { ...params }, signal }),
  read: (tableId: string, id: number) => api<RecordRow>('GET', `${records(tableId)}/${id}`),
  count: (tableId: string, params: Pick<ListParams, 'viewId' | 'where'> = {}) =>
    api<{ count: number }>('GET', `${records(tableId)}/count`, undefined, { query: { ...params } }),
  /** `typecast`: convert text values as the server would (pastes), adding select options. */
  create: (tableId: string, rows: RecordRow[], options: WriteOptions = {}) =>
    api<{ Id: number }[]>('POST', records(tableId), rows, { query: typecastQuery(options) }),
  update: (tableId: string, rows: RecordRow[], options: WriteOptions = {}) =>
    api<{ Id: number }[]>('PATCH', records(tableId), rows, { query: typecastQuery(options) }),
  remove: (tableId: string, ids: number[]) =>
    api<{ Id: number }[]>(
      'DELETE',
      records(tableId),
      ids.map((Id) => ({ Id })),
    ),
  /** Linked records of one link field (v2: `/links/:linkFieldId/records/:recordId`). */
  links: (
    tableId: string,
    linkFieldId: string,
    id: number,
    params: { limit?: number; offset?: number; where?: string } = {},
  ) =>
    api<ListOf<RecordRow>>('GET', `/api/v2/tables/${tableId}/links/${linkFieldId}/records/${id}`, undefined, {
      query: { ...params },
    }),
  link: (tableId: string, linkFieldId: string, id: number, targetIds: number[]) =>
    api(
      'POST',
      `/api/v2/tables/${tableId}/links/${linkFieldId}/records/${id}`,
      targetIds.map((Id) => ({ Id })),
    ),
  unlink: (tableId: string, linkFieldId: string, id: number, targetIds: number[]) =>
    api(
      'DELETE',
      `/api/v2/tables/${tableId}/links/${linkFieldId}/records/${id}`,
      targetIds.map((Id) => ({ Id })),
    ),
  /** Uploads files; answers the attachment values to put in a cell. */
  upload: (files: File[]) => {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    return api<unknown[]>('POST', '/api/v2/storage/upload', form);
  },
};
