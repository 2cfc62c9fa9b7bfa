/**
 * Row shapes of Tessera's own tables (Kysely's database interface). They are plain SQL on
 * both dialects: text ids, JSON kept as text, booleans as 0/1 integers, times as canonical
 * UTC text, so meta code needs no dialect branches.
 */
export interface MetaTables {
  tessera_migrations: { version: number; name: string; applied_at: string };
  tessera_bases: {
    id: string;
    title: string;
    description: string | null;
    color: string | null;
    meta: string;
    sort_order: number;
    created_at: string;
    updated_at: string;
  };
  tessera_tables: {
    id: string;
    base_id: string;
    title: string;
    table_name: string;
    description: string | null;
    meta: string;
    sort_order: number;
    created_at: string;
    updated_at: string;
  };
  tessera_table_stats: {
    table_id: string;
    shard: number;
    row_count: number;
    data_version: number;
  };
  tessera_fields: {
    id: string;
    table_id: string;
    title: string;
    column_name: string;
    uidt: string;
    is_pk: number;
    is_primary_value: number;
    is_system: number;
    is_required: number;
    is_unique: number;
    default_value: string | null;
    description: string | null;
    meta: string;
    options: string;
    sort_order: number;
    created_at: string;
    updated_at: string;
  };
  tessera_views: {
    id: string;
    table_id: string;
    title: string;
    view_type: string;
    description: string | null;
    meta: string;
    sort_order: number;
    group_field_id: string | null;
    cover_field_id: string | null;
    lock_type: string;
    created_at: string;
    updated_at: string;
  };
  tessera_view_fields: {
    view_id: string;
    field_id: string;
    is_shown: number;
    sort_order: number;
    width: string | null;
    meta: string;
  };
  tessera_view_filters: {
    id: string;
    view_id: string;
    parent_id: string | null;
    field_id: string | null;
    comparison_op: string | null;
    comparison_sub_op: string | null;
    value: string | null;
    logical_op: string;
    is_group: number;
    is_enabled: number;
    sort_order: number;
  };
  tessera_view_sorts: {
    id: string;
    view_id: string;
    field_id: string;
    direction: string;
    sort_order: number;
  };
}
