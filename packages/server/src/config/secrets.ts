import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error.ts';

export const JWT_SECRET_MIN_LENGTH = 32;

/** Where the generated secret is kept: `<dataDir>/secrets/jwt-secret`. */
export function jwtSecretFile(dataDir: string): string {
  return join(dataDir, 'secrets', 'jwt-secret');
}

/**
 * The key that signs tokens. JWT_SECRET wins when set (at least 32 characters); otherwise the
 * secret kept in `<dataDir>/secrets/jwt-secret` (mode 0600, directory 0700) is read, or
 * generated on first start (48 random bytes, base64url), so tokens survive restarts. Two
 * processes starting together agree on one secret: the file appears atomically, first one
 * wins. Throws a ConfigError, never naming the secret itself.
 */
export function ensureJwtSecret(dataDir: string, fromEnv?: string): string {
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < JWT_SECRET_MIN_LENGTH) {
      throw new ConfigError([
        `JWT_SECRET must be at least ${JWT_SECRET_MIN_LENGTH} characters long (got ${fromEnv.length}); unset it to have one generated in ${jwtSecretFile(dataDir)}`,
      ]);
    }
    return fromEnv;
  }
  const file = jwtSecretFile(dataDir);
  const dir = join(dataDir, 'secrets');
  try {
    if (mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) chmodSync(dir, 0o700);
  } catch (error) {
    throw new ConfigError([`Cannot create the secrets directory ${dir}: ${reason(error)}`]);
  }
  return readSecret(file) ?? createSecret(dir, file);
}

/** The stored secret, or undefined when there is no file yet. */
function readSecret(file: string): string | undefined {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new ConfigError([`Cannot read the JWT secret file ${file}: ${reason(error)}`]);
  }
  const secret = content.trim();
  if (secret.length < JWT_SECRET_MIN_LENGTH) {
    throw new ConfigError([
      `The JWT secret file ${file} holds fewer than ${JWT_SECRET_MIN_LENGTH} characters; delete it to have a new secret generated (existing tokens stop working), or set JWT_SECRET`,
    ]);
  }
  tightenMode(file);
  return secret;
}

function createSecret(dir: string, file: string): string {
  const secret = randomBytes(48).toString('base64url');
  const temporary = join(dir, `.jwt-secret-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(temporary, 0o600);
    try {
      linkSync(temporary, file);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST') return readSecret(file) ?? secret;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
      // A file system without hard links: renaming is atomic too, only not exclusive.
      renameSync(temporary, file);
    }
    return secret;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([`Cannot write the JWT secret file ${file}: ${reason(error)}`]);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Already linked and removed, renamed, or never written.
    }
  }
}

/** Best effort: a secret readable by others is tightened to 0600. */
function tightenMode(file: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } catch {
    // Not the owner: the file still works; nothing better to do here.
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
