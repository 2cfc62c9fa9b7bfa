import { describe, expect, it } from 'vitest';
import {
  type DatabaseUrlOptions,
  describeDatabase,
  ncDbToDatabaseUrl,
  parseDatabaseUrl,
  redactUrl,
} from '../../src/config/database-url.ts';
import { problemsThrownBy } from './config-problems.ts';

const options: DatabaseUrlOptions = {
  dataDir: '/srv/tessera/data',
  pgSchema: 'tessera',
  poolSize: 10,
  connectTimeoutMs: 5000,
  cwd: '/srv/app',
};

describe('parseDatabaseUrl', () => {
  it('defaults to tessera.db in the data directory', () => {
    expect(parseDatabaseUrl(undefined, options)).toEqual({
      kind: 'sqlite',
      file: '/srv/tessera/data/tessera.db',
    });
    expect(parseDatabaseUrl('  ', options)).toEqual({ kind: 'sqlite', file: '/srv/tessera/data/tessera.db' });
  });

  it('keeps postgres URLs as written, parameters included', () => {
    for (const url of [
      'postgres://user:pw@db:5432/app',
      'postgresql://user:pw@db/app?sslmode=verify-full&application_name=tessera',
      'postgres://user@[::1]:5433/app?sslmode=require',
      'postgres:///app?host=/var/run/postgresql',
    ]) {
      expect(parseDatabaseUrl(url, options)).toEqual({
        kind: 'postgres',
        connectionString: url,
        schema: 'tessera',
        poolSize: 10,
        connectTimeoutMs: 5000,
      });
    }
  });

  it('passes the PostgreSQL settings through', () => {
    const config = parseDatabaseUrl('postgres://db/app', {
      ...options,
      pgSchema: 'other',
      poolSize: 3,
      connectTimeoutMs: 900,
    });
    expect(config).toMatchObject({ schema: 'other', poolSize: 3, connectTimeoutMs: 900 });
  });

  it('rejects an unknown sslmode and a malformed URL', () => {
    expect(problemsThrownBy(() => parseDatabaseUrl('postgres://db/app?sslmode=on', options))).toEqual([
      'DATABASE_URL has sslmode "on"; allowed: disable, allow, prefer, require, verify-ca, verify-full',
    ]);
    expect(problemsThrownBy(() => parseDatabaseUrl('postgres://u:p@db:70000/app', options))[0]).toMatch(
      /^DATABASE_URL is not a valid URL: postgres:\/\/u:\*\*\*@db:70000\/app/,
    );
    expect(problemsThrownBy(() => parseDatabaseUrl('postgres://u:%zz@db/app', options))).toEqual([
      'DATABASE_URL has a malformed %-escape in its user name or password: postgres://u:***@db/app',
    ]);
  });

  it('reads every SQLite form', () => {
    const file = (raw: string) => {
      const config = parseDatabaseUrl(raw, options);
      return config.kind === 'sqlite' ? config.file : undefined;
    };
    expect(file('sqlite:tessera.db')).toBe('/srv/app/tessera.db');
    expect(file('sqlite:./data/x.db')).toBe('/srv/app/data/x.db');
    expect(file('sqlite://data/x.db')).toBe('/srv/app/data/x.db');
    expect(file('sqlite:///var/lib/tessera/x.db')).toBe('/var/lib/tessera/x.db');
    expect(file('sqlite:/var/lib/tessera/x.db')).toBe('/var/lib/tessera/x.db');
    expect(file('SQLITE:../x.db')).toBe('/srv/x.db');
    expect(file('sqlite::memory:')).toBe(':memory:');
  });

  it('rejects a SQLite URL without a path', () => {
    for (const raw of ['sqlite:', 'sqlite://']) {
      expect(problemsThrownBy(() => parseDatabaseUrl(raw, options))).toEqual([
        `DATABASE_URL "${raw}" names no file; write sqlite:PATH, e.g. sqlite:///var/lib/tessera/tessera.db`,
      ]);
    }
  });

  it('names an unsupported scheme and the accepted forms', () => {
    const accepted =
      'accepted forms: postgres://USER:PASSWORD@HOST:5432/DATABASE, postgresql://…, sqlite:PATH, sqlite://PATH or sqlite:///ABSOLUTE/PATH';
    expect(problemsThrownBy(() => parseDatabaseUrl('mysql://root:pw@db/app', options))).toEqual([
      `DATABASE_URL uses the unsupported scheme "mysql:"; ${accepted}`,
    ]);
    expect(problemsThrownBy(() => parseDatabaseUrl('pg://db:5432?u=a&p=b', options))[0]).toContain(
      "pg:// is NocoDB's NC_DB form",
    );
    expect(problemsThrownBy(() => parseDatabaseUrl('/var/lib/tessera.db', options))).toEqual([
      `DATABASE_URL must be a URL starting with postgres://, postgresql:// or sqlite: (got "/var/lib/tessera.db"); ${accepted}`,
    ]);
  });

  it('names the variable it was given', () => {
    expect(
      problemsThrownBy(() => parseDatabaseUrl('redis://x', { ...options, variable: 'NC_DB' }))[0],
    ).toMatch(/^NC_DB uses the unsupported scheme "redis:"/);
  });
});

