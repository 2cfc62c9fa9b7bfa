// A form view. Creators build it here: fields not on the form on the left, the form itself in
// the centre (heading, questions with label, help text and required flag, drag to reorder),
// the thank-you message and public link on the right. Everyone else, and creators in preview
// mode, see the form as respondents do.
import {
  type CollisionDetection,
  closestCenter,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useState } from 'react';
import type { ViewProps } from '../view-props.ts';
import { canvasDropId, FormCanvas } from './FormCanvas.tsx';
import { FormFieldList, paletteDragPrefix } from './FormFieldList.tsx';
import { FormPreview } from './FormPreview.tsx';
import { FormSettingsPanel } from './FormSettingsPanel.tsx';
import { type FormColumn, shownIn } from './form-fields.ts';
import { type FormDesign, useFormDesign } from './use-form-design.ts';
import './form.css';

const isPaletteId = (id: unknown) => String(id).startsWith(paletteDragPrefix);

/**
 * What a drag is over. Fields from the left pane land on the card under the pointer, else at
 * the form's end (the canvas). Cards go where the card under the pointer is, else to the
 * nearest card (between two cards).
 */
const collisions: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  const card = hits.find((hit) => hit.id !== canvasDropId);
  if (card) return [card];
  if (isPaletteId(args.active.id)) return hits;
  return closestCenter({
    ...args,
    droppableContainers: args.droppableContainers.filter((c) => c.id !== canvasDropId),
  });
};

function Builder({
  props,
  design,
  columns,
}: {
  props: ViewProps;
  design: FormDesign;
  columns: readonly FormColumn[];
}) {
  const [dragging, setDragging] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const state = design.state;
  if (state.status !== 'ready') return null;
  const shown = shownIn(columns);

  const start = (event: DragStartEvent) => setDragging(String(event.active.id));
  const end = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    if (!over) return;
    const activeId = String(active.id);
    const overId = String(over.id);
    if (isPaletteId(activeId)) {
      const index = shown.findIndex((c) => c.field.id === overId);
      design.addField(activeId.slice(paletteDragPrefix.length), index < 0 ? undefined : index);
    } else if (overId !== activeId && overId !== canvasDropId) design.moveField(activeId, overId);
  };
  const draggedField =
    dragging && isPaletteId(dragging)
      ? columns.find((c) => c.field.id === dragging.slice(paletteDragPrefix.length))?.field
      : undefined;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisions}
      onDragStart={start}
      onDragEnd={end}
      onDragCancel={() => setDragging(null)}
    >
      <div className="form-builder" data-testid="form-builder">
        <FormFieldList columns={columns} onAdd={(id) => design.addField(id)} onAddAll={design.addAll} />
        <FormCanvas
          view={state.view}
          tableId={props.table.id}
          settings={state.settings}
          shown={shown}
          receiving={Boolean(draggedField)}
          actions={design}
          onSettings={design.updateSettings}
        />
        <FormSettingsPanel
          view={state.view}
          settings={state.settings}
          onSettings={design.updateSettings}
          onBlurText={design.flushText}
          onView={design.setView}
        />
      </div>
      <DragOverlay dropAnimation={null}>
        {draggedField ? <div className="form-palette-item form-drag-chip">{draggedField.title}</div> : null}
      </DragOverlay>
    </DndContext>
  );
}

export function FormBuilderView(props: ViewProps) {
  const design = useFormDesign(props.view.id, props.table.columns);
  const [previewing, setPreviewing] = useState(false);
  const { state } = design;

  if (state.status === 'loading') return <div className="spinner" aria-busy="true" />;
  if (state.status === 'error')
    return (
      <div className="empty-state">
        <div className="error-state">This form could not be loaded: {state.message}</div>
      </div>
    );

  const preview = (
    <FormPreview
      title={state.view.title}
      tableId={props.table.id}
      settings={state.settings}
      shown={shownIn(state.columns)}
      canEdit={props.canEdit}
    />
  );
  if (!props.canDesign) return <div className="form-view">{preview}</div>;

  return (
    <div className="form-view">
      <div className="form-view-bar">
        <div className="form-mode" role="tablist" aria-label="Form mode">
          <button
            type="button"
            role="tab"
            aria-selected={!previewing}
            className={previewing ? 'button button-small button-ghost' : 'button button-small'}
            onClick={() => setPreviewing(false)}
            data-testid="form-mode-build"
          >
            Build
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={previewing}
            className={previewing ? 'button button-small' : 'button button-small button-ghost'}
            onClick={() => {
              design.flushText();
              setPreviewing(true);
            }}
            data-testid="form-mode-preview"
          >
            Preview
          </button>
        </div>
        {design.saveError && (
          <div className="error-state form-save-error" role="alert" data-testid="form-save-error">
            Not saved: {design.saveError}
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss"
              onClick={design.dismissSaveError}
            >
              ×
            </button>
          </div>
        )}
      </div>
      {previewing ? preview : <Builder props={props} design={design} columns={state.columns} />}
    </div>
  );
}
