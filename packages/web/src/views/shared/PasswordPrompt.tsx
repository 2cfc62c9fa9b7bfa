// Asks for a shared form's or view's password before showing it.
import { type FormEvent, useState } from 'react';

export function PasswordPrompt({
  what,
  error,
  checking,
  onSubmit,
}: {
  what: string;
  error: string | null;
  checking: boolean;
  onSubmit(password: string): void;
}) {
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password) onSubmit(password);
  };
  return (
    <form className="card panel public-password" onSubmit={submit} data-testid="share-password-form">
      <h1>This {what} is password protected</h1>
      <p className="public-muted">Enter the password you were given to open it.</p>
      <div className="field-row">
        <label htmlFor="share-password">Password</label>
        <input
          id="share-password"
          className="input"
          type="password"
          autoComplete="current-password"
          // biome-ignore lint/a11y/noAutofocus: the password is the only thing to do on this page
          autoFocus
          value={password}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setPassword(event.target.value)}
          data-testid="share-password-input"
        />
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <button
        type="submit"
        className="button button-primary"
        disabled={!password || checking}
        data-testid="share-password-submit"
      >
        {checking ? 'Checking…' : 'Open'}
      </button>
    </form>
  );
}
