import type { CatalogTable, ForeignKey } from './catalog/transfer-catalog.ts';

/**
 * Tables ordered so that every table comes after the tables it references (inserting in this
 * order never breaks a foreign key; deleting in reverse never does either). References to
 * itself or to tables outside the list are ignored; a cycle, which Tessera's schema does not
 * have, keeps the remaining tables in name order.
 */
export function referencedFirst(tables: readonly CatalogTable[]): CatalogTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: CatalogTable[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (table: CatalogTable) => {
    if (placed.has(table.name) || visiting.has(table.name)) return;
    visiting.add(table.name);
    for (const key of table.foreignKeys) {
      const referenced = byName.get(key.references);
      if (referenced && referenced.name !== table.name) visit(referenced);
    }
    visiting.delete(table.name);
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(table);
  return ordered;
}

/** The foreign keys of a table that point at the table itself (e.g. a filter's parent group). */
export function selfReferences(table: CatalogTable): ForeignKey[] {
  return table.foreignKeys.filter((k) => k.references === table.name);
}

/**
 * Rows of a self-referencing table ordered so that a referenced row always comes first.
 * `columns` names the values of each row.
 */
export function parentsFirst(
  rows: readonly (readonly unknown[])[],
  columns: readonly string[],
  keys: readonly ForeignKey[],
): (readonly unknown[])[] {
  const index = (name: string) => columns.indexOf(name);
  const byKey = keys.map((key) => {
    const at = index(key.referencedColumn);
    return new Map(rows.map((row) => [row[at], row]));
  });
  const ordered: (readonly unknown[])[] = [];
  const done = new Set<readonly unknown[]>();
  const stack = new Set<readonly unknown[]>();
  const visit = (row: readonly unknown[]) => {
    if (done.has(row) || stack.has(row)) return;
    stack.add(row);
    keys.forEach((key, k) => {
      const value = row[index(key.column)];
      const parent = value === null || value === undefined ? undefined : byKey[k]!.get(value);
      if (parent) visit(parent);
    });
    stack.delete(row);
    done.add(row);
    ordered.push(row);
  };
  for (const row of rows) visit(row);
  return ordered;
}
