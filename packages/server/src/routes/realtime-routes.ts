// GET /api/v2/realtime   the realtime feed over a WebSocket (docs/realtime.md); anyone may
//                        connect, the socket then authenticates by header or first message.
//                        A plain GET (no Upgrade) answers 426.
import { TesseraError } from '@tessera/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { credentialOf } from '../auth/authenticate.ts';
import { access } from '../auth/route-access.ts';
import type { RealtimeHub } from '../realtime/realtime-hub.ts';
import { closeCodes } from '../realtime/realtime-protocol.ts';
import type { RealtimeSocket } from '../realtime/realtime-socket.ts';
import type { RouteContext } from './route-context.ts';

export interface RealtimeRouteContext extends RouteContext {
  readonly realtime: RealtimeHub;
}

/** Query parameters that look like a credential: refused, as URLs end up in logs. */
const CREDENTIAL_PARAMS = ['token', 'xc-token', 'xc-auth', 'access_token', 'auth', 'jwt'];

export async function realtimeRoutes(
  app: FastifyInstance,
  { realtime }: RealtimeRouteContext,
): Promise<void> {
  app.route({
    method: 'GET',
    url: '/api/v2/realtime',
    config: { access: access.public },
    schema: {
      tags: ['Realtime'],
      summary: 'Realtime feed of record changes (WebSocket; see docs/realtime.md)',
      querystring: Type.Object({}),
    },
    handler: async (_request, reply) => {
      reply.header('upgrade', 'websocket');
      throw new TesseraError(
        'ERR_UPGRADE_REQUIRED',
        'Connect with a WebSocket client (Upgrade: websocket); see docs/realtime.md',
      );
    },
    wsHandler: (ws, request) => {
      const socket = ws as RealtimeSocket;
      const query = (request.query ?? {}) as Record<string, unknown>;
      if (CREDENTIAL_PARAMS.some((name) => query[name] !== undefined)) {
        socket.close(
          closeCodes.unauthenticated,
          'Credentials in the URL are refused; use a header or auth message',
        );
        return;
      }
      const credential = credentialOf(request);
      const { actor } = request.caller;
      if (credential !== undefined && actor.kind === 'anonymous') {
        socket.close(closeCodes.unauthenticated, 'Invalid credential');
        return;
      }
      realtime.connect(socket, request.ip, credential === undefined ? undefined : { credential, actor });
    },
  });
}
