import { randomBytes } from 'node:crypto';

/**
 * The API token each spawned Tessera registers (TESSERA_BOOTSTRAP_TOKEN) and every benchmark
 * request sends as `xc-token`. New for every run.
 */
export const benchToken = randomBytes(30).toString('hex');

export const benchAuthHeaders: Readonly<Record<string, string>> = { 'xc-token': benchToken };
