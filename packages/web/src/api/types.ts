// The server's JSON shapes (NocoDB's v2 meta and data dialect) as the app reads them.

export type FieldType =
  | 'ID'
  | 'SingleLineText'
  | 'LongText'
  | 'Number'
  | 'Decimal'
  | 'Currency'
  | 'Percent'
  | 'Rating'
  | 'Checkbox'
  | 'SingleSelect'
  | 'MultiSelect'
  | 'Date'
  | 'DateTime'
  | 'Time'
  | 'Duration'
  | 'Email'
  | 'URL'
  | 'PhoneNumber'
  | 'JSON'
  | 'CreatedTime'
  | 'LastModifiedTime'
  | 'Links'
  | 'LinkToAnotherRecord'
  | 'Lookup'
  | 'Rollup'
  | 'Formula'
  | 'Attachment'
  | 'User'
  | 'CreatedBy'
  | 'LastModifiedBy'
  | 'AutoNumber';

export interface SelectOption {
  readonly id?: string;
  readonly title: string;
  readonly color?: string | null;
  readonly order?: number;
}

export interface Field {
  readonly id: string;
  readonly fk_model_id: string;
  readonly title: string;
  readonly column_name: string;
  readonly uidt: FieldType;
  readonly pk: boolean;
  readonly pv: boolean;
  readonly rqd: boolean;
  readonly unique: boolean;
  readonly system: boolean;
  /** Server-managed values (system, computed): not editable. */
  readonly readonly: boolean;
  readonly cdf: unknown;
  readonly description: string | null;
  readonly meta: Record<string, unknown> | null;
  readonly order: number;
  /** Select options; link target (`fk_related_model_id`, `type`); lookup/rollup/formula settings. */
  readonly colOptions: (Record<string, unknown> & { options?: SelectOption[] }) | null;
}

/** NocoDB's view type numbers. */
export const ViewType = { form: 1, gallery: 2, grid: 3, kanban: 4 } as const;
export type ViewTypeNumber = (typeof ViewType)[keyof typeof ViewType];

export interface View {
  readonly id: string;
  readonly title: string;
  readonly type: ViewTypeNumber;
  readonly fk_model_id: string;
  readonly base_id: string;
  readonly order: number;
  readonly meta: Record<string, unknown> | null;
  readonly lock_type: string;
  /** Set while the view is shared by link (`/shared/view/<uuid>` or `/shared/form/<uuid>`). */
  readonly uuid: string | null;
  readonly password: string | null;
  readonly password_protected?: boolean;
  readonly description: string | null;
  readonly is_default: boolean;
  readonly fk_grp_col_id: string | null;
  readonly fk_cover_image_col_id: string | null;
}

export interface ViewColumn {
  readonly id: string;
  readonly fk_view_id: string;
  readonly fk_column_id: string;
  readonly show: boolean;
  readonly order: number;
  readonly width: string | null;
  /** Form views: label, help text, required (see docs/api.md). */
  readonly label?: string | null;
  readonly description?: string | null;
  readonly required?: boolean;
  readonly meta?: Record<string, unknown> | null;
}

export interface ViewFilter {
  readonly id: string;
  readonly fk_view_id: string;
  readonly fk_column_id: string | null;
  readonly comparison_op: string | null;
  readonly comparison_sub_op: string | null;
  readonly value: string | null;
  readonly logical_op: 'and' | 'or' | 'not';
  readonly is_group: boolean;
  readonly fk_parent_id: string | null;
  readonly enabled: boolean;
  readonly order: number;
}

export interface ViewSort {
  readonly id: string;
  readonly fk_view_id: string;
  readonly fk_column_id: string;
  readonly direction: 'asc' | 'desc';
  readonly order: number;
}

export interface Table {
  readonly id: string;
  readonly base_id: string;
  readonly title: string;
  readonly table_name: string;
  readonly description: string | null;
  readonly meta: Record<string, unknown> | null;
  readonly order: number;
  /** Present on GET /api/v2/meta/tables/:id, absent in table lists. */
  readonly columns?: Field[];
  readonly views?: View[];
}

export interface Base {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly color: string | null;
  readonly meta: Record<string, unknown> | null;
}

export interface PageInfo {
  readonly totalRows: number;
  readonly page: number;
  readonly pageSize: number;
  readonly isFirstPage: boolean;
  readonly isLastPage: boolean;
}

export interface ListOf<T> {
  readonly list: T[];
  readonly pageInfo: PageInfo;
}

/** A record as the v2 data API returns it: keyed by field title, `Id` the primary key. */
export type RecordRow = Record<string, unknown> & { Id?: number };

export interface Me {
  readonly id: string | null;
  readonly email?: string;
  readonly firstname?: string | null;
  readonly lastname?: string | null;
  readonly display_name?: string | null;
  readonly roles: Record<string, boolean>;
  readonly instance_role?: string;
  readonly base_roles?: Record<string, boolean>;
}

/** A file as attachment cells hold it. */
export interface AttachmentValue {
  readonly url?: string;
  readonly path?: string;
  readonly title: string;
  readonly mimetype: string;
  readonly size: number;
  readonly signedUrl?: string;
  readonly thumbnails?: Record<string, { signedUrl?: string; url?: string }>;
}
