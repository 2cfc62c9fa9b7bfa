// Loads a shared form's or view's meta, asking for the share's password when it has one:
// the first answer (or a 403) says a password is needed, the prompt's password is then sent
// in `xc-password` and kept for the page's later requests.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { publicApi, type SharedMeta } from './public-api.ts';

export type SharedMetaState =
  | { readonly status: 'loading' }
  | { readonly status: 'password'; readonly error: string | null; readonly checking: boolean }
  | { readonly status: 'unavailable' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly meta: SharedMeta; readonly password: string | undefined };

export interface SharedMetaLoader {
  readonly state: SharedMetaState;
  /** Tries a password from the prompt. */
  unlock(password: string): void;
  /** Loads again after a failure that may pass (no connection). */
  retry(): void;
}

const unavailableStatuses = new Set([400, 404, 410]);

export function useSharedMeta(uuid: string): SharedMetaLoader {
  const [state, setState] = useState<SharedMetaState>({ status: 'loading' });
  const [attempt, setAttempt] = useState<{ password: string | undefined; n: number }>({
    password: undefined,
    n: 0,
  });

  useEffect(() => {
    const abort = new AbortController();
    const { password } = attempt;
    publicApi
      .meta(uuid, password, abort.signal)
      .then((meta) => {
        if (meta.view.password_protected && password === undefined)
          setState({ status: 'password', error: null, checking: false });
        else setState({ status: 'ready', meta, password });
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        if (error instanceof ApiError && error.status === 429 && password !== undefined)
          setState({ status: 'password', error: error.message, checking: false });
        else if (error instanceof ApiError && error.status === 403)
          setState({
            status: 'password',
            error: password === undefined ? null : 'That password is not right. Try again.',
            checking: false,
          });
        else if (error instanceof ApiError && unavailableStatuses.has(error.status))
          setState({ status: 'unavailable' });
        else setState({ status: 'error', message: (error as Error).message });
      });
    return () => abort.abort();
  }, [uuid, attempt]);

  const unlock = useCallback((password: string) => {
    setState({ status: 'password', error: null, checking: true });
    setAttempt((a) => ({ password, n: a.n + 1 }));
  }, []);
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((a) => ({ ...a, n: a.n + 1 }));
  }, []);
  return { state, unlock, retry };
}
