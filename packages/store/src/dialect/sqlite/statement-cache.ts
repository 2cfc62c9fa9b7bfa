import type SqliteDriver from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** How many prepared statements are kept (least recently used are finalised first). */
const MAX_STATEMENTS = 500;

/**
 * Wraps a better-sqlite3 connection so Kysely reuses prepared statements instead of
 * preparing the same SQL on every request (preparing was about a tenth of a list request's
 * CPU time). SQLite re-prepares a cached statement by itself after a schema change.
 */
export function withStatementCache(driver: SqliteDriver.Database): SqliteDatabase {
  const statements = new Map<string, SqliteDriver.Statement>();
  return {
    close: () => {
      statements.clear();
      driver.close();
    },
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = driver.prepare(sql);
        if (statements.size >= MAX_STATEMENTS) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(sql, statement);
      return statement as unknown as SqliteStatement;
    },
  };
}
