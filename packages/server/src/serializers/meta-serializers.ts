import {
  type BaseModel,
  type FieldModel,
  formulaRawOf,
  getFieldType,
  type TableModel,
  type ViewFilterModel,
  type ViewModel,
  type ViewSortModel,
  viewTypes,
} from '@tessera/core';
import { type DialectAdapter, type ViewShare, viewColumnSettings } from '@tessera/store';
import { computedColOptions } from './computed-col-options.ts';

/** NocoDB's data source id for a base: Tessera has one source per base, derived from its id. */
export function sourceIdOf(baseId: string): string {
  return `b${baseId.slice(1)}`;
}

export function serializeBase(base: BaseModel, dialect: DialectAdapter) {
  return {
    id: base.id,
    title: base.title,
    prefix: '',
    status: null,
    description: base.description,
    meta: base.meta,
    color: base.color,
    order: base.order,
    type: 'database',
    is_meta: false,
    deleted: false,
    created_at: base.createdAt,
    updated_at: base.updatedAt,
    sources: [
      {
        id: sourceIdOf(base.id),
        base_id: base.id,
        alias: null,
        type: dialect.name === 'postgres' ? 'pg' : 'sqlite3',
        is_meta: true,
        enabled: true,
      },
    ],
  };
}

/** NocoDB's Formula `colOptions`: the formula with field ids (`formula`) and with current titles (`formula_raw`). */
function formulaColumnOptions(field: FieldModel, table: TableModel) {
  return {
    fk_column_id: field.id,
    formula: field.meta.formula,
    formula_raw: formulaRawOf(field, table.fields),
    error: null,
  };
}

export function serializeField(field: FieldModel, table: TableModel, dialect: DialectAdapter) {
  const type = getFieldType(field.uidt);
  const isSelect = field.uidt === 'SingleSelect' || field.uidt === 'MultiSelect';
  return {
    id: field.id,
    base_id: table.baseId,
    source_id: sourceIdOf(table.baseId),
    fk_model_id: table.id,
    title: field.title,
    column_name: field.columnName,
    uidt: field.uidt,
    dt: field.pk ? dialect.columnType('integer') : dialect.columnType(type.storage),
    dtx: 'specificType',
    dtxp: isSelect ? field.options.map((o) => `'${o.title.replaceAll("'", "''")}'`).join(',') : '',
    dtxs: '',
    np: null,
    ns: null,
    clen: null,
    cop: null,
    pk: field.pk,
    pv: field.primaryValue,
    rqd: field.required || field.pk,
    un: false,
    ai: field.pk,
    unique: field.unique,
    cdf: field.defaultValue === null ? null : type.toApiValue(field.defaultValue, field, 'v2'),
    cc: '',
    csn: null,
    system: field.system,
    meta: field.meta,
    description: field.description,
    order: field.order,
    visible: true,
    readonly: type.serverManaged,
    colOptions: isSelect
      ? {
          options: field.options.map((o) => ({
            id: o.id,
            title: o.title,
            color: o.color,
            order: o.order,
            fk_column_id: field.id,
          })),
        }
      : field.uidt === 'Formula'
        ? formulaColumnOptions(field, table)
        : computedColOptions(field),
  };
}

/**
 * A view as NocoDB shows it. `share` is its public link, if shared: `uuid` is the link's
 * secret; the password itself is never shown (`password` stays null), only whether there is one.
 */
export function serializeView(view: ViewModel, table: TableModel, isDefault: boolean, share?: ViewShare) {
  return {
    id: view.id,
    title: view.title,
    type: viewTypes[view.type],
    fk_model_id: view.tableId,
    base_id: table.baseId,
    source_id: sourceIdOf(table.baseId),
    order: view.order,
    meta: view.meta,
    show: true,
    show_system_fields: false,
    lock_type: view.lockType,
    uuid: share?.uuid ?? null,
    password: null,
    password_protected: share !== undefined && share.passwordHash !== null,
    description: view.description,
    is_default: isDefault,
    fk_grp_col_id: view.groupFieldId,
    fk_cover_image_col_id: view.coverFieldId,
    created_at: view.createdAt,
    updated_at: view.updatedAt,
  };
}

export function serializeTable(
  table: TableModel,
  dialect: DialectAdapter,
  views: readonly ViewModel[] = [],
  shares: ReadonlyMap<string, ViewShare> = new Map(),
) {
  const columns = table.fields.map((f) => serializeField(f, table, dialect));
  return {
    id: table.id,
    source_id: sourceIdOf(table.baseId),
    base_id: table.baseId,
    table_name: table.tableName,
    title: table.title,
    type: 'table',
    meta: table.meta,
    schema: null,
    enabled: true,
    mm: false,
    tags: null,
    pinned: null,
    deleted: null,
    order: table.order,
    description: table.description,
    synced: false,
    created_at: table.createdAt,
    updated_at: table.updatedAt,
    columns,
    columnsById: Object.fromEntries(columns.map((c) => [c.id, c])),
    views: views.map((v, index) => serializeView(v, table, index === 0, shares.get(v.id))),
  };
}

/**
 * A view's columns: every field of the table with its visibility, order and width in the view,
 * and its form settings (label, help text as `description`, `required`, `meta`).
 */
export function serializeViewColumns(view: ViewModel, table: TableModel) {
  return table.fields.map((field) => {
    const own = view.fields.find((f) => f.fieldId === field.id);
    const settings = viewColumnSettings(own);
    return {
      id: field.id,
      fk_view_id: view.id,
      fk_column_id: field.id,
      base_id: table.baseId,
      show: own ? own.show : true,
      order: own ? own.order : field.order,
      width: own?.width ?? null,
      label: settings.label,
      description: settings.description,
      required: settings.required,
      meta: settings.meta,
    };
  });
}

export function serializeFilter(filter: ViewFilterModel) {
  return {
    id: filter.id,
    fk_view_id: filter.viewId,
    fk_column_id: filter.fieldId,
    comparison_op: filter.comparisonOp,
    comparison_sub_op: filter.comparisonSubOp,
    value: filter.value,
    logical_op: filter.logicalOp,
    is_group: filter.isGroup,
    fk_parent_id: filter.parentId,
    enabled: filter.enabled,
    order: filter.order,
  };
}

export function serializeSort(sort: ViewSortModel) {
  return {
    id: sort.id,
    fk_view_id: sort.viewId,
    fk_column_id: sort.fieldId,
    direction: sort.direction,
    order: sort.order,
  };
}

/** `{list, pageInfo}` for meta lists, which are never paged. */
export function listOf<T>(list: readonly T[]) {
  return {
    list,
    pageInfo: { totalRows: list.length, page: 1, pageSize: list.length, isFirstPage: true, isLastPage: true },
  };
}
