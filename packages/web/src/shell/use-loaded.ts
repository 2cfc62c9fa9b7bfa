// Loads something for a page once (and again on demand): loading, then the data or the
// failure's message.
import { useCallback, useEffect, useState } from 'react';

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly message: string };

/** Runs `load` on mount and whenever it changes (wrap it in useCallback); answers a reload too. */
export function useLoaded<T>(load: () => Promise<T>): [Loaded<T>, () => Promise<void>] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const reload = useCallback(async () => {
    try {
      setState({ status: 'ready', data: await load() });
    } catch (error) {
      setState({ status: 'error', message: (error as Error).message });
    }
  }, [load]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return [state, reload];
}
