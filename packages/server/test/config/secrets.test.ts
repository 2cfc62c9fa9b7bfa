import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureJwtSecret, jwtSecretFile } from '../../src/config/secrets.ts';
import { problemsThrownBy } from './config-problems.ts';

const isWindows = process.platform === 'win32';
const isRoot = process.getuid?.() === 0;

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tessera-secrets-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ensureJwtSecret', () => {
  it('uses JWT_SECRET when given, writing nothing', () => {
    const secret = 'x'.repeat(32);
    expect(ensureJwtSecret(dataDir, secret)).toBe(secret);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('rejects a JWT_SECRET shorter than 32 characters without showing it', () => {
    const found = problemsThrownBy(() => ensureJwtSecret(dataDir, 'y'.repeat(31)));
    expect(found).toEqual([
      `JWT_SECRET must be at least 32 characters long (got 31); unset it to have one generated in ${jwtSecretFile(dataDir)}`,
    ]);
  });

  it('treats an empty JWT_SECRET as unset', () => {
    expect(ensureJwtSecret(dataDir, '')).toHaveLength(64);
  });

  it('generates the secret once, then reuses it', () => {
    const first = ensureJwtSecret(dataDir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(readFileSync(jwtSecretFile(dataDir), 'utf8').trim()).toBe(first);
    expect(ensureJwtSecret(dataDir)).toBe(first);
    expect(ensureJwtSecret(dataDir, undefined)).toBe(first);
    expect(readdirSync(join(dataDir, 'secrets'))).toEqual(['jwt-secret']);
  });

  it('generates a different secret for another data directory', () => {
    const other = mkdtempSync(join(tmpdir(), 'tessera-secrets-'));
    try {
      expect(ensureJwtSecret(other)).not.toBe(ensureJwtSecret(dataDir));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it.skipIf(isWindows)('keeps the file at 0600 in a 0700 directory', () => {
    ensureJwtSecret(dataDir);
    expect(statSync(jwtSecretFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'secrets')).mode & 0o777).toBe(0o700);
  });

  it.skipIf(isWindows)('tightens a stored secret readable by others', () => {
    const secret = ensureJwtSecret(dataDir);
    chmodSync(jwtSecretFile(dataDir), 0o644);
    expect(ensureJwtSecret(dataDir)).toBe(secret);
    expect(statSync(jwtSecretFile(dataDir)).mode & 0o777).toBe(0o600);
  });

  it('reads a secret written by hand, ignoring surrounding whitespace', () => {
    mkdirSync(join(dataDir, 'secrets'));
    writeFileSync(jwtSecretFile(dataDir), `  ${'k'.repeat(40)}\n\n`);
    expect(ensureJwtSecret(dataDir)).toBe('k'.repeat(40));
  });

  it('rejects a stored secret that is too short', () => {
    mkdirSync(join(dataDir, 'secrets'));
    writeFileSync(jwtSecretFile(dataDir), 'short\n');
    const found = problemsThrownBy(() => ensureJwtSecret(dataDir));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^The JWT secret file .*jwt-secret holds fewer than 32 characters/);
    expect(found[0]).not.toContain('short\n');
  });

  it('reports a secrets path it cannot use', () => {
    writeFileSync(join(dataDir, 'secrets'), 'not a directory');
    expect(problemsThrownBy(() => ensureJwtSecret(dataDir))[0]).toMatch(
      /^Cannot create the secrets directory /,
    );
  });

  it.skipIf(isWindows || isRoot)('reports an unreadable secret file', () => {
    ensureJwtSecret(dataDir);
    chmodSync(jwtSecretFile(dataDir), 0o000);
    expect(problemsThrownBy(() => ensureJwtSecret(dataDir))[0]).toMatch(/^Cannot read the JWT secret file /);
  });
});
