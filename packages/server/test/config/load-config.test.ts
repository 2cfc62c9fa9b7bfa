import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_DEFAULTS } from '../../src/config/attachment-config.ts';
import { AUTH_DEFAULTS } from '../../src/config/auth-config.ts';
import { ConfigError } from '../../src/config/config-error.ts';
import type { TesseraConfig } from '../../src/config/config-schema.ts';
import { describeDatabase } from '../../src/config/database-url.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { WEBHOOK_DEFAULTS } from '../../src/config/webhook-config.ts';

const isRoot = process.getuid?.() === 0;
const isWindows = process.platform === 'win32';
const SECRET = 'a'.repeat(32);

let root: string;
let dataDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tessera-config-'));
  dataDir = join(root, 'data');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Loads with an isolated data directory and working directory; `env` overrides. */
function load(env: Record<string, string | undefined> = {}): TesseraConfig {
  return loadConfig({ TESSERA_DATA_DIR: dataDir, ...env }, { cwd: root });
}

/** The problems loadConfig reports for `env`; fails when it does not throw a ConfigError. */
function problems(env: Record<string, string | undefined>): readonly string[] {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

function problem(env: Record<string, string | undefined>): string {
  const found = problems(env);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('loadConfig defaults', () => {
  it('gives every default for an empty environment', () => {
    const config = load();
    expect(config).toEqual({
      database: { kind: 'sqlite', file: join(dataDir, 'tessera.db') },
      port: 8080,
      host: '127.0.0.1',
      dataDir,
      publicUrl: 'http://localhost:8080',
      jwtSecret: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/),
      logLevel: 'info',
      maxBodyBytes: 10 * 1024 * 1024,
      maxRecordsPerRequest: 1000,
      defaultLimit: 25,
      maxLimit: 1000,
      auth: AUTH_DEFAULTS,
      attachments: ATTACHMENT_DEFAULTS,
      webhooks: WEBHOOK_DEFAULTS,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats empty and blank values as unset', () => {
    const config = load({ PORT: '', HOST: '  ', LOG_LEVEL: '', DATABASE_URL: '', PUBLIC_URL: ' ' });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.logLevel).toBe('info');
    expect(config.database.kind).toBe('sqlite');
    expect(config.publicUrl).toBe('http://localhost:8080');
  });

  it('reads process.env when called without arguments', () => {
    const saved = process.env['TESSERA_DATA_DIR'];
    process.env['TESSERA_DATA_DIR'] = dataDir;
    try {
      expect(loadConfig().dataDir).toBe(dataDir);
    } finally {
      if (saved === undefined) delete process.env['TESSERA_DATA_DIR'];
      else process.env['TESSERA_DATA_DIR'] = saved;
    }
  });
});

describe('integers', () => {
  const cases: [name: string, key: keyof TesseraConfig, min: number, max: number][] = [
    ['PORT', 'port', 1, 65535],
    ['TESSERA_MAX_BODY_BYTES', 'maxBodyBytes', 1024, 1024 ** 3],
    ['TESSERA_MAX_RECORDS_PER_REQUEST', 'maxRecordsPerRequest', 1, 100_000],
    ['TESSERA_MAX_LIMIT', 'maxLimit', 1, 100_000],
  ];

  for (const [name, key, min, max] of cases) {
    it(`${name} accepts its bounds and rejects values outside`, () => {
      expect(load({ [name]: String(min) })[key]).toBe(min);
      expect(load({ [name]: String(max) })[key]).toBe(max);
      expect(load({ [name]: ` ${min} ` })[key]).toBe(min);
      for (const bad of [String(min - 1), String(max + 1), '12a', '1.5', '-1', '1e3', '0x10', 'abc']) {
        expect(problem({ [name]: bad })).toBe(
          `${name} must be an integer from ${min} to ${max} (got "${bad}")`,
        );
      }
    });
  }

  it('PORT reports what was given and what is allowed', () => {
    expect(problem({ PORT: '80a' })).toBe('PORT must be an integer from 1 to 65535 (got "80a")');
  });

  it('rejects numbers too large to be exact', () => {
    expect(problem({ PORT: '99999999999999999999' })).toMatch(/^PORT must be an integer from 1 to 65535/);
  });

  it('TESSERA_DEFAULT_LIMIT is read, bounded and never above TESSERA_MAX_LIMIT', () => {
    expect(load({ TESSERA_DEFAULT_LIMIT: '100' }).defaultLimit).toBe(100);
    expect(problem({ TESSERA_DEFAULT_LIMIT: '0' })).toBe(
      'TESSERA_DEFAULT_LIMIT must be an integer from 1 to 100000 (got "0")',
    );
    expect(problem({ TESSERA_DEFAULT_LIMIT: '500', TESSERA_MAX_LIMIT: '100' })).toBe(
      'TESSERA_DEFAULT_LIMIT (500) must not be greater than TESSERA_MAX_LIMIT (100)',
    );
  });

  it('shrinks the default page size to a small TESSERA_MAX_LIMIT when it is unset', () => {
    const config = load({ TESSERA_MAX_LIMIT: '10' });
    expect(config.maxLimit).toBe(10);
    expect(config.defaultLimit).toBe(10);
  });
});

describe('HOST', () => {
  it('accepts IP addresses and host names', () => {
    for (const host of ['0.0.0.0', '::', '::1', '192.168.1.10', 'localhost', 'tessera.internal', 'db-1']) {
      expect(load({ HOST: host }).host).toBe(host);
    }
  });

  it('rejects anything else', () => {
    for (const host of ['http://0.0.0.0', '0.0.0.0:8080', 'my host', '-bad', '[::1]']) {
      expect(problem({ HOST: host })).toBe(
        `HOST must be an IP address or a host name, such as 127.0.0.1, 0.0.0.0, :: or localhost (got "${host}")`,
      );
    }
  });
});

describe('TESSERA_DATA_DIR', () => {
  it('defaults to ./data under the working directory and creates it', () => {
    const config = loadConfig({}, { cwd: root });
    expect(config.dataDir).toBe(join(root, 'data'));
    expect(statSync(config.dataDir).isDirectory()).toBe(true);
  });

  it('resolves a relative path against the working directory and creates missing parents', () => {
    const config = load({ TESSERA_DATA_DIR: 'nested/deeper/store' });
    expect(config.dataDir).toBe(join(root, 'nested', 'deeper', 'store'));
    expect(statSync(config.dataDir).isDirectory()).toBe(true);
  });

  it('reports a path that is a file', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    expect(problem({ TESSERA_DATA_DIR: file })).toBe(`TESSERA_DATA_DIR ${file} is not a directory`);
  });

  it('reports a directory that cannot be created', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const message = problem({ TESSERA_DATA_DIR: join(file, 'data') });
    expect(message).toMatch(new RegExp(`^TESSERA_DATA_DIR ${join(file, 'data')} cannot be created: E`));
  });

  it('says when the failing directory is the default', () => {
    writeFileSync(join(root, 'data'), 'x');
    expect(problems({ TESSERA_DATA_DIR: undefined })).toEqual([
      `TESSERA_DATA_DIR ${join(root, 'data')} is not a directory (the default; set TESSERA_DATA_DIR to use another directory)`,
    ]);
  });

  it.skipIf(isRoot || isWindows)('reports a directory that is not writable', () => {
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o500);
    try {
      expect(problem({})).toBe(`TESSERA_DATA_DIR ${dataDir} is not writable by this process`);
    } finally {
      chmodSync(dataDir, 0o700);
    }
  });
});

