import { type TableModel, TesseraError } from '@tessera/core';
import { appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import type { Executor, StoreContext } from '../store-context.ts';
import { primaryKeyField } from './record-input.ts';

/**
 * The order of records set by hand in a view (kanban cards, later grid rows): a position per
 * record and view in `tessera_record_positions`. A list of the view without sorts reads in
 * ascending position, records without one after those with, then by id (list-statement.ts).
 */
export interface RecordOrderStore {
  /**
   * Whether the view has any positions, so lists of views without them stay exactly as they
   * were. Known per process: `true` for good once seen, `false` re-checked after a few seconds
   * (another process may have ordered the view meanwhile).
   */
  inUse(viewId: string): Promise<boolean>;
  /**
   * Puts the records in this order: they form one run, in the order given, where the first of
   * them (in the view's current order) stood; records not listed keep their places. Unknown
   * records are a 404 and nothing changes. Audited as `view.record-order`.
   */
  place(
    table: TableModel,
    viewId: string,
    recordIds: readonly number[],
    change: ChangeContext,
  ): Promise<void>;
}

/** How long "this view has no positions" is believed before asking the database again. */
const NOT_IN_USE_TTL_MS = 5_000;
const MAX_REMEMBERED_VIEWS = 10_000;
/** Rows per INSERT: three parameters each, far below both databases' limits. */
const ROWS_PER_STATEMENT = 300;

interface Position {
  readonly recordId: number;
  readonly position: number;
}

/** Records of the list the table does not have, in the list's order. */
async function missingRecords(
  trx: Executor,
  table: TableModel,
  recordIds: readonly number[],
): Promise<number[]> {
  const pk = primaryKeyField(table).columnName;
  const found = new Set<number>();
  for (let start = 0; start < recordIds.length; start += ROWS_PER_STATEMENT) {
    const rows = await trx
      .selectFrom(table.tableName)
      .select(pk)
      .where(pk, 'in', recordIds.slice(start, start + ROWS_PER_STATEMENT))
      .execute();
    for (const row of rows) found.add(Number(row[pk]));
  }
  return recordIds.filter((id) => !found.has(id));
}

/**
 * The least distance between neighbouring positions a placement makes; closer than this, the
 * view is renumbered first, so positions stay far from the limits of doubles.
 */
const MIN_SPACING = 1e-6;

/**
 * `count` positions in increasing order strictly between `before` and `after` (either may be
 * missing), at least MIN_SPACING apart, or null when there is no such room there.
 */
function spread(before: number | undefined, after: number | undefined, count: number): number[] | null {
  const positions = Array.from({ length: count }, (_, index) => {
    if (before !== undefined && after !== undefined)
      return before + ((after - before) * (index + 1)) / (count + 1);
    if (before !== undefined) return before + index + 1;
    if (after !== undefined) return after - (count - index);
    return index + 1;
  });
  const sequence = [before ?? Number.NEGATIVE_INFINITY, ...positions, after ?? Number.POSITIVE_INFINITY];
  const increasing = sequence.every(
    (value, index) => index === 0 || value - (sequence[index - 1] as number) >= MIN_SPACING,
  );
  return increasing && positions.every(Number.isFinite) ? positions : null;
}

/**
 * Where the run of listed records goes: between the unlisted neighbours of the first listed
 * record that has a position, or after every position when none has one.
 */
async function runBounds(
  trx: Executor,
  viewId: string,
  recordIds: readonly number[],
): Promise<{ before?: number; after?: number }> {
  const positions = trx.selectFrom('tessera_record_positions').where('view_id', '=', viewId);
  const first = await positions
    .select(['record_id', 'position'])
    .where('record_id', 'in', recordIds)
    .orderBy('position')
    .orderBy('record_id')
    .limit(1)
    .executeTakeFirst();
  if (!first) {
    const last = await positions.select((eb) => eb.fn.max('position').as('position')).executeTakeFirst();
    return last?.position === null || last?.position === undefined ? {} : { before: Number(last.position) };
  }
  const at = Number(first.position);
  const id = Number(first.record_id);
  // The nearest unlisted record on one side of (at, id), in (position, record id) order.
  const neighbour = (side: '<' | '>') => {
    const direction = side === '<' ? 'desc' : 'asc';
    return positions
      .select('position')
      .where('record_id', 'not in', recordIds)
      .where((eb) =>
        eb.or([eb('position', side, at), eb.and([eb('position', '=', at), eb('record_id', side, id)])]),
      )
      .orderBy('position', direction)
      .orderBy('record_id', direction)
      .limit(1)
      .executeTakeFirst();
  };
  const before = await neighbour('<');
  const after = await neighbour('>');
  return {
    ...(before ? { before: Number(before.position) } : {}),
    ...(after ? { after: Number(after.position) } : {}),
  };
}

async function savePositions(trx: Executor, viewId: string, positions: readonly Position[]): Promise<void> {
  for (let start = 0; start < positions.length; start += ROWS_PER_STATEMENT)
    await trx
      .insertInto('tessera_record_positions')
      .values(
        positions
          .slice(start, start + ROWS_PER_STATEMENT)
          .map(({ recordId, position }) => ({ view_id: viewId, record_id: recordId, position })),
      )
      .onConflict((conflict) =>
        conflict
          .columns(['view_id', 'record_id'])
          .doUpdateSet((eb) => ({ position: eb.ref('excluded.position') })),
      )
      .execute();
}

/** Rewrites the view's positions as 1, 2, 3… in their current order (after gaps ran out). */
async function renumber(trx: Executor, viewId: string): Promise<void> {
  const rows = await trx
    .selectFrom('tessera_record_positions')
    .select('record_id')
    .where('view_id', '=', viewId)
    .orderBy('position')
    .orderBy('record_id')
    .execute();
  await trx.deleteFrom('tessera_record_positions').where('view_id', '=', viewId).execute();
  await savePositions(
    trx,
    viewId,
    rows.map((row, index) => ({ recordId: Number(row.record_id), position: index + 1 })),
  );
}

async function placeRun(trx: Executor, viewId: string, recordIds: readonly number[]): Promise<number[]> {
  const first = await runBounds(trx, viewId, recordIds);
  const positions = spread(first.before, first.after, recordIds.length);
  if (positions) return positions;
  await renumber(trx, viewId);
  const again = await runBounds(trx, viewId, recordIds);
  const renumbered = spread(again.before, again.after, recordIds.length);
  if (!renumbered) throw new Error(`record positions of view ${viewId} cannot be spread after renumbering`);
  return renumbered;
}

export function recordOrderStore({ db, dialect }: StoreContext): RecordOrderStore {
  const known = new Map<string, { inUse: boolean; until: number }>();
  const remember = (viewId: string, inUse: boolean) => {
    if (known.size >= MAX_REMEMBERED_VIEWS) known.clear();
    known.set(viewId, { inUse, until: inUse ? Number.POSITIVE_INFINITY : Date.now() + NOT_IN_USE_TTL_MS });
  };

  return {
    async inUse(viewId) {
      const hit = known.get(viewId);
      if (hit && hit.until > Date.now()) return hit.inUse;
      const row = await db
        .selectFrom('tessera_record_positions')
        .select('record_id')
        .where('view_id', '=', viewId)
        .limit(1)
        .executeTakeFirst();
      remember(viewId, row !== undefined);
      return row !== undefined;
    },

    async place(table, viewId, recordIds, change) {
      await db.transaction().execute(async (trx) => {
        // Two reorders of one view take turns, so neither places records between stale neighbours.
        if (dialect.supportsConcurrentWriters)
          await trx.selectFrom('tessera_views').select('id').where('id', '=', viewId).forUpdate().execute();
        const missing = await missingRecords(trx, table, recordIds);
        if (missing.length > 0)
          throw new TesseraError(
            'ERR_RECORD_NOT_FOUND',
            `Record${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not found in table '${table.title}'`,
            { ids: missing },
          );
        const positions = await placeRun(trx, viewId, recordIds);
        await savePositions(
          trx,
          viewId,
          recordIds.map((recordId, index) => ({ recordId, position: positions[index] as number })),
        );
        await appendAudit(trx, change, [
          {
            action: 'view.record-order',
            baseId: table.baseId,
            tableId: table.id,
            targetId: viewId,
            details: { recordIds },
          },
        ]);
      });
      remember(viewId, true);
    },
  };
}
