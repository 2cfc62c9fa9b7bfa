import { createHash, timingSafeEqual } from 'node:crypto';
import { TesseraError } from '@tessera/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Headers a reverse proxy adds; a request carrying one did not come straight from this machine. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * Who may read /metrics. With a token (TESSERA_METRICS_TOKEN): whoever sends
 * `Authorization: Bearer <token>`, from anywhere. Without one: only direct connections from
 * this machine (loopback peer, no proxy forwarding headers), so a server exposed through a
 * proxy or on a network does not publish its metrics by accident.
 */
export function metricsGuard(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(token);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (expected !== undefined) {
      const header = request.headers.authorization ?? '';
      const given = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
      if (timingSafeEqual(digest(given), expected)) return;
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new TesseraError(
        'ERR_AUTHENTICATION_REQUIRED',
        'Metrics need the header Authorization: Bearer <TESSERA_METRICS_TOKEN>',
      );
    }
    const forwarded = FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined);
    if (!forwarded && isLoopback(request.raw.socket?.remoteAddress)) return;
    throw new TesseraError(
      'ERR_FORBIDDEN',
      'Metrics are served only to this machine while TESSERA_METRICS_TOKEN is unset; set it to scrape from elsewhere',
    );
  };
}
