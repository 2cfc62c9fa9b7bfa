import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/transfer/canonical-json.ts';
import { MultisetChecksum } from '../../src/transfer/multiset-checksum.ts';
import { parentsFirst, referencedFirst } from '../../src/transfer/table-order.ts';

function checksum(texts: readonly string[]): string {
  const sum = new MultisetChecksum();
  for (const text of texts) sum.add(text);
  return sum.digest();
}

describe('the multiset checksum', () => {
  it('ignores order but sees a changed, missing, extra or repeated row', () => {
    const rows = ['[1,"a"]', '[2,"b"]', '[3,"c"]'];
    const base = checksum(rows);
    expect(checksum([...rows].reverse())).toBe(base);
    expect(checksum(['[1,"a"]', '[2,"B"]', '[3,"c"]'])).not.toBe(base);
    expect(checksum(rows.slice(0, 2))).not.toBe(base);
    expect(checksum([...rows, '[4,"d"]'])).not.toBe(base);
    expect(checksum([...rows, '[1,"a"]'])).not.toBe(base);
    expect(checksum([])).not.toBe(checksum(['']));
  });
});

describe('canonical JSON', () => {
  it('sorts object keys at every level and leaves arrays in order', () => {
    expect(canonicalJson([1, { b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }])).toBe(
      '[1,{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}]',
    );
    expect(canonicalJson([1, 'x', null, true])).toBe('[1,"x",null,true]');
  });
});

describe('insert order', () => {
  it('puts referenced tables first', () => {
    const table = (name: string, references: string[] = []) => ({
      name,
      columns: [],
      autoIncrement: null,
      foreignKeys: references.map((r) => ({ column: 'x', references: r, referencedColumn: 'id' })),
    });
    const ordered = referencedFirst([
      table('tessera_view_sorts', ['tessera_views', 'tessera_fields']),
      table('tessera_fields', ['tessera_tables']),
      table('tessera_views', ['tessera_tables', 'tessera_views']),
      table('tessera_tables', ['tessera_bases']),
      table('tessera_bases'),
    ]).map((t) => t.name);
    expect(ordered.indexOf('tessera_bases')).toBeLessThan(ordered.indexOf('tessera_tables'));
    expect(ordered.indexOf('tessera_tables')).toBeLessThan(ordered.indexOf('tessera_fields'));
    expect(ordered.indexOf('tessera_views')).toBeLessThan(ordered.indexOf('tessera_view_sorts'));
    expect(ordered.indexOf('tessera_fields')).toBeLessThan(ordered.indexOf('tessera_view_sorts'));
  });

  it('puts rows a row of the same table refers to before it', () => {
    const rows = [
      ['c', 'b'],
      ['b', 'a'],
      ['d', null],
      ['a', null],
      ['e', 'c'],
    ];
    const ordered = parentsFirst(
      rows,
      ['id', 'parent_id'],
      [{ column: 'parent_id', references: 'filters', referencedColumn: 'id' }],
    ).map((r) => r[0]);
    expect(ordered).toHaveLength(5);
    for (const [id, parent] of rows)
      if (parent !== null) expect(ordered.indexOf(parent)).toBeLessThan(ordered.indexOf(id));
  });
});
