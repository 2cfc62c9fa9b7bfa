import type { BenchDialect } from './args.ts';
import { type DirectConnection, quoteIdent } from './bench-database.ts';

export const copyTableName = 'bench_copy';
export const bulkTableName = 'bench_bulk';

const identifier = String.raw`("(?:[^"]|"")+"|\x60[^\x60]+\x60|\[[^\]]+\]|[^\s(]+)`;

/**
 * An empty twin of `source` as it is now (columns, keys, defaults and its current indexes), for
 * the baseline's bulk insert. Made right after Tessera creates the table, before any view index.
 */
export async function cloneEmptyTable(
  direct: DirectConnection,
  dialect: BenchDialect,
  source: string,
): Promise<void> {
  if (dialect === 'postgres') {
    await direct.exec(`CREATE TABLE ${quoteIdent(bulkTableName)} (LIKE ${quoteIdent(source)} INCLUDING ALL)`);
    return;
  }
  const objects = await direct.rows(
    `SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type = 'index'`,
    [source],
  );
  if (!objects.some((o) => o.type === 'table'))
    throw new Error(`table ${source} not found in the SQLite file`);
  let indexNumber = 0;
  for (const object of objects) {
    const text = String(object.sql);
    if (object.type === 'table') {
      const tableDdl = new RegExp(
        String.raw`^(CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?)${identifier}`,
        'i',
      );
      await direct.exec(text.replace(tableDdl, `$1${quoteIdent(bulkTableName)}`));
    } else if (object.type === 'index') {
      const indexDdl = new RegExp(
        String.raw`^(CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?)${identifier}(\s+ON\s+)${identifier}`,
        'i',
      );
      indexNumber++;
      await direct.exec(
        text.replace(
          indexDdl,
          `$1${quoteIdent(`${bulkTableName}_idx${indexNumber}`)}$3${quoteIdent(bulkTableName)}`,
        ),
      );
    }
  }
}

/** A plain copy of `source` with no index at all, for the baseline's filtered and sorted lists. */
export async function copyUnindexed(
  direct: DirectConnection,
  dialect: BenchDialect,
  source: string,
): Promise<void> {
  await direct.exec(`CREATE TABLE ${quoteIdent(copyTableName)} AS SELECT * FROM ${quoteIdent(source)}`);
  if (dialect === 'postgres') await direct.exec(`ANALYZE ${quoteIdent(copyTableName)}`);
}
