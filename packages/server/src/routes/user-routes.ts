// The instance's users; instance owners and admins only, signed in (API tokens are refused).
// GET    /api/v1/users              {list, pageInfo}
// POST   /api/v1/users              {email, roles?: admin|member} → invitation, with invite_token and invite_link
// PATCH  /api/v1/users/:userId      {roles} change the instance role (owners and admins: owners only)
// DELETE /api/v1/users/:userId      delete the account (never the last owner)
import type { FastifyInstance } from 'fastify';
import { instanceUsers } from '../auth/instance-users.ts';
import { access } from '../auth/route-access.ts';
import { listOf } from '../serializers/meta-serializers.ts';
import { type RouteContext, route } from './route-context.ts';

const collection = ['/api/v1/users'];
const item = ['/api/v1/users/:userId'];
const tags = ['Users'];
const bodyLimit = 64 * 1024;

export async function userRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const users = instanceUsers(context, app.mailer);
  route(app, 'GET', collection, async () => listOf(await users.list()), {
    access: access.admin,
    schema: { tags, summary: "List the instance's users" },
  });
  route(app, 'POST', collection, (request) => users.invite(request), {
    access: access.admin,
    bodyLimit,
    schema: { tags, summary: 'Invite a user by e-mail (admins invite members; owners also admins)' },
  });
  route(app, 'PATCH', item, (request) => users.changeRole(request), {
    access: access.admin,
    bodyLimit,
    schema: { tags, summary: "Change a user's instance role (the last owner stays)" },
  });
  route(app, 'DELETE', item, (request) => users.remove(request), {
    access: access.admin,
    schema: { tags, summary: 'Delete a user (never the last owner)' },
  });
}
