// Serves the browser app (packages/web, built by Vite into dist/web) at `/`, same origin as the
// API. Files under /assets/ carry content hashes and are cached for a year; every other path
// that is not an API route answers index.html, so the app's own routes survive a reload.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { access } from '../auth/route-access.ts';

/** Path prefixes that belong to the API and file downloads: never answered with the app. */
const serverPrefixes = ['/api/', '/download/', '/metrics'];

/**
 * What the page may load: its own scripts and styles; images from here, data/blob URLs, the
 * public address (signed file links are absolute) and any https origin (S3-style storage).
 */
function contentSecurityPolicy(publicUrl: string): string {
  const publicOrigin = URL.canParse(publicUrl) ? new URL(publicUrl).origin : '';
  return [
    "default-src 'self'",
    `img-src 'self' data: blob: https: ${publicOrigin}`.trim(),
    // The canvas grid sets inline styles on its overlay editors.
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self' ws: wss:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * The built app's folder: next to the bundled server (dist/tessera.mjs → dist/web), else the
 * repository's dist/web when running from source; undefined when the app was not built.
 */
export function findWebDir(moduleUrl: string): string | undefined {
  const candidates = [new URL('./web/', moduleUrl), new URL('../../../dist/web/', moduleUrl)];
  return candidates.map((url) => fileURLToPath(url)).find((dir) => existsSync(join(dir, 'index.html')));
}

function isServerPath(url: string): boolean {
  return serverPrefixes.some((prefix) => url === prefix.slice(0, -1) || url.startsWith(prefix));
}

export async function installWebApp(app: FastifyInstance, webDir: string, publicUrl: string): Promise<void> {
  const policy = contentSecurityPolicy(publicUrl);
  await app.register(fastifyStatic, { root: webDir, serve: false, cacheControl: false });
  const sendIndex = (reply: FastifyReply) =>
    reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', policy)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .sendFile('index.html');
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (isServerPath(path)) return reply.callNotFound();
    if (path.startsWith('/assets/')) {
      // Asset names are plain (name-hash.ext): anything else, such as an encoded `..`, is not one.
      const file = path.slice(1);
      if (/^assets\/[\w.-]+$/.test(file) && !file.includes('..') && existsSync(join(webDir, file)))
        return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(file);
      return reply.callNotFound();
    }
    if (path === '/favicon.svg') return reply.sendFile('favicon.svg');
    return sendIndex(reply);
  };
  // Public, and answered without the database: the page loads while the database is away.
  const options = { schema: { hide: true }, config: { access: access.public, database: false } };
  app.get('/', options, handler);
  app.get('/*', options, handler);
}
