// Asks before something that cannot be undone (deleting rows or a field).
import { Modal } from '../../ui/Modal.tsx';

export interface ConfirmRequest {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  onConfirm(): void;
}

export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose(): void }) {
  return (
    <Modal title={request.title} onClose={onClose} width={420}>
      <p>{request.message}</p>
      <div className="modal-actions">
        <button type="button" className="button" data-testid="confirm-cancel" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          data-testid="confirm-ok"
          onClick={() => {
            onClose();
            request.onConfirm();
          }}
        >
          {request.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
