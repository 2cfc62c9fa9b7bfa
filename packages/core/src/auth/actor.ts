import {
  type BaseRole,
  baseRoleAtLeast,
  type InstanceRole,
  instanceRoleAtLeast,
  weakerBaseRole,
} from './roles.ts';

/** What an API token may touch: some bases or all its creator's, and read or read-write. */
export type TokenAccess = 'read' | 'read-write';
export const TOKEN_ACCESS: readonly TokenAccess[] = ['read', 'read-write'];

export interface TokenScope {
  /** Bases the token is limited to; null means every base its creator can reach. */
  readonly baseIds: readonly string[] | null;
  readonly access: TokenAccess;
}

/** The user behind a request: signed in, or owning the API token used. */
export interface ActingUser {
  readonly id: string;
  readonly email: string;
  readonly instanceRole: InstanceRole;
}

/**
 * Who makes a request. `system` is Tessera itself acting for an operator (the CLI, a
 * bootstrap token created from the environment with no owner account yet).
 */
export type Actor =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'user'; readonly user: ActingUser }
  | {
      readonly kind: 'token';
      readonly tokenId: string;
      readonly tokenName: string;
      /** The token's creator, or null for a bootstrap token registered before any account. */
      readonly user: ActingUser | null;
      readonly scope: TokenScope;
    }
  | { readonly kind: 'system'; readonly name: string };

export const anonymousActor: Actor = Object.freeze({ kind: 'anonymous' });

/** The instance role an actor acts with (a user-less bootstrap token acts as the owner). */
export function instanceRoleOf(actor: Actor): InstanceRole | null {
  switch (actor.kind) {
    case 'anonymous':
      return null;
    case 'system':
      return 'owner';
    case 'user':
      return actor.user.instanceRole;
    case 'token':
      return actor.user?.instanceRole ?? 'owner';
  }
}

export function actsAsInstance(actor: Actor, needed: InstanceRole): boolean {
  const held = instanceRoleOf(actor);
  return held !== null && instanceRoleAtLeast(held, needed);
}

/**
 * The role an actor has on one base, given the membership role its user holds there (if any).
 * Instance owners and admins act as owners of every base. A token never acts above its
 * creator, is blind to bases outside its scope, and a read token acts at most as a viewer.
 */
export function baseRoleOf(actor: Actor, baseId: string, memberRole: BaseRole | undefined): BaseRole {
  switch (actor.kind) {
    case 'anonymous':
      return 'no-access';
    case 'system':
      return 'owner';
    case 'user':
      return userBaseRole(actor.user.instanceRole, memberRole);
    case 'token': {
      if (actor.scope.baseIds !== null && !actor.scope.baseIds.includes(baseId)) return 'no-access';
      const role = actor.user ? userBaseRole(actor.user.instanceRole, memberRole) : 'owner';
      return actor.scope.access === 'read' ? weakerBaseRole(role, 'viewer') : role;
    }
  }
}

function userBaseRole(instanceRole: InstanceRole, memberRole: BaseRole | undefined): BaseRole {
  if (instanceRoleAtLeast(instanceRole, 'admin')) return 'owner';
  return memberRole ?? 'no-access';
}

export function canOnBase(actor: Actor, baseId: string, memberRole: BaseRole | undefined, needed: BaseRole) {
  return baseRoleAtLeast(baseRoleOf(actor, baseId, memberRole), needed);
}

/** The user id an actor acts for, if any (membership lookups, audit). */
export function actingUserId(actor: Actor): string | null {
  if (actor.kind === 'user') return actor.user.id;
  if (actor.kind === 'token') return actor.user?.id ?? null;
  return null;
}

/**
 * How the audit trail names an actor. Besides request actors there is `shared-view`: a record
 * submitted through a shared form, by whoever holds its link (id: the view's id).
 */
export interface AuditActor {
  readonly type: Actor['kind'] | 'shared-view';
  /** User id, token id, the system actor's name, or the shared view's id. */
  readonly id: string | null;
  /** E-mail, token name with its owner's e-mail, or the system actor's name. */
  readonly name: string | null;
  readonly userId: string | null;
}

export function auditActorOf(actor: Actor): AuditActor {
  switch (actor.kind) {
    case 'anonymous':
      return { type: 'anonymous', id: null, name: null, userId: null };
    case 'system':
      return { type: 'system', id: actor.name, name: actor.name, userId: null };
    case 'user':
      return { type: 'user', id: actor.user.id, name: actor.user.email, userId: actor.user.id };
    case 'token':
      return {
        type: 'token',
        id: actor.tokenId,
        name: actor.user ? `${actor.tokenName} (${actor.user.email})` : actor.tokenName,
        userId: actor.user?.id ?? null,
      };
  }
}
