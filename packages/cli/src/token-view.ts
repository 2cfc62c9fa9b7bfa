import type { ApiTokenModel } from '@tessera/store';
import { timestampMs } from '@tessera/store';
import { timeCell } from './text-table.ts';

/** The account a token acts for, as lists name it; null for the user-less bootstrap token. */
export interface TokenOwner {
  readonly id: string;
  readonly email: string;
}

function isExpired(token: ApiTokenModel, now: number): boolean {
  return token.expiresAt !== null && timestampMs(token.expiresAt) <= now;
}

/** A token as --json prints it: its last four characters only, never the secret or its hash. */
export function tokenJson(token: ApiTokenModel, owner: TokenOwner | null, now = Date.now()) {
  return {
    id: token.id,
    description: token.description,
    hint: `…${token.hint}`,
    user: owner === null ? null : { id: owner.id, email: owner.email },
    origin: token.origin,
    scope: { bases: token.scope.baseIds, access: token.scope.access },
    expiresAt: token.expiresAt,
    expired: isExpired(token, now),
    lastUsedAt: token.lastUsedAt,
    lastUsedIp: token.lastUsedIp,
    createdAt: token.createdAt,
  };
}

function ownerCell(token: ApiTokenModel, owner: TokenOwner | null): string {
  if (owner !== null) return owner.email;
  if (token.userId !== null) return token.userId;
  return token.origin === 'bootstrap' ? '(bootstrap)' : '(none)';
}

export function basesCell(token: ApiTokenModel): string {
  return token.scope.baseIds === null ? 'all' : token.scope.baseIds.join(',');
}

export function expiryCell(token: ApiTokenModel, now = Date.now()): string {
  if (token.expiresAt === null) return 'never';
  return isExpired(token, now) ? `${token.expiresAt} (expired)` : token.expiresAt;
}

export const tokenTableHeader = [
  'id',
  'token',
  'owner',
  'bases',
  'access',
  'expires',
  'last used',
  'description',
] as const;

/** One row of `tessera token list`, in tokenTableHeader's order. */
export function tokenRow(token: ApiTokenModel, owner: TokenOwner | null, now = Date.now()): string[] {
  return [
    token.id,
    `…${token.hint}`,
    ownerCell(token, owner),
    basesCell(token),
    token.scope.access,
    expiryCell(token, now),
    timeCell(token.lastUsedAt),
    token.description,
  ];
}
