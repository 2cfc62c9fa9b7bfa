// Comments on a record (NocoDB's v2 comment routes): list, add, edit and delete one's own.
import { api } from '../api/http.ts';

export interface RecordComment {
  readonly id: string;
  readonly row_id: string;
  readonly comment: string;
  /** The author's user id. */
  readonly created_by: string;
  readonly created_by_email: string | null;
  readonly created_display_name: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly is_edited: boolean;
}

export const commentsApi = {
  list: (tableId: string, recordId: number) =>
    api<{ list: RecordComment[] }>('GET', '/api/v2/meta/comments', undefined, {
      query: { fk_model_id: tableId, row_id: String(recordId) },
    }),
  add: (tableId: string, recordId: number, comment: string) =>
    api<RecordComment>('POST', '/api/v2/meta/comments', {
      fk_model_id: tableId,
      row_id: String(recordId),
      comment,
    }),
  update: (id: string, comment: string) =>
    api<RecordComment>('PATCH', `/api/v2/meta/comment/${id}`, { comment }),
  remove: (id: string) => api<unknown>('DELETE', `/api/v2/meta/comment/${id}`),
};
