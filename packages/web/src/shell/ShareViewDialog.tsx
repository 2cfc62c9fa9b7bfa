// Shares a view by a public link, in a dialog over the table: the public-link panel (create,
// copy, password, stop sharing) that the form builder also shows. Grid, kanban and gallery
// links open a read-only view; form links open the form.
import { useState } from 'react';
import { type View, ViewType } from '../api/types.ts';
import { Modal } from '../ui/Modal.tsx';
import { ShareLinkPanel } from '../views/shared/ShareLinkPanel.tsx';

export interface ShareViewDialogProps {
  readonly view: View;
  /** The view as the server answered after a change (the table reloads its views). */
  onChanged(view: View): void;
  onClose(): void;
}

export function ShareViewDialog({ view: initial, onChanged, onClose }: ShareViewDialogProps) {
  const [view, setView] = useState(initial);
  return (
    <Modal title={`Share “${view.title}”`} onClose={onClose} width={520}>
      <div data-testid="share-dialog">
        <p className="dialog-text">
          {view.type === ViewType.form
            ? 'People with the link can fill in this form and add a record, without an account.'
            : 'People with the link can see this view read-only — its visible fields, filters and sorts — without an account.'}
        </p>
        <ShareLinkPanel
          view={view}
          onChange={(next) => {
            setView(next);
            onChanged(next);
          }}
        />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose} data-testid="share-done">
            Done
          </button>
        </div>
      </div>
    </Modal>
  );
}
