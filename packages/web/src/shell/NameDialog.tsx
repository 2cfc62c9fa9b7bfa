// Asks for a name (a new base, table or view, or a rename): the server's refusal, e.g. a
// title already in use, is shown in the dialog so the user can fix it.
import { type ReactNode, useState } from 'react';
import { Modal } from '../ui/Modal.tsx';
import { useFormSubmit } from './use-form-submit.ts';

export interface NameDialogProps {
  readonly title: string;
  readonly label: string;
  readonly initial?: string;
  readonly submitLabel: string;
  /** Saves the name; a rejection's message is shown and the dialog stays open. */
  onSubmit(name: string): Promise<void>;
  onClose(): void;
  /** More controls under the name (a view type picker, say). */
  readonly children?: ReactNode;
}

export function NameDialog({
  title,
  label,
  initial = '',
  submitLabel,
  onSubmit,
  onClose,
  children,
}: NameDialogProps) {
  const [name, setName] = useState(initial);
  // The caller closes the dialog once the name is saved.
  const form = useFormSubmit({ busyAfterSuccess: true });
  const { busy, error } = form;

  const submit = form.onSubmit(async () => {
    const trimmed = name.trim();
    if (!trimmed) throw new Error('A name is required');
    await onSubmit(trimmed);
  });

  return (
    <Modal title={title} onClose={onClose} width={420}>
      <form onSubmit={submit} data-testid="name-dialog">
        <div className="field-row">
          <label htmlFor="name-dialog-input">{label}</label>
          <input
            id="name-dialog-input"
            className="input"
            value={name}
            maxLength={255}
            onChange={(event) => setName(event.target.value)}
            onFocus={(event) => event.target.select()}
            aria-invalid={error ? true : undefined}
            data-testid="name-dialog-input"
          />
          {error && (
            <span className="field-error" role="alert" data-testid="name-dialog-error">
              {error}
            </span>
          )}
        </div>
        {children}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={busy}
            data-testid="name-dialog-submit"
          >
            {submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
