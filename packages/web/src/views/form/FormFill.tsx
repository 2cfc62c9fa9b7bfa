// A form as the person answering it sees it: heading, questions, submit, then the thank-you
// message. Required answers are checked here before sending; the server's refusals are shown
// next to their fields (or above the form when they belong to none). Used by the public form
// page and by the builder's preview.
import { type FormEvent, useState } from 'react';
import { saveStatus } from '../../shared/save-queue.ts';
import { useObservable } from '../../shared/store.ts';
import { FormQuestion } from './FormQuestion.tsx';
import { submitErrorsOf } from './form-errors.ts';
import { type FormFieldSpec, missingRequired, recordOfValues } from './form-fields.ts';
import { defaultThanks, type FormSettings } from './form-settings.ts';
import './form.css';

type Phase = 'filling' | 'sending' | 'done';

/** The thank-you text a submission answered (`{msg}` from the public form route), if any. */
function thanksOf(answer: unknown): string | null {
  const msg = (answer as { msg?: unknown } | undefined)?.msg;
  return typeof msg === 'string' && msg.trim() ? msg : null;
}

export function FormFill({
  title,
  settings,
  specs,
  tableId,
  anonymous,
  cannotSubmit,
  onSubmit,
}: {
  /** Shown when the form has no heading of its own. */
  title: string;
  settings: FormSettings;
  specs: readonly FormFieldSpec[];
  tableId: string;
  anonymous: boolean;
  /** Why this person may not submit (a preview for viewers), or undefined. */
  cannotSubmit?: string | undefined;
  /**
   * Sends the record (through the save queue, which retries while the server is unreachable);
   * an answer with `msg` is the thank-you text to show.
   */
  onSubmit(record: Record<string, unknown>): Promise<unknown>;
}) {
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('filling');
  const [thanks, setThanks] = useState<string | null>(null);
  const retrying = useObservable(saveStatus).retrying;

  const change = (fieldId: string, value: unknown) => {
    setValues((v) => ({ ...v, [fieldId]: value }));
    if (errors[fieldId]) setErrors(({ [fieldId]: _gone, ...rest }) => rest);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const missing = missingRequired(specs, values);
    setErrors(missing);
    setGeneral(null);
    const firstMissing = Object.keys(missing)[0];
    if (firstMissing) {
      form
        .querySelector<HTMLElement>(`[data-field-id="${firstMissing}"] :is(input, textarea, select, button)`)
        ?.focus();
      return;
    }
    setPhase('sending');
    try {
      const answer = await onSubmit(recordOfValues(specs, values));
      setThanks(thanksOf(answer));
      setPhase('done');
    } catch (error) {
      const refused = submitErrorsOf(error, specs);
      setErrors(refused.fields);
      setGeneral(refused.general);
      setPhase('filling');
    }
  };

  const again = () => {
    setValues({});
    setErrors({});
    setPhase('filling');
  };

  if (phase === 'done')
    return (
      <section className="form-sheet card form-thanks" data-testid="form-thanks">
        <div className="form-thanks-mark" aria-hidden="true">
          ✓
        </div>
        <p className="form-thanks-text">{thanks ?? (settings.success_msg.trim() || defaultThanks)}</p>
        {settings.submit_another_form && (
          <button type="button" className="button" onClick={again} data-testid="form-submit-another">
            Submit another response
          </button>
        )}
      </section>
    );

  return (
    <section className="form-sheet card" data-testid="form-fill">
      <header className="form-sheet-header">
        <h1 className="form-heading">{settings.heading.trim() || title}</h1>
        {settings.subheading.trim() && <p className="form-subheading">{settings.subheading}</p>}
      </header>
      <form noValidate onSubmit={submit} className="form-sheet-body">
        {general && (
          <div className="error-state form-general-error" role="alert" data-testid="form-general-error">
            {general}
          </div>
        )}
        {specs.length === 0 && <p className="form-empty">This form has no questions yet.</p>}
        {specs.map((spec) => (
          <FormQuestion
            key={spec.field.id}
            spec={spec}
            tableId={tableId}
            value={values[spec.field.id] ?? null}
            error={errors[spec.field.id]}
            anonymous={anonymous}
            disabled={phase === 'sending'}
            onChange={(value) => change(spec.field.id, value)}
          />
        ))}
        <div className="form-submit-row">
          <button
            type="submit"
            className="button button-primary"
            disabled={phase === 'sending' || Boolean(cannotSubmit) || specs.length === 0}
            data-testid="form-submit"
          >
            {phase === 'sending' ? 'Submitting…' : 'Submit'}
          </button>
          {cannotSubmit && <span className="public-muted">{cannotSubmit}</span>}
          {phase === 'sending' && retrying && (
            <span className="public-muted" role="status">
              Not sent yet ({retrying.message}); trying again…
            </span>
          )}
          {Object.keys(errors).length > 0 && (
            <span className="field-error">Some answers need your attention.</span>
          )}
        </div>
      </form>
    </section>
  );
}
