// NocoDB's auth paths; each is also served under /api/v1/db/auth/... and bare /auth/...
// POST /api/v1/auth/user/signup              {email, password, firstname?, lastname?, token?} → {token} + refresh cookie
// POST /api/v1/auth/user/signin              {email, password} → {token} + refresh cookie (throttled)
// POST /api/v1/auth/user/signout             revokes the cookie's refresh token → {msg}
// POST /api/v1/auth/token/refresh            (also /api/v2/auth/token/refresh) rotates the cookie → {token}
// GET  /api/v1/auth/user/me                  the caller (?base_id= adds base_roles); a guest when anonymous
// POST /api/v1/auth/password/change          {currentPassword, newPassword} → {msg, token} (users only)
// POST /api/v1/auth/password/forgot          {email} → {msg}; e-mails (or logs) a reset link
// POST /api/v1/auth/token/validate/:token    → {msg} while the reset link is live
// POST /api/v1/auth/password/reset/:token    {password} → {msg}; works once
// POST /api/v1/auth/password/reset           {token, password}: the same, the secret kept out of the URL
// GET  /auth/password/reset?token=, /auth/signup?token=   the pages e-mailed links open
import type { FastifyInstance } from 'fastify';
import { installAccountPages } from '../auth/account-pages.ts';
import { accountService } from '../auth/account-service.ts';
import { callerProfile } from '../auth/caller-profile.ts';
import { passwordService } from '../auth/password-service.ts';
import { access } from '../auth/route-access.ts';
import { attemptThrottle } from '../auth/signin-throttle.ts';
import { type RouteContext, route } from './route-context.ts';

const tags = ['Auth'];
/** Auth bodies are a few fields: anything bigger is refused before parsing. */
const bodyLimit = 64 * 1024;

/** A NocoDB auth path with its `/api/v1/db/auth` and bare `/auth` aliases. */
function authPaths(path: string): string[] {
  return [`/api/v1/auth/${path}`, `/api/v1/db/auth/${path}`, `/auth/${path}`];
}

export async function authRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const throttle = attemptThrottle(context.store);
  const accounts = accountService(context, throttle);
  const passwords = passwordService(context, throttle, accounts, app.mailer);
  const open = { access: access.public, bodyLimit } as const;

  route(app, 'POST', authPaths('user/signup'), (request, reply) => accounts.signup(request, reply), {
    ...open,
    schema: {
      tags,
      summary:
        'Sign up: the first account becomes the instance owner; later ones need an invitation token unless TESSERA_OPEN_SIGNUP',
    },
  });
  route(app, 'POST', authPaths('user/signin'), (request, reply) => accounts.signin(request, reply), {
    ...open,
    schema: { tags, summary: 'Sign in with e-mail and password: a JWT for xc-auth, and a refresh cookie' },
  });
  route(app, 'POST', authPaths('user/signout'), (request, reply) => accounts.signout(request, reply), {
    ...open,
    schema: { tags, summary: "Sign out: revokes the cookie's refresh token" },
  });
  route(
    app,
    'POST',
    [...authPaths('token/refresh'), '/api/v2/auth/token/refresh'],
    (request, reply) => accounts.refresh(request, reply),
    { ...open, schema: { tags, summary: 'A new JWT for the refresh cookie, which is rotated (single use)' } },
  );
  route(
    app,
    'GET',
    authPaths('user/me'),
    async (request) => {
      const baseId = (request.query as Record<string, unknown>).base_id;
      return callerProfile(
        context.store,
        request.caller.actor,
        typeof baseId === 'string' ? baseId : undefined,
      );
    },
    {
      access: access.public,
      schema: {
        tags,
        summary: 'The caller: user, roles and (with ?base_id=) base roles; a guest without credentials',
      },
    },
  );
  route(app, 'POST', authPaths('password/change'), (request, reply) => passwords.change(request, reply), {
    access: access.userOnly,
    bodyLimit,
    schema: { tags, summary: 'Change the password: ends every other session; answers a new JWT' },
  });
  route(app, 'POST', authPaths('password/forgot'), (request, reply) => passwords.forgot(request, reply), {
    ...open,
    schema: {
      tags,
      summary: 'E-mail a password-reset link (the same answer whether or not the account exists)',
    },
  });
  route(app, 'POST', authPaths('token/validate/:token'), (request) => passwords.validate(request), {
    ...open,
    schema: { tags, summary: 'Whether a password-reset link is still valid' },
  });
  route(app, 'POST', authPaths('password/reset/:token'), (request) => passwords.reset(request), {
    ...open,
    schema: { tags, summary: 'Set a new password with a reset link (works once)' },
  });
  route(app, 'POST', authPaths('password/reset'), (request) => passwords.reset(request), {
    ...open,
    schema: { tags, summary: 'Set a new password with the reset secret in the body as `token` (works once)' },
  });
  installAccountPages(app);
}
