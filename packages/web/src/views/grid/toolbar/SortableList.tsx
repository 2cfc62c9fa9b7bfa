// A vertical list whose rows are reordered by dragging a handle (mouse or keyboard), for the
// sort and fields panels. It reports the new order of ids; the caller saves it.
import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import type { HTMLAttributes, ReactNode } from 'react';

export type DragHandleProps = HTMLAttributes<HTMLButtonElement>;

export interface SortableListProps<T> {
  readonly items: readonly T[];
  idOf(item: T): string;
  onReorder(ids: string[]): void;
  readonly disabled?: boolean;
  /** One row; spread `handle` on the element that starts a drag. */
  renderItem(item: T, handle: DragHandleProps): ReactNode;
}

export function SortableList<T>({ items, idOf, onReorder, disabled, renderItem }: SortableListProps<T>) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = items.map(idOf);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = ids.indexOf(String(active.id));
    const to = ids.indexOf(String(over.id));
    if (from < 0 || to < 0) return;
    onReorder(arrayMove(ids, from, to));
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={ids} strategy={verticalListSortingStrategy} disabled={disabled}>
        {items.map((item) => (
          <SortableRow key={idOf(item)} id={idOf(item)}>
            {(handle) => renderItem(item, handle)}
          </SortableRow>
        ))}
      </SortableContext>
    </DndContext>
  );
}

function SortableRow({ id, children }: { id: string; children: (handle: DragHandleProps) => ReactNode }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  const style = {
    transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
    transition,
    opacity: isDragging ? 0.6 : undefined,
    position: 'relative' as const,
    zIndex: isDragging ? 1 : undefined,
  };
  return (
    <div ref={setNodeRef} style={style} className="sortable-row">
      {children({ ...attributes, ...listeners })}
    </div>
  );
}

/** The grip a row is dragged by. */
export function DragHandle({ handle, label }: { handle: DragHandleProps; label: string }) {
  return (
    <button
      type="button"
      className="drag-handle"
      aria-label={label}
      title="Drag to reorder"
      data-testid="drag-handle"
      {...handle}
    >
      ⋮⋮
    </button>
  );
}