describe('ncDbToDatabaseUrl', () => {
  it('translates the pg form, percent-encoding credentials', () => {
    expect(ncDbToDatabaseUrl('pg://db.internal:5433?u=noco&p=secret&d=nocodb')).toBe(
      'postgres://noco:secret@db.internal:5433/nocodb',
    );
    expect(ncDbToDatabaseUrl('pg://db?u=us%40er&p=p%40ss%3Aw%2Ford%23&d=my%20db')).toBe(
      'postgres://us%40er:p%40ss%3Aw%2Ford%23@db:5432/my%20db',
    );
  });

  it('accepts the long parameter names and missing credentials', () => {
    expect(ncDbToDatabaseUrl('pg://db:5432?user=u&password=p&database=d')).toBe('postgres://u:p@db:5432/d');
    expect(ncDbToDatabaseUrl('pg://db:5432?d=app')).toBe('postgres://db:5432/app');
    expect(ncDbToDatabaseUrl('pg://db:5432?u=app')).toBe('postgres://app@db:5432/');
  });

  it('maps ssl=true to sslmode=require and keeps an explicit sslmode', () => {
    expect(ncDbToDatabaseUrl('pg://db:5432?u=a&p=b&d=c&ssl=true')).toBe(
      'postgres://a:b@db:5432/c?sslmode=require',
    );
    expect(ncDbToDatabaseUrl('pg://db:5432?u=a&p=b&d=c&ssl=false')).toBe('postgres://a:b@db:5432/c');
    expect(ncDbToDatabaseUrl('pg://db:5432?u=a&d=c&sslmode=verify-full')).toBe(
      'postgres://a@db:5432/c?sslmode=verify-full',
    );
  });

  it('ignores NocoDB tuning parameters', () => {
    expect(ncDbToDatabaseUrl('pg://db:5432?u=a&p=b&d=c&pool.min=1&search_path=x')).toBe(
      'postgres://a:b@db:5432/c',
    );
  });

  it('round-trips through parseDatabaseUrl', () => {
    const config = parseDatabaseUrl(ncDbToDatabaseUrl('pg://db:5432?u=a&p=p%2Fw&d=c&ssl=true'), options);
    expect(config.kind).toBe('postgres');
    if (config.kind !== 'postgres') return;
    const url = new URL(config.connectionString);
    expect(decodeURIComponent(url.password)).toBe('p/w');
    expect(url.searchParams.get('sslmode')).toBe('require');
  });

  it('translates the sqlite3 form', () => {
    expect(ncDbToDatabaseUrl('sqlite3://?d=noco.db')).toBe('sqlite:noco.db');
    expect(ncDbToDatabaseUrl('sqlite3:///?database=/data/noco.db')).toBe('sqlite:/data/noco.db');
    expect(parseDatabaseUrl(ncDbToDatabaseUrl('sqlite3://?d=noco.db'), options)).toEqual({
      kind: 'sqlite',
      file: '/srv/app/noco.db',
    });
  });

  it('passes postgres:// and sqlite: values through', () => {
    expect(ncDbToDatabaseUrl('postgres://a:b@db/c')).toBe('postgres://a:b@db/c');
    expect(ncDbToDatabaseUrl('sqlite:x.db')).toBe('sqlite:x.db');
  });

  it('reports bad values', () => {
    expect(problemsThrownBy(() => ncDbToDatabaseUrl('mysql2://db:3306?u=a&p=b&d=c'))).toEqual([
      'NC_DB uses the unsupported scheme "mysql2:"; accepted forms: pg://HOST:PORT?u=USER&p=PASSWORD&d=DATABASE or sqlite3://?d=PATH',
    ]);
    expect(problemsThrownBy(() => ncDbToDatabaseUrl('sqlite3://'))).toEqual([
      'NC_DB "sqlite3://" names no file; write sqlite3://?d=PATH',
    ]);
    expect(problemsThrownBy(() => ncDbToDatabaseUrl('pg://db?u=a&ssl=yes&sslmode=on'))).toEqual([
      'NC_DB has sslmode "on"; allowed: disable, allow, prefer, require, verify-ca, verify-full',
      'NC_DB has ssl "yes"; allowed: true, false',
    ]);
    expect(problemsThrownBy(() => ncDbToDatabaseUrl('pg://?u=a&p=hidden&d=c'))).toEqual([
      'NC_DB names no host: pg://?u=a&p=***&d=c; write pg://HOST:PORT?u=USER&p=PASSWORD&d=DATABASE or sqlite3://?d=PATH',
    ]);
    expect(problemsThrownBy(() => ncDbToDatabaseUrl('pg://db:99999?u=a&p=hidden'))).toEqual([
      'NC_DB is not a valid URL: pg://db:99999?u=a&p=*** (accepted forms: pg://HOST:PORT?u=USER&p=PASSWORD&d=DATABASE or sqlite3://?d=PATH)',
    ]);
  });
});

