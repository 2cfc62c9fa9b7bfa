// The signed-in user's short-lived JWT, kept in memory only (never in localStorage). The
// long-lived refresh token is an HttpOnly cookie the browser sends to /api/…/token/refresh.
// Tabs share one refresh at a time through the Web Locks API, so two tabs never present the
// same used-up cookie.

type Listener = (token: string | undefined) => void;

let current: string | undefined;
let refreshing: Promise<boolean> | undefined;
const listeners = new Set<Listener>();

function set(token: string | undefined): void {
  current = token;
  for (const listener of listeners) listener(token);
}

/** The server sets this script-readable cookie next to the HttpOnly refresh cookie. */
function mayHaveSession(): boolean {
  return document.cookie.split(';').some((part) => part.trim().startsWith('tessera_session='));
}

async function refreshOnce(): Promise<boolean> {
  const run = async () => {
    if (!mayHaveSession()) {
      set(undefined);
      return false;
    }
    const response = await fetch('/api/v1/auth/token/refresh', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    }).catch(() => undefined);
    if (!response?.ok) {
      if (response && response.status === 401) set(undefined);
      return false;
    }
    const body = (await response.json()) as { token?: string };
    set(body.token);
    return Boolean(body.token);
  };
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? locks.request('tessera-refresh', run) : run();
}

export const session = {
  token: (): string | undefined => current,
  /** Stores a JWT that sign-in, sign-up or a password change answered. */
  signedIn(token: string): void {
    set(token);
  },
  signedOut(): void {
    set(undefined);
  },
  /** Gets a fresh JWT with the refresh cookie; false when there is no valid session. */
  refresh(): Promise<boolean> {
    refreshing ??= refreshOnce().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
