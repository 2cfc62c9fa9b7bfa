import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { problemsThrownBy } from '../config/config-problems.ts';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tessera-metrics-config-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const load = (env: Record<string, string>) =>
  loadConfig({ TESSERA_DATA_DIR: join(root, 'data'), JWT_SECRET: 's'.repeat(40), ...env }, { cwd: root });

describe('TESSERA_METRICS_TOKEN', () => {
  it('is absent unless set, and kept as given when set', () => {
    expect(load({}).metricsToken).toBeUndefined();
    expect(load({ TESSERA_METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    expect(load({ TESSERA_METRICS_TOKEN: 'e3b0c44298fc1c149afbf4c8' }).metricsToken).toBe(
      'e3b0c44298fc1c149afbf4c8',
    );
  });

  it('must be long enough and free of spaces; the message never repeats it', () => {
    for (const bad of ['short-token', 'sixteen chars ok but spaced']) {
      const problems = problemsThrownBy(() => load({ TESSERA_METRICS_TOKEN: bad }));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^TESSERA_METRICS_TOKEN must be 16 to 512 printable characters/);
      expect(problems[0]).not.toContain(bad);
    }
  });
});
