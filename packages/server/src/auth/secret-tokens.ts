import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A fresh secret of `length` URL-safe characters (API tokens are 40, as NocoDB's). */
export function newSecretToken(length = 40): string {
  const bytes = randomBytes(length);
  let token = '';
  for (const byte of bytes) token += ALPHABET[byte & 63];
  return token;
}

/** SHA-256 (hex) of a secret: what is stored and looked up, never the secret itself. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The last four characters, shown in token lists to tell tokens apart. */
export function secretHint(secret: string): string {
  return secret.slice(-4);
}
