import swagger, { type StaticDocumentSpec } from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

/** Headers that belong to one connection, not to the answer being relayed. */
const CONNECTION_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'date',
]);

/**
 * Serves Swagger UI under `prefix` (the page, its assets, the document as JSON and YAML), but
 * loads @fastify/swagger-ui, its static-file server and YAML writer only when the docs are first
 * opened: a server nobody browses does not carry them (about 9 MB of resident memory). The UI
 * runs in a small Fastify instance of its own, fed the main app's OpenAPI document, and requests
 * under `prefix` are relayed to it.
 */
export function installLazySwaggerUi(app: FastifyInstance, prefix: string): void {
  let docs: Promise<FastifyInstance> | undefined;
  const load = async (): Promise<FastifyInstance> => {
    const { default: swaggerUi } = await import('@fastify/swagger-ui');
    const ui = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
    // The generated OpenAPI 3.0 document, typed by @fastify/swagger as any OpenAPI version.
    const document = app.swagger() as StaticDocumentSpec['document'];
    await ui.register(swagger, { mode: 'static', specification: { document } });
    await ui.register(swaggerUi, { routePrefix: prefix });
    await ui.ready();
    return ui;
  };
  const relay = async (request: FastifyRequest, reply: FastifyReply) => {
    docs ??= load().catch((error: unknown) => {
      docs = undefined;
      throw error;
    });
    const answer = await (await docs).inject({
      method: 'GET',
      url: request.url,
      headers: request.headers,
    });
    reply.status(answer.statusCode);
    for (const [name, value] of Object.entries(answer.headers))
      if (value !== undefined && !CONNECTION_HEADERS.has(name)) reply.header(name, value);
    return reply.send(answer.rawPayload);
  };
  for (const url of [prefix, `${prefix}/*`])
    app.route({ method: 'GET', url, schema: { hide: true }, config: { database: false }, handler: relay });
  app.addHook('onClose', async () => {
    if (docs) await (await docs.catch(() => undefined))?.close();
  });
}
