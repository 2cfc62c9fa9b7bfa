// One stack of a kanban board: its header (colour, title, count, add, collapse) and its cards,
// which load more as the stack's end scrolls into sight.
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useRef } from 'react';
import type { Field } from '../../api/types.ts';
import { textColorOn } from '../../fields/select-colors.ts';
import { useInfiniteScroll } from '../gallery/use-infinite-scroll.ts';
import { cardDndId, stackDndId } from './kanban-dnd.ts';
import type { StackDef } from './kanban-stacks.ts';
import { SortableCard } from './SortableCard.tsx';
import type { StackData } from './use-kanban-board.ts';

export interface KanbanStackProps {
  readonly stack: StackDef;
  readonly data: StackData | undefined;
  readonly collapsed: boolean;
  readonly canEdit: boolean;
  readonly allFields: readonly Field[];
  readonly cardFields: readonly Field[];
  readonly coverField: Field | undefined;
  onToggle(key: string): void;
  onAdd(stack: StackDef): void;
  onLoadMore(key: string): void;
  openRecord(id: number): void;
}

export function KanbanStack(props: KanbanStackProps) {
  const { stack, data, collapsed, canEdit } = props;
  const { setNodeRef, isOver } = useDroppable({ id: stackDndId(stack.key) });
  const sentinel = useRef<HTMLDivElement>(null);
  const rows = data?.rows ?? [];
  const more = data?.total !== undefined && rows.length < data.total;
  useInfiniteScroll(
    sentinel,
    () => props.onLoadMore(stack.key),
    !collapsed && more && !data?.loading && !data?.error,
  );

  const classes = ['kanban-stack', collapsed && 'kanban-stack-collapsed', isOver && 'kanban-stack-over'];
  return (
    <section
      ref={setNodeRef}
      className={classes.filter(Boolean).join(' ')}
      data-testid="kanban-stack"
      data-stack-title={stack.title}
      data-stack-key={stack.key}
      aria-label={stack.title}
    >
      <header className="kanban-stack-header">
        <span className="kanban-stack-title">
          <span
            className="chip kanban-stack-chip"
            style={{ background: stack.color ?? 'var(--surface)', color: textColorOn(stack.color ?? '') }}
          >
            {stack.title}
          </span>
        </span>
        <span className="kanban-stack-count" data-testid="kanban-stack-count">
          {data?.total ?? ''}
        </span>
        {!collapsed && canEdit && (
          <button
            type="button"
            className="icon-button"
            aria-label={`Add a card to ${stack.title}`}
            title="Add a card"
            data-testid="kanban-add-card"
            onClick={() => props.onAdd(stack)}
          >
            +
          </button>
        )}
        <button
          type="button"
          className="icon-button kanban-collapse-button"
          aria-label={collapsed ? `Expand ${stack.title}` : `Collapse ${stack.title}`}
          aria-expanded={!collapsed}
          title={collapsed ? 'Expand' : 'Collapse'}
          data-testid="kanban-collapse"
          onClick={() => props.onToggle(stack.key)}
        >
          {collapsed ? '›' : '‹'}
        </button>
      </header>
      {!collapsed && (
        <div className="kanban-stack-body">
          <SortableContext
            items={rows.map((r) => cardDndId(Number(r.Id)))}
            strategy={verticalListSortingStrategy}
          >
            {rows.map((record) => (
              <SortableCard
                key={String(record.Id)}
                record={record}
                allFields={props.allFields}
                fields={props.cardFields}
                coverField={props.coverField}
                onOpen={props.openRecord}
                disabled={!canEdit}
              />
            ))}
          </SortableContext>
          {data?.error && (
            <div className="error-state" role="alert">
              {data.error}
            </div>
          )}
          {data?.total === 0 && <div className="kanban-stack-empty">No cards</div>}
          {data?.loading && <div className="spinner kanban-spinner" aria-busy="true" />}
          {more && !data?.loading && (
            <button
              type="button"
              className="button button-ghost button-small"
              data-testid="kanban-load-more"
              onClick={() => props.onLoadMore(stack.key)}
            >
              Load more ({(data?.total ?? 0) - rows.length})
            </button>
          )}
          <div ref={sentinel} className="kanban-sentinel" />
        </div>
      )}
    </section>
  );
}
