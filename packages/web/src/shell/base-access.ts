// What the signed-in user may do on one base, from their base role (`/me?base_id=`). Each role
// includes the ones after it: owner > creator > editor > commenter > viewer > no-access.
import { useEffect } from 'react';
import type { Me } from '../api/types.ts';
import { observable, useObservable } from '../shared/store.ts';
import { authApi, type BaseRole, baseRoles } from './shell-api.ts';

export interface BaseAccess {
  /** Undefined while loading or without access. */
  readonly role: BaseRole | undefined;
  /** Records: editor and up. */
  readonly canEdit: boolean;
  /** Fields, views and tables: creator and up. */
  readonly canDesign: boolean;
  /** Comments: commenter and up. */
  readonly canComment: boolean;
  /** Members, and deleting the base: owners. */
  readonly canManage: boolean;
}

export function roleAtLeast(role: BaseRole | undefined, wanted: BaseRole): boolean {
  return role !== undefined && baseRoles.indexOf(role) <= baseRoles.indexOf(wanted);
}

export function accessOf(role: BaseRole | undefined): BaseAccess {
  return {
    role,
    canEdit: roleAtLeast(role, 'editor'),
    canDesign: roleAtLeast(role, 'creator'),
    canComment: roleAtLeast(role, 'commenter'),
    canManage: roleAtLeast(role, 'owner'),
  };
}

/** The highest role named in `/me`'s `base_roles` map (`{"editor": true}`). */
export function roleFromMe(me: Me): BaseRole | undefined {
  const held = me.base_roles ?? {};
  return baseRoles.find((role) => held[role] === true && role !== 'no-access');
}

const roles = observable<Readonly<Record<string, BaseRole | 'none' | undefined>>>({});
const loading = new Set<string>();

/** Fetches the caller's role on a base again (after a member change, or on window focus). */
export async function loadBaseRole(baseId: string): Promise<void> {
  if (loading.has(baseId)) return;
  loading.add(baseId);
  try {
    const me = await authApi.meOnBase(baseId);
    roles.update((all) => ({ ...all, [baseId]: roleFromMe(me) ?? 'none' }));
  } catch {
    // A failed look-up leaves the last known role; the server checks every request anyway.
  } finally {
    loading.delete(baseId);
  }
}

/** Forgets every role (sign-out). */
export function clearBaseRoles(): void {
  roles.set({});
}

/** Known roles refreshed, e.g. when the window regains focus. */
export function reloadBaseRoles(): void {
  for (const baseId of Object.keys(roles.get())) void loadBaseRole(baseId);
}

/** The caller's access on a base; `loaded` is false until the first answer. */
export function useBaseAccess(baseId: string): BaseAccess & { readonly loaded: boolean } {
  const all = useObservable(roles);
  const known = all[baseId];
  useEffect(() => {
    if (known === undefined) void loadBaseRole(baseId);
  }, [baseId, known]);
  return { ...accessOf(known === 'none' ? undefined : known), loaded: known !== undefined };
}
