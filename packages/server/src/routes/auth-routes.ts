// GET /api/v1/auth/user/me   the caller; until accounts exist everyone is an anonymous guest.
// (n8n's NocoDB credential test calls this and only needs a 2xx.)
import type { FastifyInstance } from 'fastify';
import { access } from '../auth/route-access.ts';
import { type RouteContext, route } from './route-context.ts';

export async function authRoutes(app: FastifyInstance, _context: RouteContext): Promise<void> {
  route(
    app,
    'GET',
    ['/api/v1/auth/user/me', '/api/v1/db/auth/user/me', '/auth/user/me'],
    async () => ({
      id: null,
      email: null,
      email_verified: false,
      firstname: null,
      lastname: null,
      display_name: null,
      roles: { guest: true },
      base_roles: {},
      workspace_roles: {},
    }),
    {
      access: access.public,
      schema: { tags: ['Auth'], summary: 'The calling user (a guest until accounts exist)' },
    },
  );
}
