// The public link of a view, inline in a settings pane (the form builder's): create it, copy
// it, protect it with a password or remove that, stop sharing. The share dialog of the view
// tabs shows it too.
import { type FormEvent, useState } from 'react';
import { shareApi, sharedViewUrl } from '../../api/share-api.ts';
import { type View, ViewType } from '../../api/types.ts';
import { save } from '../../shared/save-queue.ts';
import { CopyField } from '../../ui/CopyField.tsx';
import { showToast } from '../../ui/toasts.tsx';
import './shared-view.css';

/** The server never shows a share's password, only whether there is one. */
function isProtected(view: View): boolean {
  return view.password_protected === true;
}

export function ShareLinkPanel({ view, onChange }: { view: View; onChange(view: View): void }) {
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState('');
  const [confirmingStop, setConfirmingStop] = useState(false);
  const link = sharedViewUrl(view);

  const run = async (change: () => Promise<View>, done: string) => {
    setBusy(true);
    try {
      onChange(await save(change));
      showToast(done);
      return true;
    } catch (error) {
      showToast((error as Error).message, 'error');
      return false;
    } finally {
      setBusy(false);
    }
  };

  const create = () => run(() => shareApi.create(view.id), 'Anyone with the link can now open it.');
  const stop = async () => {
    const stopped = await run(async () => {
      await shareApi.disable(view.id);
      return { ...view, uuid: null, password: null, password_protected: false } as View;
    }, 'The link no longer works.');
    if (stopped) setConfirmingStop(false);
  };
  const setNewPassword = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) return;
    if (await run(() => shareApi.setPassword(view.id, password), 'The link now asks for the password.'))
      setPassword('');
  };
  const clearPassword = () =>
    run(() => shareApi.setPassword(view.id, null), 'The link no longer asks for a password.');

  if (!link)
    return (
      <section className="share-panel" data-testid="share-panel">
        <h3>Public link</h3>
        <p className="share-muted">
          Not shared. A link lets people without an account open this{' '}
          {view.type === ViewType.form ? 'form' : 'view'}.
        </p>
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={create}
          data-testid="share-create"
        >
          Create a public link
        </button>
      </section>
    );

  return (
    <section className="share-panel" data-testid="share-panel">
      <h3>Public link</h3>
      <CopyField value={link} label="Public link" testId="share-link" />
      <a className="share-open" href={link} target="_blank" rel="noreferrer">
        Open in a new tab
      </a>

      {isProtected(view) ? (
        <div className="share-password-state">
          <span className="chip" data-testid="share-password-on">
            Password protected
          </span>
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={clearPassword}
            data-testid="share-password-clear"
          >
            Remove password
          </button>
        </div>
      ) : (
        <form className="share-password-form" onSubmit={setNewPassword}>
          <input
            className="input"
            type="password"
            autoComplete="new-password"
            placeholder="Password (optional)"
            aria-label="Link password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="share-password-new"
          />
          <button
            type="submit"
            className="button"
            disabled={busy || !password}
            data-testid="share-password-set"
          >
            Set password
          </button>
        </form>
      )}

      {confirmingStop ? (
        <div className="share-stop-confirm">
          <span>The link will stop working.</span>
          <button
            type="button"
            className="button button-small button-danger"
            disabled={busy}
            onClick={stop}
            data-testid="share-disable-confirm"
          >
            Stop sharing
          </button>
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => setConfirmingStop(false)}
          >
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button button-small button-ghost share-stop"
          onClick={() => setConfirmingStop(true)}
          data-testid="share-disable"
        >
          Stop sharing…
        </button>
      )}
    </section>
  );
}
