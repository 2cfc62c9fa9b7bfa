import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TesseraConfig } from '../config/config-schema.ts';

/** NocoDB's name for the cookie holding the refresh token. */
export const REFRESH_COOKIE = 'refresh_token';
/**
 * Holds no secret, only "a refresh cookie was set": readable by the web app, which asks for a
 * JWT at start only when it is there (no 401 in the console of a signed-out visitor).
 */
export const SESSION_HINT_COOKIE = 'tessera_session';

/**
 * Sent only to the API (`/api`, so both `/api/v1/auth/token/refresh` and the v2 alias), never
 * readable by scripts, not sent on cross-site sub-requests, and HTTPS-only when PUBLIC_URL is.
 */
function cookieOptions(config: TesseraConfig) {
  return {
    path: '/api',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
  } as const;
}

export function setRefreshCookie(reply: FastifyReply, secret: string, config: TesseraConfig): void {
  reply.setCookie(REFRESH_COOKIE, secret, {
    ...cookieOptions(config),
    maxAge: config.auth.refreshTokenDays * 86_400,
  });
  reply.setCookie(SESSION_HINT_COOKIE, '1', {
    ...cookieOptions(config),
    path: '/',
    httpOnly: false,
    maxAge: config.auth.refreshTokenDays * 86_400,
  });
}

export function clearRefreshCookie(reply: FastifyReply, config: TesseraConfig): void {
  reply.clearCookie(REFRESH_COOKIE, cookieOptions(config));
  reply.clearCookie(SESSION_HINT_COOKIE, { ...cookieOptions(config), path: '/', httpOnly: false });
}

/** The refresh token the request's cookie carries, if any. */
export function refreshCookieOf(request: FastifyRequest): string | undefined {
  const value = request.cookies[REFRESH_COOKIE];
  return value === undefined || value === '' ? undefined : value;
}
