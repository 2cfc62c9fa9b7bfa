/** Longest physical table or column name we generate (PostgreSQL's limit is 63 bytes). */
export const MAX_PHYSICAL_NAME_LENGTH = 48;

/**
 * A readable, safe SQL identifier for a title: ASCII lower-case letters, digits and `_`,
 * starting with a letter. `Episode Scripts (2026)` → `episode_scripts_2026`.
 */
export function physicalNameFor(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_PHYSICAL_NAME_LENGTH)
    .replace(/_+$/g, '');
  if (!slug) return fallback;
  return /^[a-z]/.test(slug) ? slug : `${fallback}_${slug}`.slice(0, MAX_PHYSICAL_NAME_LENGTH);
}

/** Table name prefixes the databases or Tessera keep for themselves. */
const reservedTablePrefixes = ['sqlite_', 'pg_', 'tessera_'];
/** Column names that are system columns or row-id aliases in PostgreSQL or SQLite. */
const reservedColumnNames = new Set([
  'tableoid',
  'xmin',
  'cmin',
  'xmax',
  'cmax',
  'ctid',
  'oid',
  'rowid',
  '_rowid_',
]);

/** A physical table name for a title that no database or Tessera reserves. */
export function tableNameFor(title: string): string {
  const name = physicalNameFor(title, 't');
  return reservedTablePrefixes.some((prefix) => name.startsWith(prefix))
    ? `t_${name}`.slice(0, MAX_PHYSICAL_NAME_LENGTH)
    : name;
}

/** A physical column name for a title that is not a system column of either database. */
export function columnNameFor(title: string): string {
  const name = physicalNameFor(title, 'field');
  return reservedColumnNames.has(name) ? `${name}_` : name;
}

/**
 * `name`, or `name_2`, `name_3`… — the first candidate `isFree` accepts (given a set, the
 * first it does not contain).
 */
export function uniqueName(
  name: string,
  taken: ReadonlySet<string> | ((candidate: string) => boolean),
): string {
  const isFree = typeof taken === 'function' ? taken : (candidate: string) => !taken.has(candidate);
  if (isFree(name)) return name;
  for (let n = 2; ; n += 1) {
    const suffix = `_${n}`;
    const candidate = name.slice(0, MAX_PHYSICAL_NAME_LENGTH - suffix.length) + suffix;
    if (isFree(candidate)) return candidate;
  }
}
