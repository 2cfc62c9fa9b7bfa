// Drag and drop of kanban cards: while dragging, the card moves between stacks on screen;
// on drop, a change of stack saves the record's new select value (undone on refusal) and the
// target stack's order is saved, as is a reorder within a stack. Live refreshes wait until
// the saves are done.
import type { DragEndEvent, DragOverEvent, DragStartEvent } from '@dnd-kit/core';
import { useRef, useState } from 'react';
import { recordsApi } from '../../api/records-api.ts';
import type { Field } from '../../api/types.ts';
import { save } from '../../shared/save-queue.ts';
import { showToast } from '../../ui/toasts.tsx';
import { kanbanApi } from './kanban-api.ts';
import {
  cardIdOf,
  idsOf,
  indexInStack,
  moveCard,
  orderRunAround,
  stackOfCard,
  stackOfTarget,
} from './kanban-dnd.ts';
import type { StackDef } from './kanban-stacks.ts';
import type { BoardData, KanbanBoard } from './use-kanban-board.ts';

interface DragStart {
  readonly id: number;
  readonly from: string;
  readonly before: BoardData;
  readonly release: () => void;
}

export interface CardDrag {
  /** The record being dragged, for the drag overlay. */
  readonly activeId: number | undefined;
  onDragStart(event: DragStartEvent): void;
  onDragOver(event: DragOverEvent): void;
  onDragEnd(event: DragEndEvent): void;
  onDragCancel(): void;
}

function sameOrder(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export function useCardDrag(options: {
  readonly tableId: string;
  readonly viewId: string;
  readonly field: Field | undefined;
  readonly stacks: readonly StackDef[];
  readonly board: KanbanBoard;
  /** False when the view is sorted: the order of cards follows the sort, not the drag. */
  readonly keepsOrder: boolean;
}): CardDrag {
  const { tableId, viewId, field, stacks, board, keepsOrder } = options;
  const [activeId, setActiveId] = useState<number | undefined>(undefined);
  const start = useRef<DragStart | undefined>(undefined);

  const finish = () => {
    const begun = start.current;
    start.current = undefined;
    setActiveId(undefined);
    return begun;
  };

  const persist = async (begun: DragStart, to: string) => {
    const id = begun.id;
    const stack = stacks.find((s) => s.key === to);
    if (!field || !stack) return;
    if (to !== begun.from) {
      try {
        await save(() => recordsApi.update(tableId, [{ Id: id, [field.title]: stack.value }]));
      } catch (error) {
        board.setData(() => begun.before);
        showToast((error as Error).message, 'error');
        return;
      }
      board.setData((data) => {
        const target = data[to];
        if (!target) return data;
        const rows = target.rows.map((r) => (r.Id === id ? { ...r, [field.title]: stack.value } : r));
        return { ...data, [to]: { ...target, rows } };
      });
    } else if (!keepsOrder) {
      showToast('This view is sorted, so cards keep the order of the sort.');
      board.setData(() => begun.before);
      return;
    }
    if (!keepsOrder) return;
    try {
      await save(() => kanbanApi.setRecordOrder(viewId, orderRunAround(idsOf(board.current()[to]), id)));
    } catch (error) {
      showToast((error as Error).message, 'error');
      board.refresh([to]);
    }
  };

  return {
    activeId,
    onDragStart({ active }) {
      const id = cardIdOf(active.id);
      const from = id === undefined ? undefined : stackOfCard(board.current(), id);
      if (id === undefined || from === undefined) return;
      start.current = { id, from, before: board.current(), release: board.hold() };
      setActiveId(id);
    },
    onDragOver({ active, over }) {
      const id = cardIdOf(active.id);
      if (id === undefined || !over) return;
      const data = board.current();
      const from = stackOfCard(data, id);
      const to = stackOfTarget(data, over.id);
      if (!from || !to || from === to) return;
      const overId = cardIdOf(over.id);
      const target = data[to];
      let index = target?.rows.length ?? 0;
      if (overId !== undefined) {
        const overIndex = indexInStack(target, overId);
        const dragged = active.rect.current.translated;
        const below = dragged !== null && dragged.top > over.rect.top + over.rect.height / 2;
        index = overIndex + (below ? 1 : 0);
      }
      board.setData((current) => moveCard(current, id, from, to, index));
    },
    onDragEnd({ active, over }) {
      const begun = finish();
      if (!begun) return;
      const id = cardIdOf(active.id);
      const data = board.current();
      const to = id === undefined ? undefined : stackOfCard(data, id);
      if (id === undefined || !over || !to) {
        board.setData(() => begun.before);
        begun.release();
        return;
      }
      const overId = cardIdOf(over.id);
      if (overId !== undefined && overId !== id && stackOfCard(data, overId) === to)
        board.setData((current) => moveCard(current, id, to, to, indexInStack(current[to], overId)));
      const moved = to !== begun.from || !sameOrder(idsOf(begun.before[to]), idsOf(board.current()[to]));
      if (!moved) {
        begun.release();
        return;
      }
      void persist(begun, to).finally(begun.release);
    },
    onDragCancel() {
      const begun = finish();
      if (!begun) return;
      board.setData(() => begun.before);
      begun.release();
    },
  };
}
