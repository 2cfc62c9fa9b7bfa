// The kanban view: records stacked by a SingleSelect field, "Uncategorized" first, then one
// stack per option. Cards drag between stacks (changing the field) and within a stack
// (a manual order kept by the server); stacks collapse; "+" adds a card to a stack.
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useEffect, useMemo, useState } from 'react';
import { metaApi } from '../../api/meta-api.ts';
import { recordsApi } from '../../api/records-api.ts';
import { save } from '../../shared/save-queue.ts';
import { showToast } from '../../ui/toasts.tsx';
import { CardSettings } from '../gallery/CardSettings.tsx';
import { viewCardFieldsOf } from '../gallery/card-fields.ts';
import { RecordCard } from '../gallery/RecordCard.tsx';
import { useViewColumns } from '../gallery/use-view-columns.ts';
import type { ViewProps } from '../view-props.ts';
import { GroupFieldPicker, GroupFieldSelect } from './GroupFieldPicker.tsx';
import { KanbanStack } from './KanbanStack.tsx';
import { stackOfCard } from './kanban-dnd.ts';
import { type StackDef, stacksOf } from './kanban-stacks.ts';
import { useCardDrag } from './use-card-drag.ts';
import { useCollapsedStacks } from './use-collapsed-stacks.ts';
import { useKanbanBoard } from './use-kanban-board.ts';
import './kanban.css';

/** Whether the view has sorts (then the cards' order follows them, not drags). */
function useViewIsSorted(viewId: string): boolean {
  const [sorted, setSorted] = useState(false);
  useEffect(() => {
    let live = true;
    metaApi
      .viewSorts(viewId)
      .then((answer) => live && setSorted(answer.list.length > 0))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [viewId]);
  return sorted;
}

export function KanbanView(props: ViewProps) {
  const { table, view, canEdit, canDesign, openRecord, reloadTable } = props;
  const fields = table.columns;
  const candidate = fields.find((f) => f.id === view.fk_grp_col_id);
  const field = candidate?.uidt === 'SingleSelect' ? candidate : undefined;
  // Stacks change only when the field or its options do, not on every reload of the table.
  const signature = field ? JSON.stringify([field.id, field.title, field.colOptions?.options]) : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for the field's options
  const stacks = useMemo(() => (field ? stacksOf(field) : []), [signature]);

  const board = useKanbanBoard(table.base_id, table.id, view.id, field, stacks);
  const { columns, setShown } = useViewColumns(view.id);
  const { collapsed, toggle } = useCollapsedStacks(view, canDesign);
  const sorted = useViewIsSorted(view.id);
  const drag = useCardDrag({ tableId: table.id, viewId: view.id, field, stacks, board, keepsOrder: !sorted });
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
    }),
  );

  const coverField = fields.find((f) => f.id === view.fk_cover_image_col_id);
  const cardFields = viewCardFieldsOf(fields, columns ?? [], view, [field?.id]);

  const addCard = async (stack: StackDef) => {
    if (!field) return;
    try {
      const [created] = await save(() =>
        recordsApi.create(table.id, [stack.value === null ? {} : { [field.title]: stack.value }]),
      );
      board.refresh([stack.key]);
      if (created) openRecord(created.Id);
    } catch (error) {
      showToast((error as Error).message, 'error');
    }
  };

  const settings = canDesign && columns && (
    <CardSettings
      fields={fields}
      view={view}
      columns={columns}
      setShown={setShown}
      reloadTable={reloadTable}
      exclude={[field?.id ?? null]}
    >
      <GroupFieldSelect fields={fields} view={view} reloadTable={reloadTable} />
    </CardSettings>
  );

  if (!field)
    return (
      <div className="kanban-view" data-testid="kanban-view">
        <GroupFieldPicker fields={fields} view={view} canDesign={canDesign} reloadTable={reloadTable} />
      </div>
    );

  const data = board.data;
  const activeKey = drag.activeId === undefined ? undefined : stackOfCard(data, drag.activeId);
  const activeRow = activeKey ? data[activeKey]?.rows.find((r) => r.Id === drag.activeId) : undefined;

  return (
    <div className="kanban-view" data-testid="kanban-view">
      <div className="view-toolbar">
        <span className="view-toolbar-count">Stacked by {field.title}</span>
        {sorted && <span className="chip">Sorted: cards follow the view's sort</span>}
        <span className="view-toolbar-spacer" />
        {settings}
      </div>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragStart={drag.onDragStart}
        onDragOver={drag.onDragOver}
        onDragEnd={drag.onDragEnd}
        onDragCancel={drag.onDragCancel}
      >
        <div className="kanban-board" data-testid="kanban-board">
          {stacks.map((stack) => (
            <KanbanStack
              key={stack.key}
              stack={stack}
              data={data[stack.key]}
              collapsed={collapsed.includes(stack.key)}
              canEdit={canEdit}
              allFields={fields}
              cardFields={cardFields}
              coverField={coverField}
              onToggle={toggle}
              onAdd={(s) => void addCard(s)}
              onLoadMore={board.loadMore}
              openRecord={openRecord}
            />
          ))}
        </div>
        <DragOverlay>
          {activeRow ? (
            <RecordCard
              className="kanban-card kanban-card-dragging"
              allFields={fields}
              record={activeRow}
              fields={cardFields}
              coverField={coverField}
            />
          ) : null}
        </DragOverlay>
      </DndContext>
    </div>
  );
}
