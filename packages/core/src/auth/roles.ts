/**
 * Who may do what. A base role implies every role below it; an instance role decides who
 * manages users. Pure data and comparisons: the server maps routes to the role they need.
 */

/** Roles a user holds on one base, strongest first. */
export const BASE_ROLES = ['owner', 'creator', 'editor', 'commenter', 'viewer', 'no-access'] as const;
export type BaseRole = (typeof BASE_ROLES)[number];

/** Roles a user holds on the whole instance, strongest first. */
export const INSTANCE_ROLES = ['owner', 'admin', 'member'] as const;
export type InstanceRole = (typeof INSTANCE_ROLES)[number];

/** What a base role lets its holder do, for documentation and the UI. */
export const BASE_ROLE_ABILITIES: Readonly<Record<BaseRole, string>> = {
  owner: 'everything on the base, including its members and deleting it',
  creator: 'change the schema: tables, fields, views; everything an editor can',
  editor: 'create, change and delete records; everything a commenter can',
  commenter: 'comment on records; everything a viewer can',
  viewer: 'read the base, its tables, views and records',
  'no-access': 'nothing: the base is hidden',
};

const baseRank: Readonly<Record<BaseRole, number>> = {
  owner: 5,
  creator: 4,
  editor: 3,
  commenter: 2,
  viewer: 1,
  'no-access': 0,
};

const instanceRank: Readonly<Record<InstanceRole, number>> = { owner: 2, admin: 1, member: 0 };

export function isBaseRole(value: unknown): value is BaseRole {
  return typeof value === 'string' && (BASE_ROLES as readonly string[]).includes(value);
}

export function isInstanceRole(value: unknown): value is InstanceRole {
  return typeof value === 'string' && (INSTANCE_ROLES as readonly string[]).includes(value);
}

/** True when `held` includes everything `needed` allows. */
export function baseRoleAtLeast(held: BaseRole, needed: BaseRole): boolean {
  return baseRank[held] >= baseRank[needed];
}

export function instanceRoleAtLeast(held: InstanceRole, needed: InstanceRole): boolean {
  return instanceRank[held] >= instanceRank[needed];
}

/** The weaker of two base roles (a token never acts above its scope or its creator). */
export function weakerBaseRole(a: BaseRole, b: BaseRole): BaseRole {
  return baseRank[a] <= baseRank[b] ? a : b;
}
