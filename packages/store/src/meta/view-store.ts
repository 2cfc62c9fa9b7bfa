import {
  bindFilter,
  filterExpression,
  filterFieldResolver,
  filterTerm,
  newId,
  TesseraError,
  type ViewFilterModel,
  type ViewModel,
  type ViewSortModel,
  type ViewTypeName,
  viewFilterCondition,
} from '@tessera/core';
import { appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { userTableDdl } from '../ddl/user-table-ddl.ts';
import type { Executor, StoreContext } from '../store-context.ts';
import { checkTitle, schemaError } from './field-spec.ts';
import { flag, nowText, viewFilterFromRow, viewFromRows, viewSortFromRow } from './meta-rows.ts';
import {
  changedValues,
  filterSnapshot,
  sortSnapshot,
  viewColumnSnapshot,
  viewSnapshot,
} from './schema-audit.ts';
import type { TableStore } from './table-store.ts';
import { type ViewColumnSettings, viewColumnSettings } from './view-column-settings.ts';
import { copyViewSetup, insertFilterRow, insertSortRow } from './view-setup-rows.ts';

export interface ViewSpec {
  readonly title?: string;
  readonly description?: string | null;
  readonly meta?: Record<string, unknown>;
  readonly lockType?: string;
  readonly groupFieldId?: string | null;
  readonly coverFieldId?: string | null;
  /** Copy fields, filters and sorts of this view. */
  readonly copyFromId?: string;
}

export interface ViewColumnSpec {
  readonly show?: boolean;
  readonly order?: number;
  readonly width?: string | null;
  /** Form settings (view-column-settings.ts); undefined leaves each as it is. */
  readonly label?: string | null;
  readonly description?: string | null;
  readonly required?: boolean;
  readonly meta?: Record<string, unknown>;
}

export interface ViewFilterSpec {
  readonly fieldId?: string | null;
  readonly comparisonOp?: string | null;
  readonly comparisonSubOp?: string | null;
  readonly value?: string | null;
  readonly logicalOp?: 'and' | 'or' | 'not';
  readonly isGroup?: boolean;
  readonly parentId?: string | null;
  readonly enabled?: boolean;
  readonly order?: number;
}

/**
 * A new filter's values from a spec: NocoDB's defaults (`eq`, `and`, enabled, after the
 * others) filled in, and no field or operator on a group. Shared by view and hook filters.
 */
export function newFilterValues(spec: ViewFilterSpec, existing: number) {
  return {
    parentId: spec.parentId ?? null,
    fieldId: spec.isGroup ? null : (spec.fieldId ?? null),
    comparisonOp: spec.isGroup ? null : (spec.comparisonOp ?? 'eq'),
    comparisonSubOp: spec.comparisonSubOp ?? null,
    value: spec.value ?? null,
    logicalOp: spec.logicalOp ?? 'and',
    isGroup: spec.isGroup ?? false,
    enabled: spec.enabled ?? true,
    order: spec.order ?? existing + 1,
  };
}

export interface ViewSortSpec {
  readonly fieldId?: string;
  readonly direction?: 'asc' | 'desc';
  readonly order?: number;
}

/**
 * Views with their columns, filters and sorts. Every change is audited in its transaction
 * (`view.create|update|delete`, `view.column.update`, `view.filter.*`, `view.sort.*`), with
 * the view as the entry's target.
 */
export interface ViewStore {
  list(tableId: string): Promise<ViewModel[]>;
  get(viewId: string): Promise<ViewModel>;
  create(tableId: string, type: ViewTypeName, spec: ViewSpec, change: ChangeContext): Promise<ViewModel>;
  update(viewId: string, spec: ViewSpec, change: ChangeContext): Promise<ViewModel>;
  remove(viewId: string, change: ChangeContext): Promise<void>;
  updateColumn(
    viewId: string,
    fieldId: string,
    spec: ViewColumnSpec,
    change: ChangeContext,
  ): Promise<ViewModel>;
  setAllShown(viewId: string, show: boolean, change: ChangeContext): Promise<ViewModel>;
  createFilter(viewId: string, spec: ViewFilterSpec, change: ChangeContext): Promise<ViewFilterModel>;
  getFilter(filterId: string): Promise<ViewFilterModel>;
  updateFilter(filterId: string, spec: ViewFilterSpec, change: ChangeContext): Promise<ViewFilterModel>;
  removeFilter(filterId: string, change: ChangeContext): Promise<void>;
  createSort(viewId: string, spec: ViewSortSpec, change: ChangeContext): Promise<ViewSortModel>;
  getSort(sortId: string): Promise<ViewSortModel>;
  updateSort(sortId: string, spec: ViewSortSpec, change: ChangeContext): Promise<ViewSortModel>;
  removeSort(sortId: string, change: ChangeContext): Promise<void>;
}

/** What a view change tells the audit trail; the view is the target. */
interface ViewAudit {
  readonly viewId: string;
  readonly action: string;
  readonly details: unknown;
}

/** Inserts a grid view row; used for the default view every new table gets. */
export async function insertViewRow(
  executor: Executor,
  tableId: string,
  type: ViewTypeName,
  title: string,
  order: number,
  spec: ViewSpec = {},
): Promise<string> {
  const now = nowText();
  const id = newId('vw');
  await executor
    .insertInto('tessera_views')
    .values({
      id,
      table_id: tableId,
      title,
      view_type: type,
      description: spec.description ?? null,
      meta: JSON.stringify(spec.meta ?? {}),
      sort_order: order,
      group_field_id: spec.groupFieldId ?? null,
      cover_field_id: spec.coverFieldId ?? null,
      lock_type: spec.lockType ?? 'collaborative',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export function viewStore(context: StoreContext, tables: TableStore): ViewStore {
  const { db, cache } = context;

  const load = async (viewId: string): Promise<ViewModel> => {
    const cached = cache.view(viewId);
    if (cached) return cached;
    const row = await db.selectFrom('tessera_views').selectAll().where('id', '=', viewId).executeTakeFirst();
    if (!row) throw new TesseraError('ERR_VIEW_NOT_FOUND', `View '${viewId}' not found`);
    const [fields, filters, sorts] = await Promise.all([
      db
        .selectFrom('tessera_view_fields')
        .selectAll()
        .where('view_id', '=', viewId)
        .orderBy('sort_order')
        .execute(),
      db
        .selectFrom('tessera_view_filters')
        .selectAll()
        .where('view_id', '=', viewId)
        .orderBy('sort_order')
        .execute(),
      db
        .selectFrom('tessera_view_sorts')
        .selectAll()
        .where('view_id', '=', viewId)
        .orderBy('sort_order')
        .execute(),
    ]);
    return cache.rememberView(viewFromRows(row, fields, filters, sorts));
  };

  const touched = async (viewId: string) => {
    cache.forgetView(viewId);
    return load(viewId);
  };

  /**
   * Runs a change to a view of `tableId` and its audit entry in one transaction; `audit`
   * describes the change, given what `work` returned.
   */
  const audited = async <T>(
    tableId: string,
    change: ChangeContext,
    work: (trx: Executor) => Promise<T>,
    audit: (result: T) => ViewAudit,
  ): Promise<T> => {
    const { baseId } = await tables.get(tableId);
    return db.transaction().execute(async (trx) => {
      const result = await work(trx);
      const { viewId, action, details } = audit(result);
      await appendAudit(trx, change, [{ action, baseId, tableId, targetId: viewId, details }]);
      return result;
    });
  };

  /** Deletes the view, or one of its filters or sorts, audited, and drops the cached view. */
  const deleteAudited = async (
    view: ViewModel,
    table: 'tessera_views' | 'tessera_view_filters' | 'tessera_view_sorts',
    id: string,
    change: ChangeContext,
    audit: Omit<ViewAudit, 'viewId'>,
  ) => {
    await audited(
      view.tableId,
      change,
      (trx) => trx.deleteFrom(table).where('id', '=', id).execute(),
      () => ({ viewId: view.id, ...audit }),
    );
    cache.forgetView(view.id);
  };

  const fieldOf = async (tableId: string, fieldId: string | null | undefined, what: string) => {
    const table = await tables.get(tableId);
    const field = table.fields.find((f) => f.id === fieldId);
    if (!field)
      throw new TesseraError(
        'ERR_FIELD_NOT_FOUND',
        `${what}: field '${fieldId}' not found in table '${table.title}'`,
      );
    return { table, field };
  };

  /** Fields a view filters or sorts by get an index, so view queries and their totals stay fast. */
  const indexField = async (tableId: string, fieldId: string | null | undefined) => {
    if (!fieldId) return;
    const { table, field } = await fieldOf(tableId, fieldId, 'Index');
    const pk = table.fields.find((f) => f.pk);
    if (!field.pk)
      await userTableDdl(db, context.dialect).createIndex(table.tableName, field, false, pk?.columnName);
  };

  const checkGroupField = async (tableId: string, fieldId: string | null | undefined) => {
    if (!fieldId) return;
    const { field } = await fieldOf(tableId, fieldId, 'Kanban grouping');
    if (field.uidt !== 'SingleSelect')
      throw schemaError(`Kanban views group by a SingleSelect field; '${field.title}' is ${field.uidt}`);
  };

  const filterRow = async (filterId: string) => {
    const row = await db
      .selectFrom('tessera_view_filters')
      .selectAll()
      .where('id', '=', filterId)
      .executeTakeFirst();
    if (!row) throw new TesseraError('ERR_FILTER_NOT_FOUND', `Filter '${filterId}' not found`);
    return row;
  };

  const sortRow = async (sortId: string) => {
    const row = await db
      .selectFrom('tessera_view_sorts')
      .selectAll()
      .where('id', '=', sortId)
      .executeTakeFirst();
    if (!row) throw new TesseraError('ERR_SORT_NOT_FOUND', `Sort '${sortId}' not found`);
    return row;
  };

  const checkFilterSpec = async (view: ViewModel, spec: ViewFilterSpec) => {
    if (spec.parentId) {
      const parent = await filterRow(spec.parentId);
      if (parent.view_id !== view.id || parent.is_group !== 1)
        throw schemaError(`Filter '${spec.parentId}' is not a group of this view`);
    }
    if (!spec.isGroup) {
      const { table } = await fieldOf(view.tableId, spec.fieldId, 'Filter');
      // Bind once now so an operator or value the field cannot take is refused when saved.
      const condition = viewFilterCondition({
        fieldId: spec.fieldId ?? null,
        comparisonOp: spec.comparisonOp ?? 'eq',
        comparisonSubOp: spec.comparisonSubOp ?? null,
        value: spec.value ?? null,
      });
      if (condition)
        bindFilter(filterExpression([filterTerm('and', condition)]), {
          resolve: filterFieldResolver(table),
          now: new Date(),
        });
    }
    if (spec.logicalOp && !['and', 'or', 'not'].includes(spec.logicalOp))
      throw schemaError(`logical_op must be and, or or not (got '${spec.logicalOp}')`);
  };

  return {
    async list(tableId) {
      await tables.get(tableId);
      const rows = await db
        .selectFrom('tessera_views')
        .select('id')
        .where('table_id', '=', tableId)
        .orderBy('sort_order')
        .execute();
      return Promise.all(rows.map((r) => load(r.id)));
    },

    get: load,

    async create(tableId, type, spec, change) {
      const table = await tables.get(tableId);
      const title = checkTitle(spec.title, 'View');
      const existing = await db
        .selectFrom('tessera_views')
        .select(['title', 'sort_order'])
        .where('table_id', '=', tableId)
        .execute();
      if (existing.some((v) => v.title.toLowerCase() === title.toLowerCase()))
        throw schemaError(`A view titled '${title}' already exists on this table`);
      if (type === 'kanban') {
        const groupFieldId = spec.groupFieldId ?? table.fields.find((f) => f.uidt === 'SingleSelect')?.id;
        await checkGroupField(tableId, groupFieldId);
        spec = { ...spec, groupFieldId: groupFieldId ?? null };
      }
      const source = spec.copyFromId ? await load(spec.copyFromId) : undefined;
      if (source && source.tableId !== tableId)
        throw schemaError('copy_from_id must be a view of the same table');
      const order = Math.max(0, ...existing.map((v) => Number(v.sort_order))) + 1;
      const after = viewSnapshot({
        title,
        type,
        description: spec.description ?? null,
        lockType: spec.lockType ?? 'collaborative',
        groupFieldId: spec.groupFieldId ?? null,
        coverFieldId: spec.coverFieldId ?? null,
        meta: spec.meta ?? {},
      });
      const id = await audited(
        tableId,
        change,
        async (trx) => {
          const viewId = await insertViewRow(trx, tableId, type, title, order, spec);
          if (source) await copyViewSetup(trx, source, viewId);
          return viewId;
        },
        (viewId) => ({
          viewId,
          action: 'view.create',
          details: { after, ...(source ? { copied_from: source.id } : {}) },
        }),
      );
      return load(id);
    },

    async update(viewId, spec, change) {
      const view = await load(viewId);
      const title = spec.title === undefined ? view.title : checkTitle(spec.title, 'View');
      if (spec.groupFieldId !== undefined && view.type === 'kanban')
        await checkGroupField(view.tableId, spec.groupFieldId);
      if (spec.coverFieldId) await fieldOf(view.tableId, spec.coverFieldId, 'Cover image');
      const next = {
        title,
        type: view.type,
        description: spec.description === undefined ? view.description : spec.description,
        meta: spec.meta === undefined ? view.meta : spec.meta,
        lockType: spec.lockType ?? view.lockType,
        groupFieldId: spec.groupFieldId === undefined ? view.groupFieldId : spec.groupFieldId,
        coverFieldId: spec.coverFieldId === undefined ? view.coverFieldId : spec.coverFieldId,
      };
      await audited(
        view.tableId,
        change,
        (trx) =>
          trx
            .updateTable('tessera_views')
            .set({
              title,
              description: next.description,
              meta: JSON.stringify(next.meta),
              lock_type: next.lockType,
              group_field_id: next.groupFieldId,
              cover_field_id: next.coverFieldId,
              updated_at: nowText(),
            })
            .where('id', '=', viewId)
            .execute(),
        () => ({
          viewId,
          action: 'view.update',
          details: changedValues(viewSnapshot(view), viewSnapshot(next)),
        }),
      );
      return touched(viewId);
    },

    async remove(viewId, change) {
      const view = await load(viewId);
      await deleteAudited(view, 'tessera_views', viewId, change, {
        action: 'view.delete',
        details: { before: viewSnapshot(view) },
      });
    },

    async updateColumn(viewId, fieldId, spec, change) {
      const view = await load(viewId);
      const { field } = await fieldOf(view.tableId, fieldId, 'View column');
      const current = view.fields.find((f) => f.fieldId === fieldId);
      const settings = viewColumnSettings(current);
      const nextSettings: ViewColumnSettings = {
        label: spec.label === undefined ? settings.label : spec.label,
        description: spec.description === undefined ? settings.description : spec.description,
        required: spec.required ?? settings.required,
        meta: spec.meta ?? settings.meta,
      };
      const next = {
        show: spec.show ?? current?.show ?? true,
        order: spec.order ?? current?.order ?? field.order,
        width: spec.width === undefined ? (current?.width ?? null) : spec.width,
      };
      const values = {
        is_shown: flag(next.show),
        sort_order: next.order,
        width: next.width,
        meta: JSON.stringify(nextSettings),
      };
      // A field without a column row shows, in field order, at the default width.
      const before = {
        ...viewColumnSnapshot(current ?? { show: true, order: field.order, width: null }),
        ...settings,
      };
      await audited(
        view.tableId,
        change,
        async (trx) => {
          if (current)
            await trx
              .updateTable('tessera_view_fields')
              .set(values)
              .where('view_id', '=', viewId)
              .where('field_id', '=', fieldId)
              .execute();
          else
            await trx
              .insertInto('tessera_view_fields')
              .values({ view_id: viewId, field_id: fieldId, ...values })
              .execute();
        },
        () => ({
          viewId,
          action: 'view.column.update',
          details: {
            field_id: fieldId,
            ...changedValues(before, { ...viewColumnSnapshot(next), ...nextSettings }),
          },
        }),
      );
      return touched(viewId);
    },

    async setAllShown(viewId, show, change) {
      const view = await load(viewId);
      const table = await tables.get(view.tableId);
      await audited(
        view.tableId,
        change,
        async (trx) => {
          for (const field of table.fields) {
            if (field.pk) continue;
            const current = view.fields.find((f) => f.fieldId === field.id);
            if (current) {
              await trx
                .updateTable('tessera_view_fields')
                .set({ is_shown: flag(show) })
                .where('view_id', '=', viewId)
                .where('field_id', '=', field.id)
                .execute();
            } else {
              await trx
                .insertInto('tessera_view_fields')
                .values({
                  view_id: viewId,
                  field_id: field.id,
                  is_shown: flag(show),
                  sort_order: field.order,
                  width: null,
                  meta: '{}',
                })
                .execute();
            }
          }
        },
        () => ({ viewId, action: 'view.column.update', details: { field_id: null, after: { show } } }),
      );
      return touched(viewId);
    },

    async createFilter(viewId, spec, change) {
      const view = await load(viewId);
      await checkFilterSpec(view, spec);
      const id = newId('fi');
      const filter = newFilterValues(spec, view.filters.length);
      await audited(
        view.tableId,
        change,
        (trx) => insertFilterRow(trx, { id, viewId, ...filter }),
        () => ({
          viewId,
          action: 'view.filter.create',
          details: { filter_id: id, after: filterSnapshot(filter) },
        }),
      );
      await indexField(view.tableId, filter.fieldId);
      await touched(viewId);
      return viewFilterFromRow(await filterRow(id));
    },

    getFilter: async (filterId) => viewFilterFromRow(await filterRow(filterId)),

    async updateFilter(filterId, spec, change) {
      const row = await filterRow(filterId);
      const view = await load(row.view_id);
      const merged: ViewFilterSpec = {
        fieldId: spec.fieldId === undefined ? row.field_id : spec.fieldId,
        comparisonOp: spec.comparisonOp === undefined ? row.comparison_op : spec.comparisonOp,
        comparisonSubOp: spec.comparisonSubOp === undefined ? row.comparison_sub_op : spec.comparisonSubOp,
        value: spec.value === undefined ? row.value : spec.value,
        logicalOp: spec.logicalOp ?? (row.logical_op as ViewFilterSpec['logicalOp']),
        isGroup: row.is_group === 1,
        parentId: spec.parentId === undefined ? row.parent_id : spec.parentId,
        enabled: spec.enabled ?? row.is_enabled === 1,
        order: spec.order ?? Number(row.sort_order),
      };
      await checkFilterSpec(view, merged);
      const next = {
        fieldId: merged.isGroup ? null : (merged.fieldId ?? null),
        comparisonOp: merged.comparisonOp ?? null,
        comparisonSubOp: merged.comparisonSubOp ?? null,
        value: merged.value ?? null,
        logicalOp: merged.logicalOp ?? 'and',
        isGroup: merged.isGroup ?? false,
        parentId: merged.parentId ?? null,
        enabled: merged.enabled ?? true,
        order: merged.order ?? 0,
      };
      await audited(
        view.tableId,
        change,
        (trx) =>
          trx
            .updateTable('tessera_view_filters')
            .set({
              field_id: next.fieldId,
              comparison_op: next.comparisonOp,
              comparison_sub_op: next.comparisonSubOp,
              value: next.value,
              logical_op: next.logicalOp,
              parent_id: next.parentId,
              is_enabled: flag(next.enabled),
              sort_order: next.order,
            })
            .where('id', '=', filterId)
            .execute(),
        () => ({
          viewId: view.id,
          action: 'view.filter.update',
          details: {
            filter_id: filterId,
            ...changedValues(filterSnapshot(viewFilterFromRow(row)), filterSnapshot(next)),
          },
        }),
      );
      await indexField(view.tableId, next.fieldId);
      await touched(view.id);
      return viewFilterFromRow(await filterRow(filterId));
    },

    async removeFilter(filterId, change) {
      const row = await filterRow(filterId);
      await deleteAudited(await load(row.view_id), 'tessera_view_filters', filterId, change, {
        action: 'view.filter.delete',
        details: { filter_id: filterId, before: filterSnapshot(viewFilterFromRow(row)) },
      });
    },

    async createSort(viewId, spec, change) {
      const view = await load(viewId);
      await fieldOf(view.tableId, spec.fieldId, 'Sort');
      checkDirection(spec.direction);
      const id = newId('so');
      const sort = {
        fieldId: spec.fieldId ?? '',
        direction: spec.direction ?? 'asc',
        order: spec.order ?? view.sorts.length + 1,
      };
      await audited(
        view.tableId,
        change,
        (trx) => insertSortRow(trx, { id, viewId, ...sort }),
        () => ({ viewId, action: 'view.sort.create', details: { sort_id: id, after: sortSnapshot(sort) } }),
      );
      await indexField(view.tableId, spec.fieldId);
      await touched(viewId);
      return viewSortFromRow(await sortRow(id));
    },

    getSort: async (sortId) => viewSortFromRow(await sortRow(sortId)),

    async updateSort(sortId, spec, change) {
      const row = await sortRow(sortId);
      const view = await load(row.view_id);
      if (spec.fieldId) await fieldOf(view.tableId, spec.fieldId, 'Sort');
      checkDirection(spec.direction);
      const previous = viewSortFromRow(row);
      const next = {
        fieldId: spec.fieldId ?? previous.fieldId,
        direction: spec.direction ?? previous.direction,
        order: spec.order ?? previous.order,
      };
      await audited(
        view.tableId,
        change,
        (trx) =>
          trx
            .updateTable('tessera_view_sorts')
            .set({ field_id: next.fieldId, direction: next.direction, sort_order: next.order })
            .where('id', '=', sortId)
            .execute(),
        () => ({
          viewId: view.id,
          action: 'view.sort.update',
          details: { sort_id: sortId, ...changedValues(sortSnapshot(previous), sortSnapshot(next)) },
        }),
      );
      await indexField(view.tableId, next.fieldId);
      await touched(view.id);
      return viewSortFromRow(await sortRow(sortId));
    },

    async removeSort(sortId, change) {
      const row = await sortRow(sortId);
      await deleteAudited(await load(row.view_id), 'tessera_view_sorts', sortId, change, {
        action: 'view.sort.delete',
        details: { sort_id: sortId, before: sortSnapshot(viewSortFromRow(row)) },
      });
    },
  };
}

function checkDirection(direction: string | undefined): void {
  if (direction && direction !== 'asc' && direction !== 'desc')
    throw schemaError(`direction must be asc or desc (got '${direction}')`);
}
