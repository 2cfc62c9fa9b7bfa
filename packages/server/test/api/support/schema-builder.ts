import { expect } from 'vitest';
import type { TestApp } from '../../../../../test/support/test-app.ts';

/** A table as the meta API answers it. */
export interface MetaTable {
  readonly id: string;
  readonly table_name: string;
  readonly columns: readonly {
    id: string;
    title: string;
    uidt: string;
    column_name: string;
    meta: Record<string, unknown>;
  }[];
}

/**
 * Builds schemas through the API only, failing the test on any refusal: bases, tables, fields
 * (links, lookups, rollups, formulas) and records.
 */
export function schemaBuilder(t: TestApp) {
  const ok = async (method: string, url: string, body?: unknown) => {
    const response = await t.call(method, url, body);
    expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBe(200);
    return response.body;
  };
  const table = async (tableId: string): Promise<MetaTable> => ok('GET', `/api/v2/meta/tables/${tableId}`);
  const fieldId = async (tableId: string, title: string): Promise<string> => {
    const field = (await table(tableId)).columns.find((c) => c.title === title);
    expect(field, `field ${title}`).toBeDefined();
    return field!.id;
  };
  return {
    ok,
    table,
    fieldId,
    base: async (title: string): Promise<string> => (await ok('POST', '/api/v2/meta/bases/', { title })).id,
    newTable: async (baseId: string, title: string, columns: unknown[] = []): Promise<MetaTable> =>
      ok('POST', `/api/v2/meta/bases/${baseId}/tables`, { title, columns }),
    /** Adds a field; returns its id. */
    field: async (tableId: string, body: Record<string, unknown>): Promise<string> => {
      const updated: MetaTable = await ok('POST', `/api/v2/meta/tables/${tableId}/columns`, body);
      const field = updated.columns.find((c) => c.title === body.title);
      expect(field, `field ${String(body.title)}`).toBeDefined();
      return field!.id;
    },
    /** A link field from `tableId` to `childId` (NocoDB's column request); returns its id. */
    link: async (tableId: string, title: string, type: 'hm' | 'bt' | 'mm' | 'oo', childId: string) => {
      const updated: MetaTable = await ok('POST', `/api/v2/meta/tables/${tableId}/columns`, {
        title,
        uidt: type === 'hm' || type === 'mm' ? 'Links' : 'LinkToAnotherRecord',
        parentId: tableId,
        childId,
        type,
      });
      return updated.columns.find((c) => c.title === title)!.id;
    },
    /** Creates records (v2, one request); returns their ids in order. */
    records: async (tableId: string, bodies: readonly Record<string, unknown>[]): Promise<number[]> =>
      ((await ok('POST', `/api/v2/tables/${tableId}/records`, bodies)) as { Id: number }[]).map((r) => r.Id),
    /** Every record of a table (v2), by id, with `query` appended (`where`, `fields`, …). */
    list: async (tableId: string, query = ''): Promise<Record<string, unknown>[]> =>
      (await ok('GET', `/api/v2/tables/${tableId}/records?limit=1000${query ? `&${query}` : ''}`)).list,
  };
}

export type SchemaBuilder = ReturnType<typeof schemaBuilder>;

/** The ids of records in answer order. */
export const idsOf = (records: readonly Record<string, unknown>[]) => records.map((r) => r.Id as number);
