import type {
  BaseModel,
  FieldModel,
  FieldTypeName,
  SelectOption,
  ViewFieldModel,
  ViewFilterModel,
  ViewModel,
  ViewSortModel,
  ViewTypeName,
} from '@tessera/core';
import type { Selectable } from 'kysely';
import type { MetaTables } from './meta-tables.ts';

type Row<T extends keyof MetaTables> = Selectable<MetaTables[T]>;

export function parseJsonObject(text: string | null): Record<string, unknown> {
  if (!text) return {};
  const value: unknown = JSON.parse(text);
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Now as canonical UTC text, `YYYY-MM-DD HH:mm:ss+00:00`, the format every timestamp has. */
export function nowText(): string {
  return `${new Date().toISOString().slice(0, 19).replace('T', ' ')}+00:00`;
}

export const flag = (value: boolean | undefined): number => (value ? 1 : 0);

export function baseFromRow(row: Row<'tessera_bases'>): BaseModel {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    color: row.color,
    meta: parseJsonObject(row.meta),
    order: Number(row.sort_order),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function fieldFromRow(row: Row<'tessera_fields'>): FieldModel {
  return {
    id: row.id,
    tableId: row.table_id,
    title: row.title,
    columnName: row.column_name,
    uidt: row.uidt as FieldTypeName,
    pk: row.is_pk === 1,
    primaryValue: row.is_primary_value === 1,
    system: row.is_system === 1,
    required: row.is_required === 1,
    unique: row.is_unique === 1,
    defaultValue: row.default_value === null ? null : JSON.parse(row.default_value),
    description: row.description,
    meta: parseJsonObject(row.meta),
    options: JSON.parse(row.options) as SelectOption[],
    order: Number(row.sort_order),
  };
}

export function viewFromRows(
  row: Row<'tessera_views'>,
  fields: readonly Row<'tessera_view_fields'>[],
  filters: readonly Row<'tessera_view_filters'>[],
  sorts: readonly Row<'tessera_view_sorts'>[],
): ViewModel {
  return {
    id: row.id,
    tableId: row.table_id,
    title: row.title,
    type: row.view_type as ViewTypeName,
    description: row.description,
    meta: parseJsonObject(row.meta),
    order: Number(row.sort_order),
    groupFieldId: row.group_field_id,
    coverFieldId: row.cover_field_id,
    lockType: row.lock_type,
    fields: fields.map(
      (f): ViewFieldModel => ({
        fieldId: f.field_id,
        show: f.is_shown === 1,
        order: Number(f.sort_order),
        width: f.width,
        meta: parseJsonObject(f.meta),
      }),
    ),
    filters: filters.map(viewFilterFromRow),
    sorts: sorts.map(viewSortFromRow),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function viewFilterFromRow(f: Row<'tessera_view_filters'>): ViewFilterModel {
  return {
    id: f.id,
    viewId: f.view_id,
    parentId: f.parent_id,
    fieldId: f.field_id,
    comparisonOp: f.comparison_op,
    comparisonSubOp: f.comparison_sub_op,
    value: f.value,
    logicalOp: f.logical_op as ViewFilterModel['logicalOp'],
    isGroup: f.is_group === 1,
    enabled: f.is_enabled === 1,
    order: Number(f.sort_order),
  };
}

export function viewSortFromRow(s: Row<'tessera_view_sorts'>): ViewSortModel {
  return {
    id: s.id,
    viewId: s.view_id,
    fieldId: s.field_id,
    direction: s.direction === 'desc' ? 'desc' : 'asc',
    order: Number(s.sort_order),
  };
}
