import { type Actor, auditActorOf, TesseraError } from '@tessera/core';
import {
  type ChangeContext,
  type InvitationModel,
  type SessionSecret,
  timestampText,
  type UserModel,
} from '@tessera/store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { objectBody } from '../routes/request-body.ts';
import type { RouteContext } from '../routes/route-context.ts';
import { changeOf } from './auth-plugin.ts';
import { emailOf, nameOf, optionalSecretOf, passwordOf, plausibleSecret } from './credential-input.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { hashSecret, newSecretToken } from './secret-tokens.ts';
import { clearRefreshCookie, refreshCookieOf, setRefreshCookie } from './session-cookies.ts';
import type { AttemptThrottle } from './signin-throttle.ts';
import { signUserJwt } from './user-jwt.ts';

export function userActorOf(user: UserModel): Actor {
  return { kind: 'user', user: { id: user.id, email: user.email, instanceRole: user.instanceRole } };
}

/** The change context of a user acting on their own account (signed in or not yet). */
export function changeAs(user: UserModel, request: FastifyRequest): ChangeContext {
  return { actor: auditActorOf(userActorOf(user)), ip: request.ip };
}

/**
 * A refresh token presented again this soon after it was rotated is another tab of the same
 * browser that refreshed with the same cookie at the same time: it gets its own successor.
 * Presented later, it counts as stolen and ends every session of its user.
 */
export const REFRESH_REUSE_GRACE_MS = 30_000;

function refreshRefused(message: string): TesseraError {
  return new TesseraError('ERR_AUTHENTICATION_REQUIRED', message);
}

/**
 * Sign-up, sign-in, refresh and sign-out: JWTs (`xc-auth`) plus a rotating, single-use refresh
 * token in an httpOnly cookie.
 */
export function accountService({ store, config }: RouteContext, throttle: AttemptThrottle) {
  const refreshMs = config.auth.refreshTokenDays * 86_400_000;

  /** A new refresh secret for the user: the secret for the cookie, its hash for the store. */
  const newRefresh = (userId: string): { secret: string; record: SessionSecret } => {
    const secret = newSecretToken();
    return {
      secret,
      record: { userId, tokenHash: hashSecret(secret), expiresAt: timestampText(Date.now() + refreshMs) },
    };
  };
  const jwtFor = (user: UserModel) => signUserJwt(user, config.jwtSecret, config.auth.jwtLifetimeSeconds);

  /** Hands the user a fresh JWT and refresh cookie (after sign-up or a password change). */
  const startSession = async (reply: FastifyReply, user: UserModel): Promise<string> => {
    const refresh = newRefresh(user.id);
    await store.sessions.issueRefreshToken(refresh.record);
    setRefreshCookie(reply, refresh.secret, config);
    return jwtFor(user);
  };

  /** The invitation a sign-up redeems, checked against the e-mail signing up. */
  const invitationFor = async (secret: string, email: string): Promise<InvitationModel> => {
    const invitation = await store.invitations.findPending(hashSecret(secret));
    if (!invitation) throw new TesseraError('ERR_INVITATION_INVALID', 'Invalid or expired invite url');
    if (invitation.email !== email)
      throw new TesseraError('ERR_INVITATION_INVALID', 'This invitation was sent to another e-mail address');
    return invitation;
  };

  const signupNotAllowed = () =>
    new TesseraError('ERR_SIGNUP_NOT_ALLOWED', 'Not allowed to signup, contact super admin.');

  return {
    startSession,

    async signup(request: FastifyRequest, reply: FastifyReply) {
      const body = objectBody(request.body);
      const email = emailOf(body);
      const password = passwordOf(body, ['password'], true);
      const firstname = nameOf(body, 'firstname');
      const lastname = nameOf(body, 'lastname');
      const secret = optionalSecretOf(body, 'token');
      const invitation = secret === undefined ? undefined : await invitationFor(secret, email);
      const firstUser = (await store.users.count()) === 0;
      const byInvitationOnly = invitation === undefined && !config.auth.openSignup;
      if (byInvitationOnly && !firstUser) throw signupNotAllowed();
      if (await store.users.findByEmail(email))
        throw new TesseraError('ERR_USER_EXISTS', 'User already exist');
      const change = changeOf(request);
      const user = await store.users.create(
        {
          email,
          passwordHash: await hashPassword(password),
          firstname: firstname ?? null,
          lastname: lastname ?? null,
          // The first account is the owner whatever an invitation says.
          ...(invitation && !firstUser ? { instanceRole: invitation.instanceRole } : {}),
          emailVerified: invitation !== undefined,
        },
        change,
        'user.signup',
        async (executor, created) => {
          // Someone else became the first user meanwhile: this sign-up needed an invitation.
          if (byInvitationOnly && created.instanceRole !== 'owner') throw signupNotAllowed();
          if (invitation === undefined) return;
          await store.invitations.markAccepted(executor, invitation.id);
          if (invitation.baseId !== null && invitation.baseRole !== null)
            await store.members.addWith(executor, invitation.baseId, created.id, invitation.baseRole, change);
        },
      );
      return { token: await startSession(reply, user) };
    },

    async signin(request: FastifyRequest, reply: FastifyReply) {
      const body = objectBody(request.body);
      const email = emailOf(body);
      const password = passwordOf(body, ['password'], false);
      return throttle.password(reply, email, request.ip, async (record) => {
        const user = await store.users.findByEmail(email);
        // Verified even without an account (against a decoy), so timing does not tell.
        const matches = await verifyPassword(user?.passwordHash ?? null, password);
        if (!user || !matches) {
          await store.sessions.recordFailedAttempt(record.failed(), changeOf(request), {
            action: 'user.signin_failed',
            targetId: user?.id ?? null,
            details: { email },
          });
          throw new TesseraError('ERR_INVALID_CREDENTIALS', 'Invalid credentials');
        }
        const refresh = newRefresh(user.id);
        await store.sessions.recordSignin(refresh.record, changeAs(user, request), record.clearedBySuccess);
        setRefreshCookie(reply, refresh.secret, config);
        return { token: await jwtFor(user) };
      });
    },

    async refresh(request: FastifyRequest, reply: FastifyReply) {
      const secret = refreshCookieOf(request);
      if (!plausibleSecret(secret)) throw refreshRefused('Missing refresh token');
      const next = newRefresh('');
      const outcome = await store.sessions.rotateRefreshToken(
        hashSecret(secret),
        next.record,
        REFRESH_REUSE_GRACE_MS,
      );
      if (outcome.kind === 'reused')
        request.log.warn(
          { userId: outcome.userId },
          'a refresh token was used twice: every session of its user was ended',
        );
      const user = outcome.kind === 'rotated' ? await store.users.find(outcome.userId) : undefined;
      if (!user) {
        clearRefreshCookie(reply, config);
        throw refreshRefused(outcome.kind === 'expired' ? 'Refresh token expired' : 'Invalid refresh token');
      }
      setRefreshCookie(reply, next.secret, config);
      return { token: await jwtFor(user) };
    },

    async signout(request: FastifyRequest, reply: FastifyReply) {
      const secret = refreshCookieOf(request);
      if (plausibleSecret(secret)) await store.sessions.revokeRefreshToken(hashSecret(secret));
      clearRefreshCookie(reply, config);
      return { msg: 'Signed out successfully' };
    },
  };
}

export type AccountService = ReturnType<typeof accountService>;
