// The card settings of a gallery or kanban view: which fields the cards show and which
// Attachment field gives the cover image. Kanban adds its grouping field through `children`.
import type { ReactNode } from 'react';
import { metaApi } from '../../api/meta-api.ts';
import type { Field, View, ViewColumn } from '../../api/types.ts';
import { showToast } from '../../ui/toasts.tsx';
import { ToolbarPopover } from '../grid/toolbar/ToolbarPopover.tsx';
import { coverFieldsOf, displayFieldOf, viewCardFieldsOf } from './card-fields.ts';

export interface CardSettingsProps {
  readonly fields: readonly Field[];
  readonly view: View;
  readonly columns: readonly ViewColumn[];
  setShown(fieldId: string, show: boolean): void;
  reloadTable(): Promise<void>;
  /** Fields cards never list (kanban: the grouping field). */
  readonly exclude?: readonly (string | null)[];
  readonly children?: ReactNode;
}

/** Saves a change to the view, then reloads the table so every part sees the new view. */
export async function changeView(
  view: View,
  change: Record<string, unknown>,
  reloadTable: () => Promise<void>,
): Promise<void> {
  try {
    await metaApi.updateView(view.id, change);
    await reloadTable();
  } catch (error) {
    showToast((error as Error).message, 'error');
  }
}

export function CardSettings(props: CardSettingsProps) {
  const { fields, view, columns, setShown, reloadTable, exclude = [] } = props;
  const title = displayFieldOf(fields);
  const shown = new Set(viewCardFieldsOf(fields, columns, view, exclude).map((f) => f.id));
  const left = new Set([title?.id, view.fk_cover_image_col_id, ...exclude]);
  const listable = fields.filter((f) => !f.system && !f.pk && !left.has(f.id));
  const covers = coverFieldsOf(fields);

  return (
    <ToolbarPopover label="Customize cards" testId="card-settings" align="right" width={280}>
      {() => (
        <div className="card-settings">
          {props.children}
          <label className="field-row">
            <span>Cover image</span>
            <select
              className="select"
              data-testid="card-cover-field"
              value={view.fk_cover_image_col_id ?? ''}
              onChange={(e) =>
                void changeView(view, { fk_cover_image_col_id: e.target.value || null }, reloadTable)
              }
            >
              <option value="">No cover</option>
              {covers.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </select>
          </label>
          <div className="field-row">
            <span>Fields on cards</span>
            {listable.length === 0 && <span className="field-help">No other fields</span>}
            {listable.map((f) => (
              <label key={f.id} className="card-settings-field">
                <input
                  type="checkbox"
                  data-testid={`card-field-${f.title}`}
                  checked={shown.has(f.id)}
                  onChange={(e) => setShown(f.id, e.target.checked)}
                />
                {f.title}
              </label>
            ))}
          </div>
        </div>
      )}
    </ToolbarPopover>
  );
}
