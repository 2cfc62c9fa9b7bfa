// The form builder's reads and writes: the form view itself, its columns' form settings.
import { api } from '../../api/http.ts';
import { metaApi } from '../../api/meta-api.ts';
import type { View } from '../../api/types.ts';

/** What a form column may change: place, visibility and the question's wording. */
export interface FormColumnChange {
  readonly show?: boolean;
  readonly order?: number;
  readonly label?: string | null;
  readonly description?: string | null;
  readonly required?: boolean;
}

export const formApi = {
  readView: (viewId: string) => api<View>('GET', `/api/v2/meta/forms/${viewId}`),
  columns: (viewId: string) => metaApi.viewColumns(viewId),
  updateColumn: (viewId: string, fieldId: string, change: FormColumnChange) =>
    metaApi.updateViewColumn(viewId, fieldId, { ...change }),
  /** Replaces the view's meta (the server stores the object it is given). */
  updateMeta: (viewId: string, meta: Record<string, unknown>) => metaApi.updateView(viewId, { meta }),
};
