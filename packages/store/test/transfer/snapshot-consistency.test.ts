import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/test-databases.ts';
import { type ChangeContext, openDatabase, openStore } from '../../src/index.ts';
import type { AnyTables } from '../../src/store-context.ts';
import { withInstanceSnapshot } from '../../src/transfer/snapshot-reader.ts';
import type { TransferItem } from '../../src/transfer/transfer-items.ts';
import { buildInstance } from './instance-fixture.ts';

const change: ChangeContext = { actor: { type: 'system', id: 'test', name: 'test', userId: null }, ip: null };
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

describe.each(testDialects)('a snapshot on %s', (dialect) => {
  it('does not see writes committed while it is read, and does not block them', async () => {
    const { config, drop } = await createTestDatabase(dialect);
    drops.push(drop);
    const { tableId } = await buildInstance(config, 10);
    const reader = openDatabase<AnyTables>(config);
    const writer = openStore(config);
    try {
      const rowsByTable = await withInstanceSnapshot(reader, {}, async (stream) => {
        // Another connection writes after the snapshot began: records, and a new base.
        const table = await writer.tables.get(tableId);
        await writer.records.insert(table, [{ Name: 'late 1' }, { Name: 'late 2' }], {
          typecast: false,
          change,
        });
        await writer.bases.create({ title: 'Late base' }, change);
        const rows = new Map<string, number>();
        let current = '';
        for await (const item of stream.items as AsyncIterable<TransferItem>) {
          if (item.kind === 'table') current = item.plan.name;
          if (item.kind === 'rows') rows.set(current, (rows.get(current) ?? 0) + item.rows.length);
        }
        return { header: stream.header, rows };
      });
      expect(rowsByTable.rows.get('everything')).toBe(10);
      expect(rowsByTable.rows.get('tessera_bases')).toBe(2);
      expect(rowsByTable.header.tables.find((t) => t.name === 'everything')?.rows).toBe(10);
      // The writes did commit.
      const table = await writer.tables.get(tableId);
      expect(await writer.records.count(table)).toBe(12);
    } finally {
      await writer.close();
      await reader.close();
    }
  });
});
