import { type Actor, anonymousActor } from '@tessera/core';
import type { ApiTokenModel, TesseraStore } from '@tessera/store';
import type { FastifyRequest } from 'fastify';
import { hashSecret } from './secret-tokens.ts';
import { looksLikeJwt, verifyUserJwt } from './user-jwt.ts';

/** Who the request's credential names, and whether a credential was given but refused. */
export interface Authentication {
  readonly actor: Actor;
  /** A credential was sent but is unknown, expired, revoked or malformed. */
  readonly credentialRejected: boolean;
  /** The credential was an API token (some routes take users only). */
  readonly viaToken: boolean;
}

/** A token's last use is written at most this often (and whenever its client address changes). */
const TOUCH_INTERVAL_MS = 60_000;

/** How many known tokens keep their hash in memory (all forgotten when full). */
const MAX_REMEMBERED_HASHES = 1000;

const anonymous = (credentialRejected: boolean): Authentication => ({
  actor: anonymousActor,
  credentialRejected,
  viaToken: false,
});

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

function bearer(request: FastifyRequest): string | undefined {
  const value = header(request, 'authorization');
  const match = value === undefined ? null : /^Bearer\s+(\S+)$/i.exec(value);
  return match?.[1];
}

function isExpired(token: ApiTokenModel, now: number): boolean {
  return token.expiresAt !== null && Date.parse(token.expiresAt.replace(' ', 'T')) <= now;
}

/** A credential as sent: a user's JWT (`xc-auth`), an API token (`xc-token`), or either (Bearer). */
export interface Credential {
  readonly kind: 'jwt' | 'token' | 'either';
  readonly secret: string;
}

/** The credential of a request's headers, `xc-auth` first, then `xc-token`, then Bearer. */
export function credentialOf(request: FastifyRequest): Credential | undefined {
  const jwt = header(request, 'xc-auth');
  if (jwt !== undefined) return { kind: 'jwt', secret: jwt };
  const token = header(request, 'xc-token');
  if (token !== undefined) return { kind: 'token', secret: token };
  const fromBearer = bearer(request);
  return fromBearer === undefined ? undefined : { kind: 'either', secret: fromBearer };
}

/**
 * Resolves the caller a credential names, wherever it came from (headers, or a WebSocket's
 * auth message); an unknown, expired, revoked or malformed credential gives anonymous.
 */
export function credentialAuthenticator(store: TesseraStore, jwtSecret: string) {
  const userActor = async (jwt: string): Promise<Authentication> => {
    const claims = await verifyUserJwt(jwt, jwtSecret);
    if (!claims) return anonymous(true);
    const user = await store.users.find(claims.id);
    if (!user || user.tokenVersion !== claims.token_version) return anonymous(true);
    return {
      actor: { kind: 'user', user: { id: user.id, email: user.email, instanceRole: user.instanceRole } },
      credentialRejected: false,
      viaToken: false,
    };
  };

  // SHA-256 of tokens that named a stored token, so a client sending its token on every
  // request pays for the hash once. Unknown tokens are not remembered.
  const knownHashes = new Map<string, string>();

  const tokenActor = async (secret: string, ip: string): Promise<Authentication> => {
    const hash = knownHashes.get(secret) ?? hashSecret(secret);
    const token = await store.tokens.findByHash(hash);
    const now = Date.now();
    if (!token || isExpired(token, now)) return anonymous(true);
    if (!knownHashes.has(secret)) {
      if (knownHashes.size >= MAX_REMEMBERED_HASHES) knownHashes.clear();
      knownHashes.set(secret, hash);
    }
    const owner = token.userId === null ? null : await store.users.find(token.userId);
    if (token.userId !== null && !owner) return anonymous(true);
    const lastUsed = token.lastUsedAt === null ? 0 : Date.parse(token.lastUsedAt.replace(' ', 'T'));
    if (now - lastUsed > TOUCH_INTERVAL_MS || token.lastUsedIp !== ip)
      store.tokens.touch(token.id, ip).catch(() => {
        // Best effort: a failed last-used stamp must not fail the request.
      });
    return {
      actor: {
        kind: 'token',
        tokenId: token.id,
        tokenName: token.description,
        user: owner ? { id: owner.id, email: owner.email, instanceRole: owner.instanceRole } : null,
        scope: token.scope,
      },
      credentialRejected: false,
      viaToken: true,
    };
  };

  return async (credential: Credential, ip: string): Promise<Authentication> => {
    if (credential.kind === 'jwt') return userActor(credential.secret);
    if (credential.kind === 'token') return tokenActor(credential.secret, ip);
    return looksLikeJwt(credential.secret) ? userActor(credential.secret) : tokenActor(credential.secret, ip);
  };
}

/**
 * Resolves the caller from `xc-auth` (a user's JWT), `xc-token` (an API token) or
 * `Authorization: Bearer` (either). Like NocoDB, a bad credential does not fail here: the
 * request goes on as anonymous and routes that need a caller answer 401.
 */
export function authenticator(store: TesseraStore, jwtSecret: string) {
  const authenticate = credentialAuthenticator(store, jwtSecret);
  return async (request: FastifyRequest): Promise<Authentication> => {
    const credential = credentialOf(request);
    return credential === undefined ? anonymous(false) : authenticate(credential, request.ip);
  };
}