describe('PUBLIC_URL', () => {
  it('defaults to localhost on PORT', () => {
    expect(load({ PORT: '3000' }).publicUrl).toBe('http://localhost:3000');
  });

  it('accepts http and https URLs and strips trailing slashes', () => {
    expect(load({ PUBLIC_URL: 'https://tessera.example.com/' }).publicUrl).toBe(
      'https://tessera.example.com',
    );
    expect(load({ PUBLIC_URL: 'http://10.0.0.5:8080' }).publicUrl).toBe('http://10.0.0.5:8080');
    expect(load({ PUBLIC_URL: 'https://example.com/tessera//' }).publicUrl).toBe(
      'https://example.com/tessera',
    );
  });

  it('rejects relative, non-http and decorated URLs', () => {
    for (const url of [
      'tessera.example.com',
      '/tessera',
      'ftp://example.com',
      'https://example.com/?x=1',
      'https://example.com/#top',
    ]) {
      expect(problem({ PUBLIC_URL: url })).toBe(
        `PUBLIC_URL must be an absolute http:// or https:// URL without credentials, query or fragment, e.g. https://tessera.example.com (got "${url}")`,
      );
    }
  });

  it('never repeats a password given in it', () => {
    const message = problem({ PUBLIC_URL: 'https://admin:hunter2secret@example.com' });
    expect(message).not.toContain('hunter2secret');
    expect(message).toContain('admin:***@example.com');
  });
});

