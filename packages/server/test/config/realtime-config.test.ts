// REDIS_URL and TESSERA_EVENTS_RETENTION_DAYS: read, checked, never echoed with a password.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { problemsThrownBy } from './config-problems.ts';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tessera-config-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const load = (env: Record<string, string>) =>
  loadConfig({ TESSERA_DATA_DIR: join(root, 'data'), JWT_SECRET: 'a'.repeat(32), ...env }, { cwd: root });

describe('realtime configuration', () => {
  it('leaves Redis and event retention off by default (and for blank values)', () => {
    const envs: Record<string, string>[] = [{}, { REDIS_URL: ' ', TESSERA_EVENTS_RETENTION_DAYS: '' }];
    for (const env of envs) {
      const config = load(env);
      expect(config.redisUrl).toBeUndefined();
      expect(config.eventsRetentionDays).toBeUndefined();
    }
  });

  it('reads a redis:// or rediss:// URL and a number of days', () => {
    expect(load({ REDIS_URL: 'redis://redis:6379/0' }).redisUrl).toBe('redis://redis:6379/0');
    expect(load({ REDIS_URL: 'rediss://:s3cret@cache.example.com:6380' }).redisUrl).toBe(
      'rediss://:s3cret@cache.example.com:6380',
    );
    expect(load({ TESSERA_EVENTS_RETENTION_DAYS: '90' }).eventsRetentionDays).toBe(90);
  });

  it('refuses other URLs without showing their password, and days outside 1..36500', () => {
    const [redis, days] = problemsThrownBy(() =>
      load({ REDIS_URL: 'http://user:hunter2@cache:6379', TESSERA_EVENTS_RETENTION_DAYS: '0' }),
    );
    expect(redis).toMatch(/^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(redis).not.toContain('hunter2');
    expect(days).toMatch(/^TESSERA_EVENTS_RETENTION_DAYS must be an integer from 1 to 36500/);
    for (const value of ['not a url', 'redis//cache'])
      expect(problemsThrownBy(() => load({ REDIS_URL: value }))).toHaveLength(1);
    for (const value of ['-1', '2.5', '36501', 'forever'])
      expect(problemsThrownBy(() => load({ TESSERA_EVENTS_RETENTION_DAYS: value }))).toHaveLength(1);
  });
});
