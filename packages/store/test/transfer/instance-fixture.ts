import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TableModel } from '@tessera/core';
import {
  type ChangeContext,
  type DatabaseConfig,
  listUploads,
  openStore,
  rowToApiRecord,
  type TesseraStore,
  uploadsDirOf,
} from '../../src/index.ts';

/** Every field type, so a copy must carry each storage kind across dialects. */
const fieldSpecs = [
  { title: 'Name', uidt: 'SingleLineText' },
  { title: 'Notes', uidt: 'LongText' },
  { title: 'Count', uidt: 'Number' },
  { title: 'Price', uidt: 'Decimal' },
  { title: 'Cost', uidt: 'Currency' },
  { title: 'Share', uidt: 'Percent' },
  { title: 'Stars', uidt: 'Rating' },
  { title: 'Done', uidt: 'Checkbox' },
  {
    title: 'Status',
    uidt: 'SingleSelect',
    options: [{ title: 'open' }, { title: 'closed' }, { title: 'ünïcödé ✓' }],
  },
  { title: 'Tags', uidt: 'MultiSelect', options: [{ title: 'red' }, { title: 'green' }, { title: 'blue' }] },
  { title: 'Due', uidt: 'Date' },
  { title: 'Starts', uidt: 'DateTime' },
  { title: 'At', uidt: 'Time' },
  { title: 'Took', uidt: 'Duration' },
  { title: 'Email', uidt: 'Email', unique: true },
  { title: 'Site', uidt: 'URL' },
  { title: 'Phone', uidt: 'PhoneNumber' },
  { title: 'Data', uidt: 'JSON' },
];

/** The fixture's writes are recorded in the audit trail as the system's. */
const change: ChangeContext = {
  actor: { type: 'system', id: 'fixture', name: 'fixture', userId: null },
  ip: null,
};

const largeText = `${'Lorem ipsum dolor sit amet, ✓ ünïcödé 😀 '.repeat(5000)}end`;

/** Record `i` of the main table: every field set, with a row of nulls now and then. */
function record(i: number): Record<string, unknown> {
  if (i % 7 === 3) return { Name: `empty ${i}` };
  return {
    Name: i === 1 ? 'Grüße, 世界 😀 "quoted" \\ back\'slash\nnew line' : `row ${i}`,
    Notes: i === 2 ? largeText : `notes for ${i}`,
    Count: i * 1000 - 3,
    Price: i / 8,
    Cost: 1234.5 + i,
    Share: 0.125 * (i % 9),
    Stars: i % 6,
    Done: i % 2 === 0,
    Status: ['open', 'closed', 'ünïcödé ✓'][i % 3],
    Tags: i % 4 === 0 ? [] : ['red', 'blue'].slice(0, 1 + (i % 2)),
    Due: `2024-02-${String(1 + (i % 28)).padStart(2, '0')}`,
    Starts: `2024-03-10T${String(i % 24).padStart(2, '0')}:15:30Z`,
    At: `${String(i % 24).padStart(2, '0')}:45:10`,
    Took: 3600 + i,
    Email: `person${i}@example.com`,
    Site: `https://example.com/${i}?q=ä`,
    Phone: `+1 555 01${String(i % 100).padStart(2, '0')}`,
    Data: { z: i, a: [1, 2.5, 'three', null, true], nested: { ü: 'ö', list: [] } },
  };
}

export interface FixtureSummary {
  readonly baseId: string;
  readonly tableId: string;
  /** Records the main table holds. */
  readonly records: number;
}

/**
 * A small but complete instance built through the store API: two bases, a table with every
 * field type (nulls, unicode, large text, dates, JSON, multi-select), a unique field, a
 * second table, views with nested filters and sorts (so plain indexes exist), and deleted
 * records (so the id sequence is ahead of the highest id).
 */
