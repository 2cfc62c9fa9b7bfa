// The builder's right pane: what the person sees after submitting, and the public link.
import type { View } from '../../api/types.ts';
import { ShareLinkPanel } from '../shared/ShareLinkPanel.tsx';
import type { FormSettings } from './form-settings.ts';
import { defaultThanks } from './form-settings.ts';

export function FormSettingsPanel({
  view,
  settings,
  onSettings,
  onBlurText,
  onView,
}: {
  view: View;
  settings: FormSettings;
  onSettings(change: Partial<FormSettings>): void;
  onBlurText(): void;
  onView(view: View): void;
}) {
  return (
    <aside className="form-pane form-settings" aria-label="Form settings" data-testid="form-settings">
      <section>
        <h3>After submitting</h3>
        <div className="field-row">
          <label htmlFor="form-success-msg">Thank-you message</label>
          <textarea
            id="form-success-msg"
            className="textarea"
            rows={3}
            value={settings.success_msg}
            placeholder={defaultThanks}
            onChange={(event) => onSettings({ success_msg: event.target.value })}
            onBlur={onBlurText}
            data-testid="form-success-msg"
          />
        </div>
        <label className="form-toggle">
          <input
            type="checkbox"
            checked={settings.submit_another_form}
            onChange={(event) => onSettings({ submit_another_form: event.target.checked })}
            data-testid="form-submit-another-toggle"
          />
          Offer “Submit another response”
        </label>
      </section>
      <ShareLinkPanel view={view} onChange={onView} />
    </aside>
  );
}