describe('redactUrl and describeDatabase', () => {
  it('masks user-info passwords, even in URLs that do not parse', () => {
    expect(redactUrl('postgres://u:pw@db/app')).toBe('postgres://u:***@db/app');
    expect(redactUrl('postgres://u:p@s#s/w?d@db:5432/app')).toBe('postgres://u:***@db:5432/app');
    expect(redactUrl('postgres://u@db/app')).toBe('postgres://u@db/app');
    expect(redactUrl('postgres://db:5432/app')).toBe('postgres://db:5432/app');
  });

  it('masks password query parameters', () => {
    expect(redactUrl('postgres://db/app?user=u&password=pw&sslmode=require')).toBe(
      'postgres://db/app?user=u&password=***&sslmode=require',
    );
    expect(redactUrl('pg://db?u=a&p=pw&d=c')).toBe('pg://db?u=a&p=***&d=c');
    expect(redactUrl('postgres://db/app?sslpassword=pw')).toBe('postgres://db/app?sslpassword=***');
  });

  it('describes both kinds on one line', () => {
    expect(
      describeDatabase({
        kind: 'postgres',
        connectionString: 'postgres://user:hunter2@db:5432/app',
        schema: 'tessera',
        poolSize: 10,
      }),
    ).toBe('postgres://user:***@db:5432/app (schema tessera)');
    expect(describeDatabase({ kind: 'sqlite', file: '/abs/data/tessera.db' })).toBe(
      'sqlite /abs/data/tessera.db',
    );
  });
});
