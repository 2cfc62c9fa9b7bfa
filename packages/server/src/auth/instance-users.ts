import { type Actor, type InstanceRole, TesseraError } from '@tessera/core';
import { timestampText, type UserModel } from '@tessera/store';
import type { FastifyRequest } from 'fastify';
import { type JsonObject, objectBody } from '../routes/request-body.ts';
import type { RouteContext } from '../routes/route-context.ts';
import { changeOf } from './auth-plugin.ts';
import { emailOf } from './credential-input.ts';
import type { Mailer } from './mailer.ts';
import { hashSecret, newSecretToken } from './secret-tokens.ts';
import { instanceRoleFromInput, instanceRoleText, listedUserView } from './user-view.ts';

/** How long an invitation to sign up stays valid. */
export const INVITATION_LIFETIME_MS = 7 * 86_400_000;

/** The page an invitation e-mail links to; the secret rides in the query, which logs leave out. */
export function signupLink(publicUrl: string, secret: string): string {
  return `${publicUrl}/auth/signup?token=${encodeURIComponent(secret)}`;
}

function invalid(message: string): TesseraError {
  return new TesseraError('ERR_INVALID_REQUEST_BODY', message);
}

/** `roles` of a body: ours (owner, admin, member) or NocoDB's (super, org-level-creator, …). */
function roleOf(body: JsonObject, fallback: InstanceRole | undefined): InstanceRole {
  const value = body.roles ?? body.role;
  if (value === undefined || value === null) {
    if (fallback !== undefined) return fallback;
    throw invalid("'roles' is required");
  }
  const role = typeof value === 'string' && value.length <= 100 ? instanceRoleFromInput(value) : undefined;
  if (role === undefined) throw invalid("'roles' must be one of owner, admin or member");
  return role;
}

/** Instance routes admit signed-in users only; this is the one calling. */
function callerUser(request: FastifyRequest): Extract<Actor, { kind: 'user' }>['user'] {
  const { actor } = request.caller;
  if (actor.kind !== 'user') throw new TesseraError('ERR_API_TOKEN_NOT_ALLOWED', 'Sign in to manage users');
  return actor.user;
}

/** Admins manage members; owners and admins themselves are the owners' to make and unmake. */
function requireOwnerFor(caller: { instanceRole: InstanceRole }, ...roles: InstanceRole[]): void {
  if (caller.instanceRole !== 'owner' && roles.some((role) => role !== 'member'))
    throw new TesseraError(
      'ERR_FORBIDDEN',
      'Only instance owners may make, change or remove owners and admins',
    );
}

/** The instance's users, managed by its owners and admins (`/api/v1/users`). */
export function instanceUsers({ store, config }: RouteContext, mailer: Mailer) {
  const target = (request: FastifyRequest): Promise<UserModel> =>
    store.users.get((request.params as { userId: string }).userId);

  return {
    async list() {
      return (await store.users.list()).map(listedUserView);
    },

    /** Invites by e-mail; the link (and its secret) is answered to the inviter only. */
    async invite(request: FastifyRequest) {
      const caller = callerUser(request);
      const body = objectBody(request.body);
      const email = emailOf(body);
      const role = roleOf(body, 'member');
      if (role === 'owner')
        throw invalid('Invite as admin or member; an owner can make another owner once they have signed up');
      requireOwnerFor(caller, role);
      if (await store.users.findByEmail(email))
        throw new TesseraError('ERR_USER_EXISTS', 'User already exist');
      const secret = newSecretToken();
      const invitation = await store.invitations.create(
        {
          email,
          tokenHash: hashSecret(secret),
          instanceRole: role,
          baseId: null,
          baseRole: null,
          invitedBy: caller.id,
          expiresAt: timestampText(Date.now() + INVITATION_LIFETIME_MS),
        },
        changeOf(request),
      );
      const link = signupLink(config.publicUrl, secret);
      const mailed = await mailer.send({
        to: email,
        subject: 'You are invited to Tessera',
        text: `${caller.email} invited you to Tessera at ${config.publicUrl}.\n\nTo create your account, open this link within seven days:\n${link}\n`,
        link,
      });
      return {
        msg: mailed
          ? 'The user has been invited'
          : 'The invitation was created but its e-mail could not be sent',
        id: invitation.id,
        email,
        roles: instanceRoleText(role),
        instance_role: role,
        invite_token: secret,
        invite_link: link,
        expires_at: invitation.expiresAt,
      };
    },

    async changeRole(request: FastifyRequest) {
      const caller = callerUser(request);
      const user = await target(request);
      const role = roleOf(objectBody(request.body), undefined);
      requireOwnerFor(caller, user.instanceRole, role);
      const updated =
        role === user.instanceRole
          ? user
          : await store.users.update(user.id, { instanceRole: role }, changeOf(request), 'user.role_change');
      return listedUserView(updated);
    },

    async remove(request: FastifyRequest) {
      const caller = callerUser(request);
      const user = await target(request);
      requireOwnerFor(caller, user.instanceRole);
      await store.users.remove(user.id, changeOf(request));
      return { msg: 'The user has been deleted successfully' };
    },
  };
}
