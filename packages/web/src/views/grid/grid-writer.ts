// Every record write the grid makes: cell changes shown at once (optimistically), sent as
// bulk PATCHes through the save queue, put back with a toast when the server refuses them;
// rows added and deleted; undo and redo. Cells with a write in flight are not overwritten by
// live updates or re-reads, so a slow save never flickers back to the old value.
import { recordsApi } from '../../api/records-api.ts';
import type { RecordRow } from '../../api/types.ts';
import { save } from '../../shared/save-queue.ts';
import { showToast } from '../../ui/toasts.tsx';
import { gridApi } from './grid-api.ts';
import type { RecordCache } from './record-cache.ts';
import { type CellChange, type EditStep, inverse, UndoStack } from './undo-stack.ts';

export interface WriterTarget {
  readonly tableId: string;
  readonly viewId: string;
  readonly cache: RecordCache;
}

/** Most records one request may carry (TESSERA_MAX_RECORDS_PER_REQUEST's default). */
const requestLimit = 1000;
/** Up to this many changed rows are read back after a save (computed fields, typecast). */
const rereadLimit = 200;

const blank = (value: unknown) => value === null || value === undefined || value === '';

export function sameValue(a: unknown, b: unknown): boolean {
  if (blank(a) && blank(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class GridWriter {
  readonly undo = new UndoStack();
  private readonly target: () => WriterTarget;
  private readonly pending = new Map<string, number>();

  constructor(target: () => WriterTarget) {
    this.target = target;
  }

  /** Writes changed cells as one undoable step; false when the server refused them. */
  async write(
    changes: readonly CellChange[],
    options: { typecast?: boolean; record?: boolean; created?: EditStep['created'] } = {},
  ): Promise<boolean> {
    const effective = changes.filter((change) => !sameValue(change.before, change.after));
    if (effective.length === 0 && !options.created) return true;
    const { tableId, cache } = this.target();
    for (const change of effective) {
      cache.patch(change.rowId, { [change.field.title]: change.after });
      this.mark(change, 1);
    }
    const step: EditStep = { changes: effective, created: options.created };
    if (options.record !== false) this.undo.push(step);
    const bodies = new Map<number, RecordRow>();
    for (const change of effective) {
      const body = bodies.get(change.rowId) ?? { Id: change.rowId };
      body[change.field.title] = change.after;
      bodies.set(change.rowId, body);
    }
    const sent = new Set<number>();
    try {
      for (const chunk of chunks([...bodies.values()], requestLimit)) {
        await save(() => gridApi.update(tableId, chunk, options.typecast === true));
        for (const body of chunk) sent.add(body.Id as number);
      }
      void this.reread([...bodies.keys()]);
      return true;
    } catch (error) {
      for (const change of effective) {
        if (sent.has(change.rowId)) continue;
        const current = cache.row(cache.indexOf(change.rowId) ?? -1)?.[change.field.title];
        if (sameValue(current, change.after))
          cache.patch(change.rowId, { [change.field.title]: change.before });
      }
      this.undo.drop(step);
      showToast(messageOf(error), 'error');
      return false;
    } finally {
      for (const change of effective) this.mark(change, -1);
    }
  }

  /** Creates records; answers their ids, or undefined (with a toast) when refused. */
  async create(bodies: readonly RecordRow[], typecast = false): Promise<number[] | undefined> {
    const { tableId } = this.target();
    try {
      const ids: number[] = [];
      for (const chunk of chunks(bodies, requestLimit)) {
        const created = await save(() => gridApi.create(tableId, chunk, typecast));
        ids.push(...created.map((row) => row.Id));
      }
      return ids;
    } catch (error) {
      showToast(messageOf(error), 'error');
      return undefined;
    }
  }

  /** Deletes records, then reloads the rows on screen; false when refused. */
  async remove(ids: readonly number[]): Promise<boolean> {
    const { tableId, cache } = this.target();
    try {
      for (const chunk of chunks(ids, requestLimit)) await save(() => recordsApi.remove(tableId, chunk));
      return true;
    } catch (error) {
      showToast(messageOf(error), 'error');
      return false;
    } finally {
      cache.refresh();
    }
  }

  /** Undoes the last step; it can be redone at once, and is forgotten if the undo is refused. */
  async undoLast(): Promise<void> {
    const step = this.undo.takeUndo();
    if (!step) return;
    this.undo.undid(step);
    const ok = await this.write(inverse(step.changes), { typecast: true, record: false });
    const removed = step.created ? await this.remove(step.created.ids) : true;
    if (!ok || !removed) this.undo.drop(step);
  }

  /** Redoes the last undone step (rows it had created are created again, with new ids). */
  async redoLast(): Promise<void> {
    const step = this.undo.takeRedo();
    if (!step) return;
    this.undo.redid(step);
    const ok = await this.write(step.changes, { typecast: true, record: false });
    if (step.created) {
      const ids = await this.create(step.created.bodies, true);
      this.target().cache.refresh();
      if (!ids) {
        this.undo.drop(step);
        return;
      }
      this.undo.replace(step, { changes: step.changes, created: { ids, bodies: step.created.bodies } });
    }
    if (!ok) this.undo.drop(step);
  }

  /** A row as the server has it now (live event, re-read), minus cells with a write in flight. */
  merge(row: RecordRow): void {
    if (typeof row.Id !== 'number') return;
    const values: RecordRow = {};
    for (const [title, value] of Object.entries(row))
      if (!this.pending.has(this.keyOf(row.Id, title))) values[title] = value;
    this.target().cache.patch(row.Id, values);
  }

  /** Reads changed rows back, for values the server computed or normalised. */
  async reread(ids: readonly number[]): Promise<void> {
    if (ids.length === 0 || ids.length > rereadLimit) return;
    const { tableId, viewId } = this.target();
    const fresh = await gridApi.rowsByIds(tableId, viewId, ids).catch(() => undefined);
    for (const row of fresh?.list ?? []) this.merge(row);
  }

  private keyOf(rowId: number, title: string): string {
    return `${rowId}\u0000${title}`;
  }

  private mark(change: CellChange, delta: 1 | -1): void {
    const key = this.keyOf(change.rowId, change.field.title);
    const count = (this.pending.get(key) ?? 0) + delta;
    if (count > 0) this.pending.set(key, count);
    else this.pending.delete(key);
  }
}