describe('LOG_LEVEL', () => {
  it('accepts every level, in any case', () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const) {
      expect(load({ LOG_LEVEL: level }).logLevel).toBe(level);
    }
    expect(load({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
  });

  it('rejects other names', () => {
    expect(problem({ LOG_LEVEL: 'verbose' })).toBe(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    );
  });
});

describe('PostgreSQL settings', () => {
  const url = 'postgres://app:s3cret-pw@db:5432/app';

  it('uses the defaults', () => {
    expect(load({ DATABASE_URL: url }).database).toEqual({
      kind: 'postgres',
      connectionString: url,
      schema: 'tessera',
      poolSize: 10,
      connectTimeoutMs: 5000,
    });
  });

  it('reads schema, pool size and connect timeout', () => {
    const config = load({
      DATABASE_URL: url,
      TESSERA_PG_SCHEMA: 'my_app_2',
      TESSERA_PG_POOL_SIZE: '100',
      TESSERA_PG_CONNECT_TIMEOUT_MS: '250',
    });
    expect(config.database).toMatchObject({ schema: 'my_app_2', poolSize: 100, connectTimeoutMs: 250 });
    expect(load({ DATABASE_URL: url, TESSERA_PG_SCHEMA: '_x' }).database).toMatchObject({ schema: '_x' });
    expect(load({ DATABASE_URL: url, TESSERA_PG_SCHEMA: 'a'.repeat(63) }).database).toMatchObject({
      schema: 'a'.repeat(63),
    });
  });

  it('rejects bad schemas', () => {
    for (const schema of ['Tessera', '1abc', 'my-app', 'a'.repeat(64), 'pg_tessera', 'x;drop']) {
      expect(problem({ DATABASE_URL: url, TESSERA_PG_SCHEMA: schema })).toBe(
        `TESSERA_PG_SCHEMA must be a lowercase identifier of at most 63 characters: a letter or _, then letters, digits or _, not starting with pg_ (got "${schema}")`,
      );
    }
  });

  it('bounds pool size and connect timeout', () => {
    expect(problem({ TESSERA_PG_POOL_SIZE: '0' })).toBe(
      'TESSERA_PG_POOL_SIZE must be an integer from 1 to 100 (got "0")',
    );
    expect(problem({ TESSERA_PG_POOL_SIZE: '101' })).toBe(
      'TESSERA_PG_POOL_SIZE must be an integer from 1 to 100 (got "101")',
    );
    expect(problem({ TESSERA_PG_CONNECT_TIMEOUT_MS: '5s' })).toBe(
      'TESSERA_PG_CONNECT_TIMEOUT_MS must be an integer from 1 to 600000 (got "5s")',
    );
  });
});

describe('database selection', () => {
  it('prefers DATABASE_URL over NC_DB', () => {
    const config = load({ DATABASE_URL: 'sqlite:chosen.db', NC_DB: 'pg://db:5432?u=a&p=b&d=c' });
    expect(config.database).toEqual({ kind: 'sqlite', file: join(root, 'chosen.db') });
  });

  it('falls back to NC_DB', () => {
    const config = load({ NC_DB: 'pg://db:6543?u=nc&p=p%40ss&d=noco' });
    expect(config.database).toMatchObject({
      kind: 'postgres',
      connectionString: 'postgres://nc:p%40ss@db:6543/noco',
    });
  });

  it('names NC_DB in its messages', () => {
    expect(problem({ NC_DB: 'mysql2://db:3306?u=a&p=b&d=c' })).toMatch(
      /^NC_DB uses the unsupported scheme "mysql2:"/,
    );
  });

  it('resolves a relative SQLite path against the working directory', () => {
    expect(load({ DATABASE_URL: 'sqlite:./db/main.db' }).database).toEqual({
      kind: 'sqlite',
      file: join(root, 'db', 'main.db'),
    });
  });

  it('reports a SQLite path that is a directory or lies under a file', () => {
    mkdirSync(join(root, 'dir'));
    expect(problem({ DATABASE_URL: 'sqlite:dir' })).toBe(
      `DATABASE_URL names ${join(root, 'dir')}, which is a directory, not a file`,
    );
    writeFileSync(join(root, 'file'), 'x');
    expect(problem({ DATABASE_URL: 'sqlite:file/sub/x.db' })).toBe(
      `DATABASE_URL names ${join(root, 'file', 'sub', 'x.db')}, but ${join(root, 'file')} is not a directory`,
    );
  });
});

describe('JWT_SECRET', () => {
  it('uses JWT_SECRET when it is long enough', () => {
    expect(load({ JWT_SECRET: SECRET }).jwtSecret).toBe(SECRET);
  });

  it('rejects a short JWT_SECRET without showing it', () => {
    const message = problem({ JWT_SECRET: 'short-secret-value' });
    expect(message).toMatch(/^JWT_SECRET must be at least 32 characters long \(got 18\)/);
    expect(message).not.toContain('short-secret-value');
  });

  it('generates one secret in the data directory and keeps it across starts', () => {
    const first = load().jwtSecret;
    expect(first).toHaveLength(64);
    expect(load().jwtSecret).toBe(first);
  });
});

describe('several problems at once', () => {
  it('reports every problem in one ConfigError', () => {
    let caught: unknown;
    try {
      load({
        PORT: '0',
        HOST: 'not a host',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://root:topsecret@db/app',
        TESSERA_PG_POOL_SIZE: 'many',
        TESSERA_MAX_BODY_BYTES: '12',
        TESSERA_MAX_RECORDS_PER_REQUEST: '100001',
        PUBLIC_URL: 'nope',
        JWT_SECRET: 'tiny',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems).toHaveLength(9);
    const text = error.problems.join('\n');
    for (const name of [
      'PORT',
      'HOST',
      'LOG_LEVEL',
      'DATABASE_URL',
      'TESSERA_PG_POOL_SIZE',
      'TESSERA_MAX_BODY_BYTES',
      'TESSERA_MAX_RECORDS_PER_REQUEST',
      'PUBLIC_URL',
      'JWT_SECRET',
    ]) {
      expect(text).toContain(name);
    }
    expect(error.message.split('\n')[0]).toBe('Invalid configuration (9 problems):');
    for (const p of error.problems) expect(error.message).toContain(`  - ${p}`);
    expect(error.message).not.toContain('topsecret');
    expect(error.message).not.toContain('tiny');
  });

  it('phrases a single problem on one line', () => {
    try {
      load({ PORT: 'x' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).message).toBe(
        'Invalid configuration: PORT must be an integer from 1 to 65535 (got "x")',
      );
    }
  });
});

describe('passwords', () => {
  const password = 'Pa55-w0rd!unique';

  it('never appear in describeDatabase', () => {
    const config = load({ DATABASE_URL: `postgres://app:${password}@db:5432/app?sslmode=require` });
    expect(describeDatabase(config.database)).toBe(
      'postgres://app:***@db:5432/app?sslmode=require (schema tessera)',
    );
    const nc = load({ NC_DB: `pg://db:5432?u=app&p=${encodeURIComponent(password)}&d=app` });
    expect(describeDatabase(nc.database)).not.toContain(password);
    expect(describeDatabase(nc.database)).not.toContain(encodeURIComponent(password));
  });

  it('never appear in messages', () => {
    const envs = [
      { DATABASE_URL: `mysql://app:${password}@db/app` },
      { DATABASE_URL: `postgres://app:${password}@db:99999/app` },
      { DATABASE_URL: `postgres://app:${password}@db/app?sslmode=sometimes` },
      { DATABASE_URL: `postgres://app:${password}#x@db/app` },
      { DATABASE_URL: `pg://db:5432?u=app&p=${password}&d=app` },
      { NC_DB: `pg://db:5432?u=app&p=${password}&d=app&ssl=maybe` },
      { NC_DB: `pg://?u=app&p=${password}&d=app` },
      { NC_DB: `mysql2://db:3306?u=app&p=${password}&d=app` },
    ];
    for (const env of envs) {
      const found = problems(env).join('\n');
      expect(found).not.toContain(password);
      expect(found).not.toContain(encodeURIComponent(password));
    }
  });
});
