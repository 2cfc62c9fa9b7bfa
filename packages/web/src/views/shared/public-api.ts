// The public (signed-out) routes of a shared form or view: its meta, its rows, and form
// submissions. Requests go without the session's JWT; a password-protected share takes its
// password in `xc-password`.
import { api } from '../../api/http.ts';
import type { Field, ListOf, RecordRow, ViewTypeNumber } from '../../api/types.ts';

/** A field as a shared view shows it: the field plus the view's label, help text and required flag. */
export type SharedColumn = Field & {
  readonly label?: string | null;
  readonly required?: boolean;
};

export interface SharedViewInfo {
  readonly id: string;
  readonly title: string;
  readonly type: ViewTypeNumber;
  readonly meta: Record<string, unknown> | null;
  readonly password_protected?: boolean;
  readonly fk_grp_col_id?: string | null;
  readonly fk_cover_image_col_id?: string | null;
}

export interface SharedMeta {
  readonly view: SharedViewInfo;
  readonly table: { readonly id: string; readonly title: string };
  /** The view's visible fields in their order. */
  readonly columns: SharedColumn[];
}

export interface SharedRowsParams {
  readonly limit?: number;
  readonly offset?: number;
  readonly where?: string;
  readonly sort?: string;
}

const base = (uuid: string) => `/api/v2/public/shared-view/${encodeURIComponent(uuid)}`;
const headersOf = (password: string | undefined) =>
  password === undefined ? undefined : { 'xc-password': password };

export const publicApi = {
  meta: (uuid: string, password?: string, signal?: AbortSignal) =>
    api<SharedMeta>('GET', `${base(uuid)}/meta`, undefined, {
      anonymous: true,
      headers: headersOf(password),
      signal,
    }),
  rows: (uuid: string, params: SharedRowsParams, password?: string, signal?: AbortSignal) =>
    api<ListOf<RecordRow>>('GET', `${base(uuid)}/rows`, undefined, {
      anonymous: true,
      headers: headersOf(password),
      query: { ...params },
      signal,
    }),
  /** Submits a shared form: values keyed by field title. */
  submit: (uuid: string, values: Record<string, unknown>, password?: string) =>
    api<{ msg?: string }>('POST', `${base(uuid)}/rows`, values, {
      anonymous: true,
      headers: headersOf(password),
    }),
};
