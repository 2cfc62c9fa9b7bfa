// The fields panel: show or hide each field of the view, show all / hide all, and drag to
// reorder; saved as the view's columns. The primary key is never listed; the display-value
// field cannot be hidden; system fields are listed on request.
import { useState } from 'react';
import { metaApi } from '../../../api/meta-api.ts';
import type { Field, ViewColumn } from '../../../api/types.ts';
import { showToast } from '../../../ui/toasts.tsx';
import { columnEntries, reorderedColumns } from './column-order.ts';
import { DragHandle, SortableList } from './SortableList.tsx';
import { toolbarApi } from './toolbar-api.ts';
import type { ViewSetup } from './use-view-setup.ts';

export interface FieldsPanelProps {
  readonly viewId: string;
  readonly fields: readonly Field[];
  readonly setup: ViewSetup;
  readonly canDesign: boolean;
  onChanged(): void;
  /** The view shows system fields (`meta.showSystemFields`, which the grid follows). */
  readonly systemFieldsShown: boolean;
  /** Designers save the choice in the view; others only list system fields here. */
  onSystemFieldsShown(show: boolean): void;
}

export function FieldsPanel({
  viewId,
  fields,
  setup,
  canDesign,
  onChanged,
  systemFieldsShown,
  onSystemFieldsShown,
}: FieldsPanelProps) {
  const [search, setSearch] = useState('');
  const [withSystem, setWithSystem] = useState(systemFieldsShown);
  const { setColumns } = setup;
  const entries = columnEntries(
    fields.filter((f) => !f.pk),
    setup.columns,
  );
  const needle = search.trim().toLowerCase();
  const listed = entries.filter(
    (e) => (withSystem || !e.field.system) && (needle === '' || e.field.title.toLowerCase().includes(needle)),
  );

  const run = async (action: () => Promise<void>) => {
    try {
      await action();
      onChanged();
    } catch (failure) {
      showToast((failure as Error).message, 'error');
    }
  };
  const merge = (saved: readonly (ViewColumn | undefined)[]) =>
    setColumns((list) => {
      const next = list.map((c) => saved.find((s) => s?.fk_column_id === c.fk_column_id) ?? c);
      for (const column of saved)
        if (column && !next.some((c) => c.fk_column_id === column.fk_column_id)) next.push(column);
      return next;
    });

  const setShown = (fieldId: string, show: boolean) =>
    setColumns((list) => list.map((c) => (c.fk_column_id === fieldId ? { ...c, show } : c)));
  const toggle = (field: Field, show: boolean) => {
    setShown(field.id, show);
    return run(async () => {
      try {
        merge([await metaApi.updateViewColumn(viewId, field.id, { show })]);
      } catch (failure) {
        setShown(field.id, !show);
        throw failure;
      }
    });
  };
  const showAll = (show: boolean) =>
    run(async () => {
      await toolbarApi.showAllColumns(viewId, show);
      const fresh = await metaApi.viewColumns(viewId);
      setColumns(() => fresh.list);
    });
  const reorder = (ids: string[]) =>
    run(async () => {
      const moves = reorderedColumns(entries, ids);
      merge(
        await Promise.all(moves.map((m) => metaApi.updateViewColumn(viewId, m.fieldId, { order: m.order }))),
      );
    });

  return (
    <div className="fields-panel" data-testid="fields-panel">
      <input
        className="input"
        placeholder="Find a field"
        aria-label="Find a field"
        data-testid="fields-search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <div className="fields-list">
        <SortableList
          items={listed}
          idOf={(e) => e.field.id}
          disabled={!canDesign || needle !== ''}
          onReorder={(ids) => void reorder(ids)}
          renderItem={(entry, handle) => (
            <div
              className="panel-row fields-row"
              data-testid="fields-row"
              data-field-title={entry.field.title}
            >
              {canDesign && needle === '' && (
                <DragHandle handle={handle} label={`Move ${entry.field.title}`} />
              )}
              <label className="fields-label">
                <input
                  type="checkbox"
                  checked={entry.show}
                  disabled={!canDesign || entry.field.pv}
                  data-testid={`field-toggle-${entry.field.title}`}
                  onChange={(e) => void toggle(entry.field, e.target.checked)}
                />
                <span className="fields-title">{entry.field.title}</span>
              </label>
              {entry.field.pv && <span className="field-help">display value</span>}
              {entry.field.system && <span className="field-help">system</span>}
            </div>
          )}
        />
        {listed.length === 0 && <div className="field-help">No field matches.</div>}
      </div>
      <label className="fields-system">
        <input
          type="checkbox"
          checked={withSystem}
          onChange={(e) => {
            setWithSystem(e.target.checked);
            if (canDesign) onSystemFieldsShown(e.target.checked);
          }}
        />
        Show system fields
      </label>
      {canDesign && (
        <div className="panel-footer">
          <button
            type="button"
            className="button button-small"
            data-testid="fields-show-all"
            onClick={() => void showAll(true)}
          >
            Show all
          </button>
          <button
            type="button"
            className="button button-small"
            data-testid="fields-hide-all"
            onClick={() => void showAll(false)}
          >
            Hide all
          </button>
        </div>
      )}
    </div>
  );
}
