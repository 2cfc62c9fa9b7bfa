import type { Actor, BaseRole, InstanceRole } from '@tessera/core';
import type { UserModel } from '@tessera/store';

/**
 * An instance role in NocoDB's terms, for clients that read them: `super` is NocoDB's instance
 * owner; every Tessera account may create bases, which NocoDB calls `org-level-creator`; an
 * admin (who manages users) also gets `admin`.
 */
const NOCODB_ROLES: Readonly<Record<InstanceRole, readonly string[]>> = {
  owner: ['super', 'org-level-creator'],
  admin: ['admin', 'org-level-creator'],
  member: ['org-level-creator'],
};

/** `{ super: true, 'org-level-creator': true }` style map, as NocoDB's `/me` answers. */
export function instanceRoleMap(role: InstanceRole): Record<string, true> {
  return Object.fromEntries(NOCODB_ROLES[role].map((name) => [name, true]));
}

/** NocoDB's comma-separated `roles` text, as its user lists answer. */
export function instanceRoleText(role: InstanceRole): string {
  return NOCODB_ROLES[role].join(',');
}

/** NocoDB's instance role names, and ours, → ours. */
export function instanceRoleFromInput(value: string): InstanceRole | undefined {
  const first = value.split(',')[0]?.trim().toLowerCase() ?? '';
  switch (first) {
    case 'owner':
    case 'super':
      return 'owner';
    case 'admin':
      return 'admin';
    case 'member':
    case 'org-level-creator':
    case 'org-level-viewer':
    case 'org-level-commenter':
      return 'member';
    default:
      return undefined;
  }
}

function displayName(user: { firstname: string | null; lastname: string | null }): string | null {
  const name = [user.firstname, user.lastname].filter((part) => part !== null && part !== '').join(' ');
  return name === '' ? null : name;
}

/** What `/me` answers for a caller without an account (n8n's credential test wants a 2xx). */
export const guestView = Object.freeze({
  id: null,
  email: null,
  email_verified: false,
  firstname: null,
  lastname: null,
  display_name: null,
  roles: { guest: true },
  base_roles: {},
  workspace_roles: {},
});

/** A user as `/me` describes them; `roles` narrowed for a caller using an API token. */
export function meView(
  user: UserModel,
  roles: Record<string, true>,
  baseRole: BaseRole | undefined,
  token: TokenView | null,
) {
  return {
    id: user.id,
    email: user.email,
    email_verified: user.emailVerified,
    firstname: user.firstname,
    lastname: user.lastname,
    display_name: displayName(user),
    roles,
    instance_role: user.instanceRole,
    base_roles: baseRole === undefined ? {} : { [baseRole]: true },
    workspace_roles: {},
    ...(token === null ? {} : { api_token: token }),
  };
}

export interface TokenView {
  readonly id: string;
  readonly description: string;
  readonly base_ids: readonly string[] | null;
  readonly access: 'read' | 'read-write';
}

/** The API token a caller used, as `/me` names it. */
export function tokenView(actor: Extract<Actor, { kind: 'token' }>): TokenView {
  return {
    id: actor.tokenId,
    description: actor.tokenName,
    base_ids: actor.scope.baseIds,
    access: actor.scope.access,
  };
}

/**
 * Roles of a token caller: never more than its creator's (and never `super` or `admin`, as
 * tokens cannot manage users); a read-only or base-limited token cannot create bases.
 */
export function tokenRoleMap(actor: Extract<Actor, { kind: 'token' }>): Record<string, true> {
  const writer = actor.scope.access === 'read-write' && actor.scope.baseIds === null;
  return writer ? { 'org-level-creator': true } : { 'org-level-viewer': true };
}

/** `/me` for a token registered before any account (TESSERA_BOOTSTRAP_TOKEN): acts as owner. */
export function ownerlessTokenView(actor: Extract<Actor, { kind: 'token' }>, baseRole: BaseRole | undefined) {
  return {
    id: null,
    email: null,
    email_verified: false,
    firstname: null,
    lastname: null,
    display_name: actor.tokenName,
    roles: tokenRoleMap(actor),
    instance_role: 'owner' as const,
    base_roles: baseRole === undefined ? {} : { [baseRole]: true },
    workspace_roles: {},
    api_token: tokenView(actor),
  };
}

/** A user in the instance user list (`GET /api/v1/users`). */
export function listedUserView(user: UserModel) {
  return {
    id: user.id,
    email: user.email,
    firstname: user.firstname,
    lastname: user.lastname,
    display_name: displayName(user),
    roles: instanceRoleText(user.instanceRole),
    instance_role: user.instanceRole,
    email_verified: user.emailVerified,
    last_signin_at: user.lastSigninAt,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}
