// GET    /api/v2/meta/bases/:baseId/users           the base's members (viewers may list)
// POST   /api/v2/meta/bases/:baseId/users           add a user by e-mail, or invite an unknown address (owners)
// PATCH  /api/v2/meta/bases/:baseId/users/:userId   change a member's role (owners)
// DELETE /api/v2/meta/bases/:baseId/users/:userId   remove a member (owners, or members leaving)
// All also under /api/v1/db/meta/projects/…. The base's last owner is never removed or demoted.
import { actingUserId, BASE_ROLES, type BaseRole, isBaseRole, TesseraError } from '@tessera/core';
import type { BaseMember } from '@tessera/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { changeOf } from '../auth/auth-plugin.ts';
import { access, callerBaseRole } from '../auth/route-access.ts';
import { hashSecret, newSecretToken } from '../auth/secret-tokens.ts';
import { listOf } from '../serializers/meta-serializers.ts';
import { objectBody } from './request-body.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const tags = ['Base members'];
const members = ['/api/v2/meta/bases/:baseId/users', '/api/v1/db/meta/projects/:baseId/users'];
const member = members.map((path) => `${path}/:userId`);
const INVITATION_DAYS = 7;
const MAX_EMAIL = 254;
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

function invalid(message: string): TesseraError {
  return new TesseraError('ERR_INVALID_REQUEST_BODY', message);
}

/** `roles` from a body: one base role by name, as NocoDB sends it. */
function roleOf(body: Record<string, unknown>): BaseRole {
  const value = body.roles;
  const role = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (!isBaseRole(role))
    throw invalid(`'roles' must be one of ${BASE_ROLES.map((r) => `'${r}'`).join(', ')}`);
  return role;
}

function emailOf(body: Record<string, unknown>): string {
  const value = body.email;
  if (typeof value !== 'string' || value.trim() === '') throw invalid("'email' is required");
  const email = value.trim().toLowerCase();
  if (/[,;\s]/.test(email)) throw invalid('Invite one e-mail address per request');
  if (email.length > MAX_EMAIL || !EMAIL.test(email)) throw invalid(`'${email}' is not an e-mail address`);
  return email;
}

/** NocoDB's base user row. */
function serializeMember(m: BaseMember) {
  const name = [m.firstname, m.lastname].filter((part) => part !== null && part !== '').join(' ');
  return {
    id: m.userId,
    email: m.email,
    display_name: name === '' ? null : name,
    firstname: m.firstname,
    lastname: m.lastname,
    roles: m.role,
    base_id: m.baseId,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

function inDays(days: number): string {
  const iso = new Date(Date.now() + days * 86_400_000).toISOString();
  return `${iso.slice(0, 19).replace('T', ' ')}+00:00`;
}

export async function memberRoutes(app: FastifyInstance, { store }: RouteContext): Promise<void> {
  const params = (request: FastifyRequest) => request.params as Params;
  const requireMember = async (baseId: string, userId: string) => {
    if ((await store.members.roleOf(baseId, userId)) === undefined)
      throw new TesseraError('ERR_MEMBER_NOT_FOUND', `User '${userId}' is not a member of this base`);
  };

  route(
    app,
    'GET',
    members,
    async (request) => ({
      users: listOf((await store.members.list(params(request).baseId!)).map(serializeMember)),
    }),
    { access: access.base('viewer'), schema: { tags, summary: "List the base's members" } },
  );
  route(
    app,
    'POST',
    members,
    async (request) => {
      const baseId = params(request).baseId!;
      const body = objectBody(request.body);
      const email = emailOf(body);
      const role = roleOf(body);
      const change = changeOf(request);
      const user = await store.users.findByEmail(email);
      if (user) {
        const held = await store.members.roleOf(baseId, user.id);
        if (held !== undefined)
          throw new TesseraError(
            'ERR_CONFLICT',
            `${email} is already a member of this base (role ${held}); change the role with PATCH`,
            { user: user.id, roles: held },
          );
        const added = await store.members.set(baseId, user.id, role, change);
        return { msg: 'The user has been added to the base', ...serializeMember(added) };
      }
      for (const stale of await store.invitations.listPending({ baseId }))
        if (stale.email === email) await store.invitations.revoke(stale.id, change);
      const secret = newSecretToken();
      const invitation = await store.invitations.create(
        {
          email,
          tokenHash: hashSecret(secret),
          instanceRole: 'member',
          baseId,
          baseRole: role,
          invitedBy: actingUserId(request.caller.actor),
          expiresAt: inDays(INVITATION_DAYS),
        },
        change,
      );
      return {
        msg: 'The user has been invited successfully',
        email,
        roles: role,
        invite_token: secret,
        expires_at: invitation.expiresAt,
      };
    },
    { access: access.base('owner'), schema: { tags, summary: 'Add or invite a member by e-mail' } },
  );
  route(
    app,
    'PATCH',
    member,
    async (request) => {
      const { baseId, userId } = params(request);
      const role = roleOf(objectBody(request.body));
      await requireMember(baseId!, userId!);
      const updated = await store.members.set(baseId!, userId!, role, changeOf(request));
      return { msg: 'The user has been updated successfully', ...serializeMember(updated) };
    },
    { access: access.base('owner'), schema: { tags, summary: "Change a member's role" } },
  );
  route(
    app,
    'DELETE',
    member,
    async (request) => {
      const { baseId, userId } = params(request);
      const actor = request.caller.actor;
      const leaving =
        actingUserId(actor) === userId && !(actor.kind === 'token' && actor.scope.access === 'read');
      if (!leaving && (await callerBaseRole(store, actor, baseId!)) !== 'owner')
        throw new TesseraError('ERR_FORBIDDEN', 'Only base owners may remove other members');
      await store.members.remove(baseId!, userId!, changeOf(request));
      return { msg: 'The user has been removed from the base' };
    },
    {
      access: access.base('viewer'),
      schema: { tags, summary: 'Remove a member (owners; any member may leave)' },
    },
  );
}
