// The form as its respondents see it, inside the app: editors fill it in and submit as
// themselves through the records API; viewers see it without a submit.
import { recordsApi } from '../../api/records-api.ts';
import { save } from '../../shared/save-queue.ts';
import { showToast } from '../../ui/toasts.tsx';
import { FormFill } from './FormFill.tsx';
import { type FormColumn, specOfColumn } from './form-fields.ts';
import type { FormSettings } from './form-settings.ts';

export function FormPreview({
  title,
  tableId,
  settings,
  shown,
  canEdit,
}: {
  title: string;
  tableId: string;
  settings: FormSettings;
  shown: readonly FormColumn[];
  canEdit: boolean;
}) {
  return (
    <div className="form-preview" data-testid="form-preview">
      <FormFill
        title={title}
        settings={settings}
        specs={shown.map(specOfColumn)}
        tableId={tableId}
        anonymous={false}
        cannotSubmit={canEdit ? undefined : 'You can view this form but not add records to this table.'}
        onSubmit={async (record) => {
          const created = await save(() => recordsApi.create(tableId, [record]));
          showToast(`Record ${created[0]?.Id ?? ''} added.`);
        }}
      />
    </div>
  );
}