export async function buildInstance(config: DatabaseConfig, rows = 40): Promise<FixtureSummary> {
  const store = openStore(config);
  try {
    await store.migrate();
    const base = await store.bases.create(
      { title: 'Operations ✓', description: 'all field types', meta: { a: 1 } },
      change,
    );
    await store.bases.create({ title: 'Empty base' }, change);
    const table = await store.tables.create(base.id, { title: 'Everything', fields: fieldSpecs }, change);
    const bodies = Array.from({ length: rows + 2 }, (_, i) => record(i + 1));
    const ids = await store.records.insert(table, bodies, { typecast: false, change });
    // The two newest records go: the next id must still be past them after a copy.
    await store.records.remove(table, ids.slice(-2), change);

    const other = await store.tables.create(
      base.id,
      {
        title: 'Tessera Things',
        fields: [{ title: 'Label', uidt: 'SingleLineText' }],
      },
      change,
    );
    await store.records.insert(other, [{ Label: 'one' }, { Label: null }, { Label: 'drei' }], {
      typecast: false,
      change,
    });

    const view = await store.views.create(table.id, 'grid', { title: 'Open ones' }, change);
    const field = (title: string) => table.fields.find((f) => f.title === title)!.id;
    const group = await store.views.createFilter(view.id, { isGroup: true, logicalOp: 'or' }, change);
    await store.views.createFilter(
      view.id,
      {
        parentId: group.id,
        fieldId: field('Status'),
        comparisonOp: 'eq',
        value: 'open',
      },
      change,
    );
    await store.views.createFilter(
      view.id,
      {
        parentId: group.id,
        fieldId: field('Count'),
        comparisonOp: 'gt',
        value: '10',
      },
      change,
    );
    await store.views.createSort(view.id, { fieldId: field('Due'), direction: 'desc' }, change);
    return { baseId: base.id, tableId: table.id, records: rows };
  } finally {
    await store.close();
  }
}

/** Uploaded files: nested folders, binary data, an empty file and a unicode name. */
export function writeUploads(dataDir: string): void {
  const dir = uploadsDirOf(dataDir);
  mkdirSync(join(dir, 'ab', 'cd'), { recursive: true });
  const binary = Buffer.alloc(200_000);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 31 + (i >> 8)) % 256;
  writeFileSync(join(dir, 'ab', 'cd', 'image.bin'), binary);
  writeFileSync(join(dir, 'ab', 'empty.txt'), '');
  writeFileSync(join(dir, 'notes ü.txt'), 'Grüße 😀\n');
}

/** The uploads folder as path → SHA-256 of the content. */
export async function uploadsDump(dataDir: string): Promise<Record<string, string>> {
  const dir = uploadsDirOf(dataDir);
  const files = await listUploads(dir);
  return Object.fromEntries(
    files.map((f) => [
      f.path,
      createHash('sha256')
        .update(readFileSync(join(dir, ...f.path.split('/'))))
        .digest('hex'),
    ]),
  );
}

/**
 * Everything a client can see, read through the store: bases, tables with fields, views with
 * filters and sorts, and every record as API values, row by row in id order.
 */
export async function instanceDump(config: DatabaseConfig): Promise<unknown> {
  const store = openStore(config);
  try {
    const bases = await store.bases.list();
    const result = [];
    for (const base of bases) {
      const tables = await store.tables.list(base.id);
      result.push({
        base,
        tables: await Promise.all(
          tables.map(async (table) => ({
            table,
            views: await store.views.list(table.id),
            records: await records(store, table),
          })),
        ),
      });
    }
    return result;
  } finally {
    await store.close();
  }
}

async function records(store: TesseraStore, table: TableModel): Promise<unknown[]> {
  const page = await store.records.list(table, { fields: table.fields, limit: 100_000, offset: 0 });
  return page.rows.map((row) => rowToApiRecord(row, table.fields, store.context.dialect, 'v3'));
}

/** Inserts one record and returns its id: equal next ids show the sequence was carried over. */
export async function nextRecordId(config: DatabaseConfig, tableId: string): Promise<number> {
  const store = openStore(config);
  try {
    const table = await store.tables.get(tableId);
    const [id] = await store.records.insert(table, [{ Name: 'after the copy' }], { typecast: false, change });
    return id!;
  } finally {
    await store.close();
  }
}
