// The public page of a shared form (`/shared/form/:uuid`): anyone with the link (and its
// password, when it has one) fills it in and creates a record without an account.
import { ViewType } from '../../api/types.ts';
import { save } from '../../shared/save-queue.ts';
import { publicApi } from '../shared/public-api.ts';
import { NotAvailable, SharedPageGate } from '../shared/SharedPageGate.tsx';
import { useSharedMeta } from '../shared/use-shared-meta.ts';
import { FormFill } from './FormFill.tsx';
import { formFieldSpec, isFormField } from './form-fields.ts';
import { formSettingsOf } from './form-settings.ts';

export function SharedFormPage({ uuid }: { uuid: string }) {
  const loader = useSharedMeta(uuid);
  return (
    <SharedPageGate loader={loader} what="form">
      {(meta, password) =>
        meta.view.type !== ViewType.form ? (
          <NotAvailable what="form">
            This link opens a shared view, not a form:{' '}
            <a href={`/shared/view/${encodeURIComponent(uuid)}`}>open the view</a>.
          </NotAvailable>
        ) : (
          <FormFill
            title={meta.view.title}
            settings={formSettingsOf(meta.view.meta)}
            specs={meta.columns.filter(isFormField).map((column) => formFieldSpec(column, column))}
            tableId={meta.table.id}
            anonymous
            onSubmit={(record) => save(() => publicApi.submit(uuid, record, password))}
          />
        )
      }
    </SharedPageGate>
  );
}
