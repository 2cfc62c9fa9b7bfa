// Undo and redo of grid edits. One step is everything one gesture changed: a cell edit, a
// pasted range (with the rows it had to add), a fill, a cleared selection.
import type { Field, RecordRow } from '../../api/types.ts';

export interface CellChange {
  readonly rowId: number;
  readonly field: Field;
  readonly before: unknown;
  readonly after: unknown;
}

export interface EditStep {
  readonly changes: readonly CellChange[];
  /** Rows the step created (a paste past the last row): undo deletes them, redo adds them again. */
  readonly created?: { readonly ids: readonly number[]; readonly bodies: readonly RecordRow[] };
}

const limit = 100;

export class UndoStack {
  private done: EditStep[] = [];
  private undone: EditStep[] = [];

  /** A new edit: it can be undone, and what was undone can no longer be redone. */
  push(step: EditStep): void {
    this.done.push(step);
    if (this.done.length > limit) this.done.shift();
    this.undone = [];
  }

  /** Forgets a step whose save the server refused (it never happened). */
  drop(step: EditStep): void {
    this.done = this.done.filter((s) => s !== step);
    this.undone = this.undone.filter((s) => s !== step);
  }

  takeUndo(): EditStep | undefined {
    return this.done.pop();
  }

  takeRedo(): EditStep | undefined {
    return this.undone.pop();
  }

  /** A step just undone, ready to redo. */
  undid(step: EditStep): void {
    this.undone.push(step);
  }

  /** A step just redone, ready to undo again (without clearing the redo list). */
  redid(step: EditStep): void {
    this.done.push(step);
  }

  /** Puts `next` where `step` is (a redone step that created rows with new ids). */
  replace(step: EditStep, next: EditStep): void {
    this.done = this.done.map((s) => (s === step ? next : s));
    this.undone = this.undone.map((s) => (s === step ? next : s));
  }
}

/** The same changes the other way round. */
export function inverse(changes: readonly CellChange[]): CellChange[] {
  return changes.map((change) => ({ ...change, before: change.after, after: change.before }));
}
