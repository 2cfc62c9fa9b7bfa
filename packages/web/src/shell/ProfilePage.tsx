// The signed-in user's profile: name, e-mail and instance role (the API has no route to change
// one's own name, so it is shown read-only), and a password change, which ends every other
// session and hands this one a new token.
import { useState } from 'react';
import { session } from '../api/session.ts';
import { useMe } from '../app/me-context.ts';
import { showToast } from '../ui/toasts.tsx';
import { Page } from './Page.tsx';
import { authApi } from './shell-api.ts';
import { TextField } from './TextField.tsx';
import { useFormSubmit } from './use-form-submit.ts';
import { displayNameOf, initialsOf } from './user-name.ts';

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, onSubmit } = useFormSubmit();

  const submit = onSubmit(async () => {
    if (next.length < 8) throw new Error('The new password needs at least 8 characters');
    if (next !== repeat) throw new Error('The two new passwords differ');
    const { token } = await authApi.changePassword(current, next);
    setCurrent('');
    setNext('');
    setRepeat('');
    session.signedIn(token);
    showToast('Password changed. Other sessions were signed out.');
  });

  return (
    <form className="card panel profile-card" onSubmit={submit} data-testid="password-form">
      <h2>Change password</h2>
      <TextField
        id="password-current"
        label="Current password"
        type="password"
        value={current}
        autoComplete="current-password"
        onChange={setCurrent}
      />
      <TextField
        id="password-new"
        label="New password (at least 8 characters)"
        type="password"
        value={next}
        autoComplete="new-password"
        onChange={setNext}
      />
      <TextField
        id="password-repeat"
        label="New password again"
        type="password"
        value={repeat}
        autoComplete="new-password"
        onChange={setRepeat}
      />
      {error && (
        <p className="field-error" role="alert" data-testid="password-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="password-submit">
          Change password
        </button>
      </div>
    </form>
  );
}

export function ProfilePage() {
  const me = useMe();
  return (
    <Page title="Profile" testId="profile-page">
      <div className="card panel profile-card">
        <div className="profile-identity">
          <span className="avatar avatar-large" aria-hidden="true">
            {initialsOf(me)}
          </span>
          <div>
            <div className="profile-name" data-testid="profile-name">
              {displayNameOf(me)}
            </div>
            <div className="muted" data-testid="profile-email">
              {me.email}
            </div>
            {me.instance_role && <span className="chip">{me.instance_role} of this Tessera</span>}
          </div>
        </div>
        <p className="field-help">
          Your name is set when the account is created; an administrator can help change it.
        </p>
      </div>
      <PasswordForm />
    </Page>
  );
}
