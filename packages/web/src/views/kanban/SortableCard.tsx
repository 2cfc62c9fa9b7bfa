// A kanban card that can be dragged with the mouse, or with the keyboard (Space picks it up,
// arrows move it, Space drops it, Escape cancels). Enter opens the record.
import { useSortable } from '@dnd-kit/sortable';
import { RecordCard, type RecordCardProps } from '../gallery/RecordCard.tsx';
import { cardDndId } from './kanban-dnd.ts';

export function SortableCard({ disabled, ...props }: RecordCardProps & { disabled: boolean }) {
  const id = Number(props.record.Id);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: cardDndId(id),
    disabled,
  });
  return (
    <RecordCard
      {...props}
      {...attributes}
      {...listeners}
      cardRef={setNodeRef}
      className={isDragging ? 'kanban-card kanban-card-placeholder' : 'kanban-card'}
      onOpen={isDragging ? undefined : props.onOpen}
      style={{
        transform: transform
          ? `translate3d(${Math.round(transform.x)}px, ${Math.round(transform.y)}px, 0)`
          : undefined,
        transition,
      }}
    />
  );
}
