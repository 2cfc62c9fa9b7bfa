// Names a new view of a chosen type (a kanban also picks the single select it groups by), or a
// copy of an existing view (`copy_from_id`: its fields, filters and sorts come along).
import { useState } from 'react';
import { metaApi } from '../api/meta-api.ts';
import { type Field, type View, ViewType, type ViewTypeNumber } from '../api/types.ts';
import { NameDialog } from './NameDialog.tsx';
import { freeViewTitle, viewTypeOf } from './view-types.ts';

export interface CreateViewDialogProps {
  readonly tableId: string;
  readonly fields: readonly Field[];
  readonly views: readonly View[];
  readonly type: ViewTypeNumber;
  /** Duplicate this view instead of starting empty. */
  readonly copyOf?: View | undefined;
  onCreated(view: View): void;
  onClose(): void;
}

export function CreateViewDialog({
  tableId,
  fields,
  views,
  type,
  copyOf,
  onCreated,
  onClose,
}: CreateViewDialogProps) {
  const info = viewTypeOf(type);
  const selects = fields.filter((field) => field.uidt === 'SingleSelect');
  const [groupBy, setGroupBy] = useState(copyOf?.fk_grp_col_id ?? selects[0]?.id ?? '');
  const initial = freeViewTitle(views, copyOf ? `${copyOf.title} copy` : info.label);

  const create = async (title: string) => {
    const body: Record<string, unknown> = { title };
    if (copyOf) {
      body.copy_from_id = copyOf.id;
      if (copyOf.meta) body.meta = copyOf.meta;
      if (copyOf.fk_cover_image_col_id) body.fk_cover_image_col_id = copyOf.fk_cover_image_col_id;
    }
    if (type === ViewType.kanban && groupBy) body.fk_grp_col_id = groupBy;
    onCreated(await metaApi.createView(tableId, type, body));
  };

  return (
    <NameDialog
      title={copyOf ? `Duplicate “${copyOf.title}”` : `New ${info.label.toLowerCase()} view`}
      label="View name"
      initial={initial}
      submitLabel={copyOf ? 'Duplicate' : 'Create view'}
      onSubmit={create}
      onClose={onClose}
    >
      {type === ViewType.kanban && !copyOf && (
        <div className="field-row">
          <label htmlFor="kanban-group-by">Group cards by</label>
          {selects.length > 0 ? (
            <select
              id="kanban-group-by"
              className="select"
              value={groupBy}
              onChange={(event) => setGroupBy(event.target.value)}
              data-testid="kanban-group-by"
            >
              {selects.map((field) => (
                <option key={field.id} value={field.id}>
                  {field.title}
                </option>
              ))}
            </select>
          ) : (
            <span className="field-help">
              The table has no single select field yet; the board will ask for one to group its cards by.
            </span>
          )}
        </div>
      )}
    </NameDialog>
  );
}
