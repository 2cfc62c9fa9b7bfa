// Asks before something that cannot be undone (deleting a base, table, view, field, rows or a
// comment; revoking a token; removing a member). A refusal from the server is shown in the
// dialog; the caller closes it once the action is done.
import { type ReactNode, useState } from 'react';
import { Modal } from './Modal.tsx';
import './confirm-dialog.css';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  onConfirm(): Promise<void> | void;
  onClose(): void;
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <Modal title={title} onClose={onClose} width={440}>
      <div className="confirm-text">{children}</div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="button" data-testid="confirm-cancel" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => void confirm()}
          data-testid="confirm-button"
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
