import { TesseraError } from '@tessera/core';
import { timestampText } from '@tessera/store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { objectBody } from '../routes/request-body.ts';
import type { RouteContext } from '../routes/route-context.ts';
import type { AccountService } from './account-service.ts';
import { changeAs } from './account-service.ts';
import { changeOf } from './auth-plugin.ts';
import { emailOf, passwordOf, plausibleSecret } from './credential-input.ts';
import type { Mailer } from './mailer.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { hashSecret, newSecretToken } from './secret-tokens.ts';
import type { AttemptThrottle } from './signin-throttle.ts';

/** How long a password-reset link works. */
export const RESET_LINK_LIFETIME_MS = 60 * 60_000;

/** The page a reset e-mail links to; the secret rides in the query, which logs leave out. */
export function resetLink(publicUrl: string, secret: string): string {
  return `${publicUrl}/auth/password/reset?token=${encodeURIComponent(secret)}`;
}

function resetRefused(why: 'expired' | 'unknown'): TesseraError {
  return new TesseraError(
    'ERR_INVITATION_INVALID',
    why === 'expired' ? 'Password reset url expired' : 'Invalid reset url',
  );
}

/** Changing a password signed in, and resetting a forgotten one by an e-mailed link. */
export function passwordService(
  { store, config }: RouteContext,
  throttle: AttemptThrottle,
  accounts: AccountService,
  mailer: Mailer,
) {
  /** A live reset secret's user, or 400. */
  const liveReset = async (secret: string | undefined) => {
    if (!plausibleSecret(secret)) throw resetRefused('unknown');
    const found = await store.sessions.checkPasswordReset(hashSecret(secret));
    if (typeof found === 'string') throw resetRefused(found);
    return { tokenHash: hashSecret(secret), userId: found.userId };
  };

  return {
    /** Ends every other session: old JWTs and refresh tokens stop working; the caller gets new ones. */
    async change(request: FastifyRequest, reply: FastifyReply) {
      const { actor } = request.caller;
      if (actor.kind !== 'user')
        throw new TesseraError('ERR_API_TOKEN_NOT_ALLOWED', 'API tokens cannot change passwords; sign in');
      const body = objectBody(request.body);
      const current = passwordOf(body, ['currentPassword', 'current_password', 'oldPassword'], false);
      const next = passwordOf(body, ['newPassword', 'new_password'], true);
      const user = await store.users.get(actor.user.id);
      return throttle.password(reply, user.email, request.ip, async (record) => {
        if (!(await verifyPassword(user.passwordHash, current))) {
          await store.sessions.recordFailedAttempt(record.failed(), changeOf(request), {
            action: 'user.password_change_failed',
            targetId: user.id,
          });
          throw new TesseraError('ERR_WRONG_PASSWORD', 'Current password is wrong');
        }
        const updated = await store.users.update(
          user.id,
          { passwordHash: await hashPassword(next), bumpTokenVersion: true },
          changeOf(request),
          'user.password_change',
          (executor) => store.sessions.endSessions(executor, user.id),
        );
        const token = await accounts.startSession(reply, updated);
        return { msg: 'Password has been updated successfully', token };
      });
    },

    /** Always the same answer, so it does not tell whether an account exists. */
    async forgot(request: FastifyRequest, reply: FastifyReply) {
      const email = emailOf(objectBody(request.body));
      const reply200 = { msg: 'Please check your email to reset the password' };
      if (!(await throttle.resetRequest(reply, email, request.ip))) return reply200;
      const user = await store.users.findByEmail(email);
      if (!user) return reply200;
      const secret = newSecretToken();
      await store.sessions.createPasswordReset({
        userId: user.id,
        tokenHash: hashSecret(secret),
        expiresAt: timestampText(Date.now() + RESET_LINK_LIFETIME_MS),
      });
      const link = resetLink(config.publicUrl, secret);
      // Not awaited: how long an SMTP server takes must not tell that the account exists.
      void mailer.send({
        to: user.email,
        subject: 'Reset your Tessera password',
        text: `Someone (hopefully you) asked to reset the password of ${user.email} on ${config.publicUrl}.\n\nTo choose a new password, open this link within an hour:\n${link}\n\nIf you did not ask for this, ignore this message; your password stays as it is.\n`,
        link,
      });
      return reply200;
    },

    async validate(request: FastifyRequest) {
      await liveReset((request.params as { token?: string }).token);
      return { msg: 'Token is valid' };
    },

    /**
     * Works once: the link, every other pending link, old JWTs and refresh tokens stop working.
     * The secret comes in the path (NocoDB) or, kept out of URLs and logs, as the body's `token`.
     */
    async reset(request: FastifyRequest) {
      const body = objectBody(request.body);
      const fromBody = typeof body.token === 'string' ? body.token : undefined;
      const { tokenHash, userId } = await liveReset((request.params as { token?: string }).token ?? fromBody);
      const password = passwordOf(body, ['password', 'newPassword'], true);
      const user = await store.users.get(userId);
      await store.users.update(
        userId,
        { passwordHash: await hashPassword(password), bumpTokenVersion: true, emailVerified: true },
        changeAs(user, request),
        'user.password_reset',
        async (executor) => {
          if (!(await store.sessions.usePasswordReset(executor, tokenHash))) throw resetRefused('unknown');
          await store.sessions.endSessions(executor, userId);
        },
      );
      return { msg: 'Password has been reset successfully' };
    },
  };
}
