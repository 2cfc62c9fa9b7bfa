import type { AuthConfig } from '../config/auth-config.ts';

/**
 * TESSERA_TRUST_PROXY as Fastify's `trustProxy`: which X-Forwarded-For hops to believe when
 * taking the client address (sign-in throttling, the audit trail). A hop count becomes the
 * function Fastify's types ask for.
 */
export function trustProxyOption(
  setting: AuthConfig['trustProxy'],
): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}
