import { newId, TesseraError, type TokenAccess, type TokenScope } from '@tessera/core';
import type { Selectable } from 'kysely';
import { appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { nowText } from '../meta/meta-rows.ts';
import type { MetaTables } from '../meta/meta-tables.ts';
import type { StoreContext } from '../store-context.ts';
import { ACCOUNT_LOOKUP_TTL_MS, ShortLivedCache } from './short-lived-cache.ts';

/** Where a token came from: the API, the TESSERA_BOOTSTRAP_TOKEN variable, or the CLI. */
export type TokenOrigin = 'api' | 'bootstrap' | 'cli';

export interface ApiTokenModel {
  readonly id: string;
  readonly description: string;
  /** The token's last four characters, to tell tokens apart in lists. */
  readonly hint: string;
  readonly userId: string | null;
  readonly scope: TokenScope;
  readonly origin: TokenOrigin;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly lastUsedIp: string | null;
  readonly revokedAt: string | null;
  readonly createdAt: string;
}

export interface NewTokenSpec {
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly hint: string;
  readonly description: string;
  readonly userId: string | null;
  readonly scope: TokenScope;
  readonly origin: TokenOrigin;
  readonly expiresAt: string | null;
}

export interface TokenStore {
  create(spec: NewTokenSpec, change: ChangeContext): Promise<ApiTokenModel>;
  /** A live (not revoked) token by the hash of its secret; expiry is the caller's check. */
  findByHash(tokenHash: string): Promise<ApiTokenModel | undefined>;
  get(id: string): Promise<ApiTokenModel>;
  /** Live tokens, newest first; of one user, and/or those that can reach one base. */
  list(filter?: { userId?: string; baseId?: string }): Promise<ApiTokenModel[]>;
  /** Revokes at once; the row stays for the audit trail. */
  revoke(id: string, change: ChangeContext): Promise<void>;
  /** Records the last use (time and client address). */
  touch(id: string, ip: string | null): Promise<void>;
  /**
   * Makes the bootstrap token the one with this hash: registers it when new and revokes any
   * other bootstrap token, so changing the variable rotates it. Returns true when it changed.
   */
  ensureBootstrap(
    spec: Omit<NewTokenSpec, 'origin' | 'description'>,
    change: ChangeContext,
  ): Promise<boolean>;
}

type TokenRow = Selectable<MetaTables['tessera_api_tokens']>;

function parseBaseIds(text: string | null): string[] | null {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.map(String) : null;
}

function tokenFromRow(row: TokenRow): ApiTokenModel {
  return {
    id: row.id,
    description: row.description,
    hint: row.token_hint,
    userId: row.user_id,
    scope: {
      baseIds: parseBaseIds(row.base_ids),
      access: (row.access === 'read' ? 'read' : 'read-write') satisfies TokenAccess,
    },
    origin: row.origin === 'bootstrap' || row.origin === 'cli' ? row.origin : 'api',
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    lastUsedIp: row.last_used_ip,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
  };
}

function rowOf(spec: NewTokenSpec): TokenRow {
  return {
    id: newId('tkn'),
    token_hash: spec.tokenHash,
    token_hint: spec.hint,
    description: spec.description,
    user_id: spec.userId,
    base_ids: spec.scope.baseIds === null ? null : JSON.stringify(spec.scope.baseIds),
    access: spec.scope.access,
    origin: spec.origin,
    expires_at: spec.expiresAt,
    last_used_at: null,
    last_used_ip: null,
    revoked_at: null,
    created_at: nowText(),
  };
}

function auditDetails(token: ApiTokenModel) {
  return {
    description: token.description,
    scope: token.scope,
    origin: token.origin,
    expiresAt: token.expiresAt,
  };
}

export function tokenStore({ db }: StoreContext): TokenStore {
  const byHash = new ShortLivedCache<ApiTokenModel | undefined>(ACCOUNT_LOOKUP_TTL_MS);
  const get = async (id: string) => {
    const row = await db
      .selectFrom('tessera_api_tokens')
      .selectAll()
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new TesseraError('ERR_TOKEN_NOT_FOUND', `API token '${id}' not found`);
    return tokenFromRow(row);
  };
  return {
    async create(spec, change) {
      byHash.clear();
      const row = rowOf(spec);
      const token = tokenFromRow(row);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('tessera_api_tokens').values(row).execute();
        await appendAudit(trx, change, [
          { action: 'token.create', targetId: row.id, details: auditDetails(token) },
        ]);
      });
      return token;
    },
    findByHash(tokenHash) {
      return byHash.get(tokenHash, async () => {
        const row = await db
          .selectFrom('tessera_api_tokens')
          .selectAll()
          .where('token_hash', '=', tokenHash)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return row ? tokenFromRow(row) : undefined;
      });
    },
    get,
    async list(filter = {}) {
      let select = db.selectFrom('tessera_api_tokens').selectAll().where('revoked_at', 'is', null);
      if (filter.userId !== undefined) select = select.where('user_id', '=', filter.userId);
      const rows = await select.orderBy('created_at', 'desc').orderBy('id').execute();
      const tokens = rows.map(tokenFromRow);
      const baseId = filter.baseId;
      return baseId === undefined
        ? tokens
        : tokens.filter((t) => t.scope.baseIds === null || t.scope.baseIds.includes(baseId));
    },
    async revoke(id, change) {
      byHash.clear();
      const token = await get(id);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('tessera_api_tokens')
          .set({ revoked_at: nowText() })
          .where('id', '=', id)
          .execute();
        await appendAudit(trx, change, [
          { action: 'token.revoke', targetId: id, details: auditDetails(token) },
        ]);
      });
      byHash.clear();
    },
    async touch(id, ip) {
      await db
        .updateTable('tessera_api_tokens')
        .set({ last_used_at: nowText(), last_used_ip: ip })
        .where('id', '=', id)
        .execute();
    },
    async ensureBootstrap(spec, change) {
      byHash.clear();
      const changed = await db.transaction().execute(async (trx) => {
        const live = await trx
          .selectFrom('tessera_api_tokens')
          .selectAll()
          .where('origin', '=', 'bootstrap')
          .where('revoked_at', 'is', null)
          .execute();
        if (live.length === 1 && live[0]?.token_hash === spec.tokenHash) return false;
        const stale = live.filter((row) => row.token_hash !== spec.tokenHash);
        if (stale.length > 0) {
          await trx
            .updateTable('tessera_api_tokens')
            .set({ revoked_at: nowText() })
            .where(
              'id',
              'in',
              stale.map((row) => row.id),
            )
            .execute();
          await appendAudit(
            trx,
            change,
            stale.map((row) => ({
              action: 'token.revoke',
              targetId: row.id,
              details: { origin: 'bootstrap' },
            })),
          );
        }
        if (live.some((row) => row.token_hash === spec.tokenHash)) return true;
        // The variable was set back to a secret revoked earlier: register that secret anew.
        await trx.deleteFrom('tessera_api_tokens').where('token_hash', '=', spec.tokenHash).execute();
        const row = rowOf({
          ...spec,
          origin: 'bootstrap',
          description: 'Bootstrap token (TESSERA_BOOTSTRAP_TOKEN)',
        });
        await trx.insertInto('tessera_api_tokens').values(row).execute();
        await appendAudit(trx, change, [
          { action: 'token.create', targetId: row.id, details: auditDetails(tokenFromRow(row)) },
        ]);
        return true;
      });
      byHash.clear();
      return changed;
    },
  };
}
