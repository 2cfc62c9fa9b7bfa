// The bases and their tables as the sidebar, home and base pages show them: one copy for all,
// loaded on first use and again after a change here or when the window regains focus (another
// person may have changed the schema meanwhile).
import { useEffect } from 'react';
import { metaApi } from '../api/meta-api.ts';
import type { Base, Table } from '../api/types.ts';
import { observable, useObservable } from '../shared/store.ts';

/** A list from the server: not asked yet, on its way, there, or failed. */
export type Loadable<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly data?: T }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly message: string; readonly data?: T };

const bases = observable<Loadable<Base[]>>({ status: 'idle' });
const tables = observable<Readonly<Record<string, Loadable<Table[]>>>>({});

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function reloadBases(): Promise<void> {
  const before = bases.get();
  const data = 'data' in before ? before.data : undefined;
  bases.set({ status: 'loading', ...(data ? { data } : {}) });
  try {
    const list = (await metaApi.listBases()).list;
    bases.set({ status: 'ready', data: list });
  } catch (error) {
    bases.set({ status: 'error', message: messageOf(error), ...(data ? { data } : {}) });
  }
}

export async function reloadTables(baseId: string): Promise<void> {
  const before = tables.get()[baseId];
  const data = before && 'data' in before ? before.data : undefined;
  const put = (state: Loadable<Table[]>) => tables.update((all) => ({ ...all, [baseId]: state }));
  put({ status: 'loading', ...(data ? { data } : {}) });
  try {
    const list = (await metaApi.listTables(baseId)).list;
    put({ status: 'ready', data: [...list].sort((a, b) => a.order - b.order) });
  } catch (error) {
    put({ status: 'error', message: messageOf(error), ...(data ? { data } : {}) });
  }
}

/** Loads the bases again and the tables of every base already loaded. */
export async function reloadSchema(): Promise<void> {
  await Promise.all([reloadBases(), ...Object.keys(tables.get()).map((baseId) => reloadTables(baseId))]);
}

/** Forgets everything (sign-out: the next user sees only their own bases). */
export function clearSchema(): void {
  bases.set({ status: 'idle' });
  tables.set({});
}

export function useBases(): Loadable<Base[]> {
  const state = useObservable(bases);
  useEffect(() => {
    if (state.status === 'idle') void reloadBases();
  }, [state.status]);
  return state;
}

export function useTables(baseId: string | undefined): Loadable<Table[]> {
  const all = useObservable(tables);
  const state = baseId ? all[baseId] : undefined;
  useEffect(() => {
    if (baseId && !state) void reloadTables(baseId);
  }, [baseId, state]);
  return state ?? { status: 'idle' };
}

/** The data of a list, whatever its status (stale data stays shown while reloading). */
export function dataOf<T>(state: Loadable<T>): T | undefined {
  return 'data' in state ? state.data : undefined;
}
