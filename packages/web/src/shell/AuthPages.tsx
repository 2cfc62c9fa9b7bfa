// The signed-out pages: sign in (with "forgot password"), and sign up, either as the first
// account (the instance owner) or from an invitation link (`/signup?token=…`).
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../api/http.ts';
import { session } from '../api/session.ts';
import { AppLink } from './AppLink.tsx';
import { type AppInfo, authApi } from './shell-api.ts';
import { TextField } from './TextField.tsx';
import { useFormSubmit } from './use-form-submit.ts';
import './shell.css';
import './auth.css';

function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth-page">
      <div className="auth-card card" data-testid="auth-card">
        <div className="auth-brand">
          <span className="brand-logo" aria-hidden="true">
            ▦
          </span>
          Tessera
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </div>
  );
}

function useAppInfo(): AppInfo | undefined {
  const [info, setInfo] = useState<AppInfo>();
  useEffect(() => {
    authApi.info().then(setInfo, () => undefined);
  }, []);
  return info;
}

/** Seconds left until a 429's Retry-After passes, ticking down; 0 when free to try. */
function useCountdown(): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [until, now]);
  const start = (seconds: number) => {
    setNow(Date.now());
    setUntil(Date.now() + seconds * 1000);
  };
  return [Math.max(0, Math.ceil((until - now) / 1000)), start];
}

function retryAfterOf(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.status !== 429) return undefined;
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : 60;
}

function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="error-state auth-error" role="alert" data-testid="auth-error">
      {message}
    </div>
  );
}

function ForgotPasswordForm({ initialEmail, onBack }: { initialEmail: string; onBack(): void }) {
  const [email, setEmail] = useState(initialEmail);
  const [sent, setSent] = useState(false);
  const { busy, error, onSubmit } = useFormSubmit();
  const submit = onSubmit(async () => {
    await authApi.forgotPassword(email.trim());
    setSent(true);
  });
  return (
    <AuthCard title="Reset your password">
      {sent ? (
        <p className="auth-note" data-testid="forgot-sent">
          If an account exists for {email.trim()}, a link to choose a new password is on its way. It works
          once, for one hour. No mail server? Your administrator finds the link in the server log.
        </p>
      ) : (
        <form onSubmit={submit}>
          <p className="auth-note">
            Enter your e-mail address and we'll send you a link to choose a new password.
          </p>
          <TextField
            id="forgot-email"
            label="E-mail"
            type="email"
            value={email}
            autoComplete="email"
            onChange={setEmail}
          />
          <FormError message={error} />
          <button type="submit" className="button button-primary auth-submit" disabled={busy}>
            Send reset link
          </button>
        </form>
      )}
      <p className="auth-footer">
        <button type="button" className="link-button" onClick={onBack} data-testid="back-to-signin">
          Back to sign in
        </button>
      </p>
    </AuthCard>
  );
}

export function SignInPage() {
  const info = useAppInfo();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [forgot, setForgot] = useState(false);
  const [waitSeconds, startWait] = useCountdown();
  const { busy, error, onSubmit } = useFormSubmit({
    busyAfterSuccess: true,
    failureMessage(err) {
      const wait = retryAfterOf(err);
      // A throttled try shows a countdown instead of its message, and nothing once it ends.
      if (wait !== undefined) startWait(wait);
      return wait === undefined ? (err as Error).message : null;
    },
  });

  if (forgot) return <ForgotPasswordForm initialEmail={email} onBack={() => setForgot(false)} />;

  const submit = onSubmit(async () => {
    const { token } = await authApi.signIn(email.trim(), password);
    session.signedIn(token);
  });

  const canSignUp = info && (info.firstUser || !info.inviteOnlySignup);
  return (
    <AuthCard title="Sign in">
      {info?.firstUser && (
        <p className="auth-note" data-testid="first-user-note">
          This Tessera has no accounts yet.{' '}
          <AppLink to="/signup" data-testid="first-user-signup">
            Create the first one
          </AppLink>
          : it becomes the owner.
        </p>
      )}
      <form onSubmit={submit} data-testid="signin-form">
        <TextField
          id="signin-email"
          label="E-mail"
          type="email"
          value={email}
          autoComplete="email"
          onChange={setEmail}
        />
        <TextField
          id="signin-password"
          label="Password"
          type="password"
          value={password}
          autoComplete="current-password"
          onChange={setPassword}
        />
        <FormError message={waitSeconds > 0 ? `Too many attempts; try again in ${waitSeconds} s` : error} />
        <button
          type="submit"
          className="button button-primary auth-submit"
          disabled={busy || waitSeconds > 0}
          data-testid="signin-submit"
        >
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="auth-footer">
        <button
          type="button"
          className="link-button"
          onClick={() => setForgot(true)}
          data-testid="forgot-link"
        >
          Forgot password?
        </button>
        {canSignUp && (
          <AppLink to="/signup" data-testid="signup-link">
            Create an account
          </AppLink>
        )}
      </p>
    </AuthCard>
  );
}

export function SignUpPage({ invitation }: { invitation?: string | undefined }) {
  const info = useAppInfo();
  const [email, setEmail] = useState(() => new URLSearchParams(location.search).get('email') ?? '');
  const [firstname, setFirstname] = useState('');
  const [lastname, setLastname] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useFormSubmit({ busyAfterSuccess: true });

  const submit = onSubmit(async () => {
    if (password.length < 8) throw new Error('The password needs at least 8 characters');
    const { token } = await authApi.signUp({
      email: email.trim(),
      password,
      ...(firstname.trim() ? { firstname: firstname.trim() } : {}),
      ...(lastname.trim() ? { lastname: lastname.trim() } : {}),
      ...(invitation ? { token: invitation } : {}),
    });
    session.signedIn(token);
  });

  let note: ReactNode = null;
  if (invitation) note = <>You were invited to Tessera. Use the address the invitation was sent to.</>;
  else if (info?.firstUser) note = <>This is the first account of this Tessera: it becomes the owner.</>;
  else if (info?.inviteOnlySignup)
    note = (
      <>Sign-up is by invitation only. Open the link from your invitation e-mail, or ask an administrator.</>
    );

  return (
    <AuthCard title={invitation ? 'Accept your invitation' : 'Create your account'}>
      {note && (
        <p className="auth-note" data-testid="signup-note">
          {note}
        </p>
      )}
      <form onSubmit={submit} data-testid="signup-form">
        <div className="auth-name-row">
          <TextField
            id="signup-firstname"
            label="First name"
            type="text"
            value={firstname}
            autoComplete="given-name"
            required={false}
            onChange={setFirstname}
          />
          <TextField
            id="signup-lastname"
            label="Last name"
            type="text"
            value={lastname}
            autoComplete="family-name"
            required={false}
            onChange={setLastname}
          />
        </div>
        <TextField
          id="signup-email"
          label="E-mail"
          type="email"
          value={email}
          autoComplete="email"
          onChange={setEmail}
        />
        <TextField
          id="signup-password"
          label="Password (at least 8 characters)"
          type="password"
          value={password}
          autoComplete="new-password"
          onChange={setPassword}
        />
        <FormError message={error} />
        <button
          type="submit"
          className="button button-primary auth-submit"
          disabled={busy}
          data-testid="signup-submit"
        >
          {busy ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p className="auth-footer">
        Already have an account?{' '}
        <AppLink to="/signin" data-testid="signin-link">
          Sign in
        </AppLink>
      </p>
    </AuthCard>
  );
}
