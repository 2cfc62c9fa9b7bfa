import type { InstanceRole } from '@tessera/core';
import { jwtVerify, SignJWT } from 'jose';

/** Claims of the JWT given at sign-in (NocoDB's names: `email`, `id`, `roles`, `token_version`). */
export interface UserJwtClaims {
  readonly id: string;
  readonly email: string;
  readonly token_version: number;
  readonly roles: string;
}

const ISSUER = 'tessera';

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signUserJwt(
  user: { id: string; email: string; tokenVersion: number; instanceRole: InstanceRole },
  secret: string,
  lifetimeSeconds: number,
): Promise<string> {
  return new SignJWT({
    id: user.id,
    email: user.email,
    token_version: user.tokenVersion,
    roles: user.instanceRole,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setSubject(user.id)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds)
    .sign(keyOf(secret));
}

/** The claims of a valid, unexpired JWT signed with `secret`; undefined otherwise. */
export async function verifyUserJwt(token: string, secret: string): Promise<UserJwtClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { issuer: ISSUER, algorithms: ['HS256'] });
    if (typeof payload.id !== 'string' || typeof payload.email !== 'string') return undefined;
    return {
      id: payload.id,
      email: payload.email,
      token_version: Number(payload.token_version ?? 0),
      roles: String(payload.roles ?? ''),
    };
  } catch {
    return undefined;
  }
}

/** Looks like a JWT (three base64url parts), as opposed to an API token. */
export function looksLikeJwt(value: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(value);
}
