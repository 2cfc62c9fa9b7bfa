import type { Actor, BaseRole } from '@tessera/core';
import type { TesseraStore } from '@tessera/store';
import { callerBaseRole } from './route-access.ts';
import {
  guestView,
  instanceRoleMap,
  meView,
  ownerlessTokenView,
  tokenRoleMap,
  tokenView,
} from './user-view.ts';

/** Longest base id looked up for `/me?base_id=` (longer ones cannot exist). */
const MAX_BASE_ID_LENGTH = 128;

/** The caller's role on an existing base; undefined without access or without the base. */
async function roleOnBase(store: TesseraStore, actor: Actor, baseId: string): Promise<BaseRole | undefined> {
  if (baseId.length > MAX_BASE_ID_LENGTH) return undefined;
  const role = await callerBaseRole(store, actor, baseId);
  if (role === 'no-access') return undefined;
  try {
    await store.bases.get(baseId);
    return role;
  } catch {
    return undefined;
  }
}

/**
 * What `GET /api/v1/auth/user/me` answers: the signed-in user, the owner of the API token used
 * (roles narrowed to the token), a stand-in for a token registered before any account, or a
 * guest for anonymous callers and bad credentials (always 200, as NocoDB).
 */
export async function callerProfile(store: TesseraStore, actor: Actor, baseId: string | undefined) {
  const baseRole = async () => (baseId === undefined ? undefined : roleOnBase(store, actor, baseId));
  switch (actor.kind) {
    case 'user': {
      const user = await store.users.find(actor.user.id);
      if (!user) return guestView;
      return meView(user, instanceRoleMap(user.instanceRole), await baseRole(), null);
    }
    case 'token': {
      if (actor.user === null) return ownerlessTokenView(actor, await baseRole());
      const user = await store.users.find(actor.user.id);
      if (!user) return guestView;
      return meView(user, tokenRoleMap(actor), await baseRole(), tokenView(actor));
    }
    default:
      return guestView;
  }
}
