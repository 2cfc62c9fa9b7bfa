import type { TableModel } from '@tessera/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDialect } from '../../../../test/support/test-databases.ts';
import {
  type ChangeContext,
  copyInstance,
  type DatabaseConfig,
  openStore,
  type TesseraStore,
} from '../../src/index.ts';

const change: ChangeContext = { actor: { type: 'system', id: 'test', name: 'test', userId: null }, ip: null };
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function database(dialect: TestDialect): Promise<DatabaseConfig> {
  const created = await createTestDatabase(dialect);
  cleanups.push(created.drop);
  return created.config;
}

/** Every record of a table as the v3 API shows it, links and computed fields included. */
async function records(store: TesseraStore, tableId: string) {
  const table = await store.tables.get(tableId);
  const shape = { version: 'v3' as const };
  const { rows } = await store.records.list(table, { fields: table.fields, limit: 100, offset: 0, shape });
  return rows.map(store.records.mapper(table, table.fields, 'v3'));
}

/** Projects and tasks joined by a has-many and a many-to-many link, with a lookup and a rollup. */
async function buildLinkedInstance(config: DatabaseConfig): Promise<{ projects: string; tasks: string }> {
  const store = openStore(config);
  try {
    await store.migrate();
    const base = await store.bases.create({ title: 'Linked' }, change);
    const projects = await store.tables.create(
      base.id,
      { title: 'Projects', fields: [{ title: 'Name', uidt: 'SingleLineText' }] },
      change,
    );
    const tasks = await store.tables.create(
      base.id,
      {
        title: 'Tasks',
        fields: [
          { title: 'Title', uidt: 'SingleLineText' },
          { title: 'Points', uidt: 'Number' },
        ],
      },
      change,
    );
    const link = (title: string, type: string) =>
      store.fields.add(
        projects.id,
        { title, uidt: 'Links', meta: { relation_type: type, related_table_id: tasks.id } },
        change,
      );
    const field = (table: TableModel, title: string) => table.fields.find((f) => f.title === title)!.id;
    const withLinks = await link('Owns', 'hm');
    await link('Watches', 'mm');
    await store.fields.add(
      projects.id,
      {
        title: 'Titles',
        uidt: 'Lookup',
        meta: { fk_relation_column_id: field(withLinks, 'Owns'), fk_lookup_column_id: field(tasks, 'Title') },
      },
      change,
    );
    await store.fields.add(
      projects.id,
      {
        title: 'Points',
        uidt: 'Rollup',
        meta: {
          fk_relation_column_id: field(withLinks, 'Owns'),
          fk_rollup_column_id: field(tasks, 'Points'),
          rollup_function: 'sum',
        },
      },
      change,
    );
    const taskTable = await store.tables.get(tasks.id);
    const taskIds = await store.records.insert(
      taskTable,
      [
        { Title: 'one', Points: 3 },
        { Title: 'two', Points: 4 },
        { Title: 'three', Points: 5 },
      ],
      { typecast: false, change },
    );
    await store.records.insert(
      await store.tables.get(projects.id),
      [
        { Name: 'A', Owns: [taskIds[0], taskIds[1]], Watches: [taskIds[2], taskIds[0]] },
        { Name: 'B', Owns: [taskIds[2]], Watches: [taskIds[1]] },
      ],
      { typecast: false, change },
    );
    return { projects: projects.id, tasks: tasks.id };
  } finally {
    await store.close();
  }
}

describe('copying an instance with links', () => {
  it('carries key columns, junction tables and computed values across dialects', async () => {
    const source = await database('sqlite');
    const ids = await buildLinkedInstance(source);
    const target = await database('postgres');
    const report = await copyInstance(source, target);
    expect(report.ok).toBe(true);
    const junction = report.tables.find((t) => t.name.startsWith('_nc_m2m_'));
    expect(junction).toMatchObject({ rows: 3, targetRows: 3 });
    const from = openStore(source);
    const to = openStore(target);
    try {
      const expected = await records(from, ids.projects);
      expect(expected.map((r) => [r.Titles, r.Points, (r.Watches as unknown[]).length])).toEqual([
        [['one', 'two'], 7, 2],
        [['three'], 5, 1],
      ]);
      expect(await records(to, ids.projects)).toEqual(expected);
      expect(await records(to, ids.tasks)).toEqual(await records(from, ids.tasks));
    } finally {
      await from.close();
      await to.close();
    }
  });
});
