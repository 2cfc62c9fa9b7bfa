// The kanban board's own server call: the manual order of cards in a view.
import { api } from '../../api/http.ts';

export const kanbanApi = {
  /** Sets the order of these records in the view; listing with the view answers them in it. */
  setRecordOrder: (viewId: string, recordIds: readonly number[]) =>
    api<unknown>('PUT', `/api/v2/meta/views/${viewId}/record-order`, { recordIds }),
};
