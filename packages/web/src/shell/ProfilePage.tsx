// The signed-in user's profile: name, e-mail and instance role (the API has no route to change
// one's own name, so it is shown read-only), and a password change, which ends every other
// session and hands this one a new token.
import { type FormEvent, useState } from 'react';
import { session } from '../api/session.ts';
import { useMe } from '../app/me-context.ts';
import { showToast } from '../ui/toasts.tsx';
import { authApi } from './shell-api.ts';
import { displayNameOf, initialsOf } from './user-name.ts';

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next.length < 8) return setError('The new password needs at least 8 characters');
    if (next !== repeat) return setError('The two new passwords differ');
    setBusy(true);
    setError(null);
    try {
      const { token } = await authApi.changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      session.signedIn(token);
      showToast('Password changed. Other sessions were signed out.');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const field = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    autoComplete: string,
  ) => (
    <div className="field-row">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type="password"
        required
        autoComplete={autoComplete}
        value={value}
        onChange={(event) => set(event.target.value)}
        data-testid={id}
      />
    </div>
  );

  return (
    <form className="card panel profile-card" onSubmit={submit} data-testid="password-form">
      <h2>Change password</h2>
      {field('password-current', 'Current password', current, setCurrent, 'current-password')}
      {field('password-new', 'New password (at least 8 characters)', next, setNext, 'new-password')}
      {field('password-repeat', 'New password again', repeat, setRepeat, 'new-password')}
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
    <div className="page" data-testid="profile-page">
      <div className="page-header">
        <h1>Profile</h1>
      </div>
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
    </div>
  );
}
