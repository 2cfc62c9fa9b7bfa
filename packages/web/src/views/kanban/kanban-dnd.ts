// The pure moves of kanban drag and drop: which stack holds a card, moving a card to another
// stack or place, and the drag ids dnd-kit uses for cards and stacks.
import type { BoardData, StackData } from './use-kanban-board.ts';

const cardPrefix = 'card:';
const stackPrefix = 'stack:';

export const cardDndId = (id: number) => `${cardPrefix}${id}`;
export const stackDndId = (key: string) => `${stackPrefix}${key}`;

/** The record id of a card's drag id, or undefined for anything else. */
export function cardIdOf(dndId: string | number): number | undefined {
  const text = String(dndId);
  return text.startsWith(cardPrefix) ? Number(text.slice(cardPrefix.length)) : undefined;
}

/** The stack holding the card with this record id. */
export function stackOfCard(board: BoardData, id: number): string | undefined {
  return Object.keys(board).find((key) => board[key]?.rows.some((r) => r.Id === id));
}

/** The stack a drag id points at: a stack itself, or the stack holding a card. */
export function stackOfTarget(board: BoardData, dndId: string | number): string | undefined {
  const text = String(dndId);
  if (text.startsWith(stackPrefix)) return text.slice(stackPrefix.length);
  const id = cardIdOf(text);
  return id === undefined ? undefined : stackOfCard(board, id);
}

export function indexInStack(stack: StackData | undefined, id: number): number {
  return stack?.rows.findIndex((r) => r.Id === id) ?? -1;
}

/**
 * The board with card `id` moved from stack `from` to stack `to` at `index` (its end when
 * the index is past it), the stacks' totals adjusted.
 */
export function moveCard(board: BoardData, id: number, from: string, to: string, index: number): BoardData {
  const source = board[from];
  const target = board[to];
  if (!source || !target) return board;
  const row = source.rows.find((r) => r.Id === id);
  if (!row) return board;
  if (from === to) {
    const rows = source.rows.filter((r) => r.Id !== id);
    rows.splice(Math.min(Math.max(index, 0), rows.length), 0, row);
    return { ...board, [from]: { ...source, rows } };
  }
  const rows = [...target.rows];
  rows.splice(Math.min(Math.max(index, 0), rows.length), 0, row);
  return {
    ...board,
    [from]: {
      ...source,
      rows: source.rows.filter((r) => r.Id !== id),
      total: source.total === undefined ? undefined : source.total - 1,
    },
    [to]: { ...target, rows, total: target.total === undefined ? undefined : target.total + 1 },
  };
}

/** The record ids of a stack's loaded cards, in order. */
export function idsOf(stack: StackData | undefined): number[] {
  return (stack?.rows ?? []).map((r) => Number(r.Id));
}

/** Records one record-order request may list (the server's limit). */
export const maxOrderedRecords = 1000;

/**
 * The ids to send to the record-order route after `id` moved in a stack: all of them, or for
 * a very long stack a run of at most `maxOrderedRecords` around the moved card (the server
 * puts the run where its first record stood and leaves the rest in place).
 */
export function orderRunAround(ids: readonly number[], id: number): number[] {
  if (ids.length <= maxOrderedRecords) return [...ids];
  const index = Math.max(0, ids.indexOf(id));
  const start = Math.max(0, Math.min(index - maxOrderedRecords / 2, ids.length - maxOrderedRecords));
  return ids.slice(start, start + maxOrderedRecords);
}
