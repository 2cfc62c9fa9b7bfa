import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { attachmentPathOf } from '@tessera/core';
import { ATTACHMENT_DEFAULTS } from '../config/attachment-config.ts';
import type { TesseraConfig } from '../config/config-schema.ts';

/** Expiry times are rounded up to this step, so a record read twice in a while links the same URL (cacheable). */
const EXPIRY_STEP_SECONDS = 300;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const EXPIRY = /^[0-9]{1,12}$/;
/** Signatures remembered (a record read again within the expiry step signs nothing anew). */
const MAX_CACHED_SIGNATURES = 20_000;

export type LinkCheck = 'valid' | 'expired' | 'invalid';

export interface DownloadLinks {
  /** `<PUBLIC_URL>/download/<key>`: where the file lives; it only answers with a signature. */
  url(key: string): string;
  /** `download/<key>?exp=…&sig=…`, relative to PUBLIC_URL. */
  signedPath(key: string, nowMs?: number): string;
  /** The absolute signed link, valid for the configured lifetime. */
  signedUrl(key: string, nowMs?: number): string;
  /** Checks a link's `exp` and `sig` for a key. */
  check(key: string, exp: unknown, sig: unknown, nowMs?: number): LinkCheck;
}

/**
 * Signed, expiring download links: HMAC-SHA256 over the storage key and the expiry time,
 * with a key derived from JWT_SECRET (so rotating that secret also ends every link). Who may
 * read a record gets links to its files; holding a valid link is the download's access check.
 */
export function downloadLinks(options: {
  publicUrl: string;
  jwtSecret: string;
  lifetimeSeconds: number;
}): DownloadLinks {
  const key = createHmac('sha256', options.jwtSecret).update('tessera attachment download links v1').digest();
  // HMAC-SHA256 (RFC 2104) from two precomputed hash states: a page of records signs
  // hundreds of links, and copying a state is several times cheaper than a new createHmac.
  const block = Buffer.alloc(64); // the key, zero-padded to SHA-256's block size
  key.copy(block);
  const inner = createHash('sha256').update(block.map((byte) => byte ^ 0x36));
  const outer = createHash('sha256').update(block.map((byte) => byte ^ 0x5c));
  const cache = new Map<string, string>();
  const sign = (storageKey: string, exp: string) => {
    const message = `${storageKey}\n${exp}`;
    let signature = cache.get(message);
    if (signature === undefined) {
      signature = outer.copy().update(inner.copy().update(message).digest()).digest('base64url');
      if (cache.size >= MAX_CACHED_SIGNATURES) cache.clear();
      cache.set(message, signature);
    }
    return signature;
  };
  const expiry = (nowMs: number) =>
    Math.ceil((nowMs / 1000 + options.lifetimeSeconds) / EXPIRY_STEP_SECONDS) * EXPIRY_STEP_SECONDS;
  const signedPath = (storageKey: string, nowMs = Date.now()) => {
    const exp = String(expiry(nowMs));
    return `${attachmentPathOf(storageKey)}?exp=${exp}&sig=${sign(storageKey, exp)}`;
  };
  const url = (storageKey: string) => `${options.publicUrl}/${attachmentPathOf(storageKey)}`;
  return {
    url,
    signedPath,
    signedUrl: (storageKey, nowMs) => `${options.publicUrl}/${signedPath(storageKey, nowMs)}`,
    check(storageKey, exp, sig, nowMs = Date.now()) {
      if (typeof exp !== 'string' || typeof sig !== 'string' || !EXPIRY.test(exp) || !SIGNATURE.test(sig))
        return 'invalid';
      const expected = Buffer.from(sign(storageKey, exp));
      if (!timingSafeEqual(expected, Buffer.from(sig))) return 'invalid';
      return Number(exp) * 1000 < nowMs ? 'expired' : 'valid';
    },
  };
}

/** The links of a configured server: PUBLIC_URL, JWT_SECRET and TESSERA_ATTACHMENT_URL_EXPIRES_IN. */
export function downloadLinksOf(config: TesseraConfig): DownloadLinks {
  return downloadLinks({
    publicUrl: config.publicUrl,
    jwtSecret: config.jwtSecret,
    lifetimeSeconds: (config.attachments ?? ATTACHMENT_DEFAULTS).urlLifetimeSeconds,
  });
}
