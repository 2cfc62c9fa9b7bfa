import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { idsOf, type SchemaBuilder, schemaBuilder } from './support/schema-builder.ts';

interface Order {
  readonly Name: string | null;
  readonly Qty: number | null;
  readonly Price: number | null;
  readonly Due: string | null;
  readonly Done: boolean | null;
}

const orders: readonly Order[] = [
  { Name: 'Lamp', Qty: 2, Price: 1.25, Due: '2024-01-31', Done: true },
  { Name: 'Desk', Qty: 1, Price: 120, Due: '2024-02-15', Done: false },
  { Name: 'Pens', Qty: 10, Price: 0.35, Due: null, Done: null },
  { Name: null, Qty: null, Price: 4, Due: '2023-12-01', Done: true },
  { Name: 'Chair', Qty: 4, Price: 0.5, Due: '2024-03-31', Done: false },
  { Name: 'Ink', Qty: 3, Price: 1, Due: '2024-02-29', Done: true },
];

/** A column as the meta API answers it (the keys this test reads). */
interface Column {
  readonly id: string;
  readonly title: string;
  readonly uidt: string;
  readonly readonly: boolean;
  readonly meta: Record<string, unknown>;
  readonly colOptions: { readonly formula: string; readonly formula_raw: string };
}

/** What the test expects each formula to give, computed here rather than read back. */
const total = (o: Order) => (o.Qty === null || o.Price === null ? null : o.Qty * o.Price);
const label = (o: Order) => `${o.Name ?? ''} x${o.Qty ?? ''}`;
const big = (o: Order) => (o.Qty === null ? null : o.Qty > 3);
const nextMonth: Record<string, string> = {
  '2024-01-31': '2024-02-29',
  '2024-02-15': '2024-03-15',
  '2023-12-01': '2024-01-01',
  '2024-03-31': '2024-04-30',
  '2024-02-29': '2024-03-29',
};

describe.each(testDialects)('formula fields through the API on %s', (dialect) => {
  let t: TestApp;
  let baseId: string;
  let tableId: string;
  const ids: number[] = [];
  const fieldIds: Record<string, string> = {};

  const addField = (body: Record<string, unknown>) =>
    t.call('POST', `/api/v2/meta/tables/${tableId}/columns`, body);
  const column = (table: { columns: Column[] }, title: string) =>
    table.columns.find((c) => c.title === title)!;
  const list = async (query: string) => {
    const response = await t.call('GET', `/api/v2/tables/${tableId}/records?limit=100&${query}`);
    expect(response.status).toBe(200);
    return response.body.list as Record<string, unknown>[];
  };
  const idsWhere = (test: (o: Order) => boolean) => orders.flatMap((o, i) => (test(o) ? [ids[i]] : []));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    baseId = (await t.call('POST', '/api/v2/meta/bases/', { title: 'Shop' })).body.id;
    const table = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Orders',
      columns: [
        { title: 'Name', uidt: 'SingleLineText' },
        { title: 'Qty', uidt: 'Number' },
        { title: 'Price', uidt: 'Decimal', meta: { precision: 2 } },
        { title: 'Due', uidt: 'Date' },
        { title: 'Done', uidt: 'Checkbox' },
      ],
    });
    expect(table.status).toBe(200);
    tableId = table.body.id;
    const created = await t.call('POST', `/api/v2/tables/${tableId}/records`, orders);
    expect(created.status).toBe(200);
    ids.push(...created.body.map((r: { Id: number }) => r.Id));
    for (const [title, formula] of [
      ['Total', '{Qty} * {Price}'],
      ['Label', 'CONCAT({Name}, " x", {Qty})'],
      ['Big', '{Qty} > 3'],
      ['Next', 'DATEADD({Due}, 1, "month")'],
    ] as const) {
      const response = await addField({ title, uidt: 'Formula', formula_raw: formula });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      fieldIds[title] = column(response.body, title).id;
    }
  });
  afterAll(async () => t?.close());

  it('stores the formula with field ids and its result type, and shows it with titles', async () => {
    const table = (await t.call('GET', `/api/v2/meta/tables/${tableId}`)).body;
    const totalColumn = column(table, 'Total');
    expect(totalColumn.uidt).toBe('Formula');
    expect(totalColumn.colOptions.formula_raw).toBe('{Qty} * {Price}');
    expect(totalColumn.colOptions.formula).toBe(
      `{${column(table, 'Qty').id}} * {${column(table, 'Price').id}}`,
    );
    expect(totalColumn.meta.result_type).toBe('number');
    expect(totalColumn.readonly).toBe(true);
    expect(column(table, 'Label').meta.result_type).toBe('text');
    expect(column(table, 'Big').meta.result_type).toBe('boolean');
    expect(column(table, 'Next').meta.result_type).toBe('date');
    const single = await t.call('GET', `/api/v2/meta/columns/${fieldIds.Total}`);
    expect(single.body.colOptions.formula_raw).toBe('{Qty} * {Price}');
  });

  it('computes values in lists and single reads', async () => {
    const rows = await list('');
    expect(rows.map((r) => r.Total)).toStrictEqual(orders.map(total));
    expect(rows.map((r) => r.Label)).toStrictEqual(orders.map(label));
    expect(rows.map((r) => r.Big)).toStrictEqual(orders.map(big));
    expect(rows.map((r) => r.Next)).toStrictEqual(orders.map((o) => (o.Due ? nextMonth[o.Due] : null)));
    const only = await list('fields=Total');
    expect(only.map((r) => Object.keys(r))).toStrictEqual(orders.map(() => ['Total']));
    expect(only.map((r) => r.Total)).toStrictEqual(orders.map(total));
    const one = await t.call('GET', `/api/v2/tables/${tableId}/records/${ids[0]}`);
    expect(one.body).toMatchObject({ Total: 2.5, Label: 'Lamp x2', Big: false, Next: '2024-02-29' });
  });

  it('filters on formula values inside the database', async () => {
    const where = async (filter: string) =>
      (await list(`where=${encodeURIComponent(filter)}`)).map((r) => r.Id);
    expect(await where('(Total,gt,3)')).toStrictEqual(idsWhere((o) => (total(o) ?? -1) > 3));
    expect(await where('(Total,le,2.5)')).toStrictEqual(
      idsWhere((o) => total(o) !== null && total(o)! <= 2.5),
    );
    expect(await where('(Total,blank)')).toStrictEqual(idsWhere((o) => total(o) === null));
    expect(await where('(Label,like,x1)')).toStrictEqual(idsWhere((o) => label(o).includes('x1')));
    expect(await where('(Big,checked)')).toStrictEqual(idsWhere((o) => big(o) === true));
    expect(await where('(Next,gt,exactDate,2024-03-01)')).toStrictEqual(
      idsWhere((o) => o.Due !== null && nextMonth[o.Due]! > '2024-03-01'),
    );
  });

  it('sorts on formula values inside the database', async () => {
    const byTotalDesc = (await list('sort=-Total')).map((r) => r.Id);
    const expected = orders
      .map((o, i) => ({ id: ids[i], value: total(o) }))
      .sort(
        (a, b) =>
          (b.value ?? Number.NEGATIVE_INFINITY) - (a.value ?? Number.NEGATIVE_INFINITY) || b.id! - a.id!,
      )
      .map((e) => e.id);
    expect(byTotalDesc).toStrictEqual(expected);
    const byLabel = (await list('sort=Label')).map((r) => r.Label);
    expect(byLabel).toStrictEqual(
      orders.map(label).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
    );
  });

  it('answers formula values in v3 record reads', async () => {
    const response = await t.call('GET', `/api/v3/data/${baseId}/${tableId}/records/${ids[1]}`);
    expect(response.status).toBe(200);
    expect(response.body.fields).toMatchObject({ Total: 120, Label: 'Desk x1', Next: '2024-03-15' });
  });

  it('keeps formulas working when a referenced field is renamed', async () => {
    const qty = (await t.call('GET', `/api/v2/meta/tables/${tableId}`)).body;
    const renamed = await t.call('PATCH', `/api/v2/meta/columns/${column(qty, 'Qty').id}`, {
      title: 'Quantity',
    });
    expect(renamed.status).toBe(200);
    expect(column(renamed.body, 'Total').colOptions.formula_raw).toBe('{Quantity} * {Price}');
    expect((await list('')).map((r) => r.Total)).toStrictEqual(orders.map(total));
    await t.call('PATCH', `/api/v2/meta/columns/${column(qty, 'Qty').id}`, { title: 'Qty' });
  });

  it('uses formulas in formulas, and refuses circular references', async () => {
    const double = await addField({ title: 'Double', uidt: 'Formula', formula_raw: 'ROUND({Total} * 2, 1)' });
    expect(double.status).toBe(200);
    expect((await list('')).map((r) => r.Double)).toStrictEqual(
      orders.map((o) => (total(o) === null ? null : Math.round(total(o)! * 20) / 10)),
    );
    const cycle = await t.call('PATCH', `/api/v2/meta/columns/${fieldIds.Total}`, {
      formula_raw: '{Double} + 1',
    });
    expect(cycle.status).toBe(422);
    expect(cycle.body.msg).toBe("Circular reference: 'Total' → 'Double' → 'Total'");
    const self = await addField({ title: 'Self', uidt: 'Formula', formula_raw: '1 + {Self}' });
    expect(self.status).toBe(422);
    expect(self.body.msg).toBe("Circular reference: formula 'Self' refers to itself at position 5");
    const retyped = await t.call('PATCH', `/api/v2/meta/columns/${fieldIds.Total}`, {
      formula_raw: 'CONCAT({Qty})',
    });
    expect(retyped.status).toBe(422);
    expect(retyped.body.msg).toBe(
      "Field 'Total' is used by formula 'Double', which would no longer be valid: Operator '*' expects a number, got text at position 7",
    );
    const unchanged = await t.call('GET', `/api/v2/meta/columns/${fieldIds.Total}`);
    expect(unchanged.body.colOptions.formula_raw).toBe('{Qty} * {Price}');
  });

  it('refuses invalid formulas with the position of the problem', async () => {
    const cases: [string, string][] = [
      ['CONCATT({Name})', "Unknown function 'CONCATT' at position 1"],
      ['{Qty} + {Nope}', "Field 'Nope' not found at position 9"],
      ['IF({Done})', 'IF expects 2 or 3 arguments, got 1 at position 1'],
      ['({Qty} + 1', "Missing ')' to close '(' at position 1"],
      ['DATEADD({Name}, 1, "day")', 'DATEADD expects a date as argument 1, got text at position 9'],
      ['"open', 'Unterminated string starting at position 1'],
    ];
    for (const [formula, message] of cases) {
      const response = await addField({ title: 'Broken', uidt: 'Formula', formula_raw: formula });
      expect(response.status, formula).toBe(422);
      expect(response.body.msg).toBe(message);
    }
    const missing = await addField({ title: 'Broken', uidt: 'Formula' });
    expect(missing.status).toBe(422);
    const table = (await t.call('GET', `/api/v2/meta/tables/${tableId}`)).body;
    expect(table.columns.some((c: { title: string }) => c.title === 'Broken')).toBe(false);
  });

  it('refuses to delete or retype a field a formula uses, and to write formula values', async () => {
    const table = (await t.call('GET', `/api/v2/meta/tables/${tableId}`)).body;
    const removed = await t.call('DELETE', `/api/v2/meta/columns/${column(table, 'Price').id}`);
    expect(removed.status).toBe(422);
    expect(removed.body.msg).toBe(
      "Field 'Price' is used by formula 'Total'; change or delete the formula first",
    );
    const retyped = await t.call('PATCH', `/api/v2/meta/columns/${column(table, 'Qty').id}`, {
      uidt: 'SingleLineText',
    });
    expect(retyped.status).toBe(422);
    expect(retyped.body.msg).toContain("is used by formula 'Total'");
    const written = await t.call('POST', `/api/v2/tables/${tableId}/records`, { Name: 'x', Total: 5 });
    expect(written.status).toBeGreaterThanOrEqual(400);
    expect(written.status).toBeLessThan(500);
    const toFormula = await t.call('PATCH', `/api/v2/meta/columns/${column(table, 'Name').id}`, {
      uidt: 'Formula',
      formula_raw: '1',
    });
    expect(toFormula.status).toBe(422);
  });

  it('changes a formula and deletes formula fields', async () => {
    const changed = await t.call('PATCH', `/api/v2/meta/columns/${fieldIds.Label}`, {
      formula_raw: 'UPPER({Name})',
    });
    expect(changed.status).toBe(200);
    expect((await list('')).map((r) => r.Label)).toStrictEqual(
      orders.map((o) => o.Name?.toUpperCase() ?? null),
    );
    const retyped = await t.call('PATCH', `/api/v2/meta/columns/${fieldIds.Label}`, {
      formula_raw: 'LEN({Name})',
    });
    expect(retyped.status).toBe(200);
    expect(column(retyped.body, 'Label').meta.result_type).toBe('number');
    expect((await t.call('DELETE', `/api/v2/meta/columns/${fieldIds.Label}`)).status).toBe(200);
    expect((await list('')).every((r) => !('Label' in r))).toBe(true);
  });

  it('refuses formulas too large once the formulas they use are included', async () => {
    const table = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Growth',
      columns: [{ title: 'N', uidt: 'Number' }],
    });
    const add = (title: string, formula: string) =>
      t.call('POST', `/api/v2/meta/tables/${table.body.id}/columns`, {
        title,
        uidt: 'Formula',
        formula_raw: formula,
      });
    let previous = 'N';
    let refusal: { status: number; body: { msg: string } } | undefined;
    for (let level = 0; level < 12 && !refusal; level++) {
      const response = await add(`G${level}`, `{${previous}} + {${previous}}`);
      if (response.status === 200) previous = `G${level}`;
      else refusal = response;
    }
    expect(refusal?.status).toBe(422);
    expect(refusal?.body.msg).toMatch(
      /^Field 'G\d+': the formula is too large once the formulas it uses are included \(\d+ parts, at most 1000\)$/,
    );
  });

  it('creates formula columns with a new table', async () => {
    const response = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Sizes',
      columns: [
        { title: 'Area', uidt: 'Formula', formula_raw: '{Width} * {Height}' },
        { title: 'Width', uidt: 'Number' },
        { title: 'Height', uidt: 'Number' },
        { title: 'Big', uidt: 'Formula', formula_raw: 'IF({Area} > 10, "big", "small")' },
      ],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const sizes = response.body.id;
    await t.call('POST', `/api/v2/tables/${sizes}/records`, [
      { Width: 2, Height: 3 },
      { Width: 4, Height: 5 },
    ]);
    const rows = (await t.call('GET', `/api/v2/tables/${sizes}/records`)).body.list;
    expect(rows.map((r: Record<string, unknown>) => [r.Area, r.Big])).toStrictEqual([
      [6, 'small'],
      [20, 'big'],
    ]);
    const circular = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Loops',
      columns: [
        { title: 'A', uidt: 'Formula', formula_raw: '{B} + 1' },
        { title: 'B', uidt: 'Formula', formula_raw: '{A} + 1' },
      ],
    });
    expect(circular.status).toBe(422);
    expect(circular.body.msg).toBe("Circular reference between formulas 'A', 'B'");
  });
});

describe.each(testDialects)('formulas over links, lookups and rollups on %s', (dialect) => {
  let t: TestApp;
  let s: SchemaBuilder;
  const tb = { series: '', episodes: '' };
  const ids = { link: '', title: '', minutes: '', aired: '' };
  let seriesIds: number[] = [];
  let episodeIds: number[] = [];

  const series = ['Alpha', 'Bravo', 'Charlie'];
  /** [title, minutes, aired, series index] */
  const episodes: [string, number | null, string, number | null][] = [
    ['Pilot', 50, '2024-02-01', 0],
    ['Second', 45, '2024-01-15', 0],
    ['Third', null, '2024-03-01', 0],
    ['Only', 30, '2023-11-30', 1],
    ['Loose', 99, '2024-05-05', null],
  ];
  const of = (index: number) => episodes.filter((e) => e[3] === index);
  const runtime = (index: number) => {
    const present = of(index).flatMap((e) => (e[1] === null ? [] : [e[1]]));
    return present.length ? present.reduce((a, b) => a + b, 0) : null;
  };
  const average = (index: number) => {
    const r = runtime(index);
    return r === null || of(index).length === 0 ? null : Math.round((r / of(index).length) * 10) / 10;
  };
  const summary = (index: number) => {
    const first = of(index)
      .map((e) => e[2])
      .sort()[0];
    const titles = of(index).map((e) => e[0]);
    return `${series[index]}: ${of(index).length} eps, ${runtime(index) ?? ''} min, from ${first ?? ''} (${titles.join(', ')})`;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    s = schemaBuilder(t);
    const baseId = await s.base('Studio');
    tb.series = (await s.newTable(baseId, 'Series', [{ title: 'Name', uidt: 'SingleLineText' }])).id;
    const episodeTable = await s.newTable(baseId, 'Episodes', [
      { title: 'Title', uidt: 'SingleLineText' },
      { title: 'Minutes', uidt: 'Number' },
      { title: 'Aired', uidt: 'Date' },
    ]);
    tb.episodes = episodeTable.id;
    ids.title = await s.fieldId(tb.episodes, 'Title');
    ids.minutes = await s.fieldId(tb.episodes, 'Minutes');
    ids.aired = await s.fieldId(tb.episodes, 'Aired');
    ids.link = await s.link(tb.series, 'Episodes', 'hm', tb.episodes);
    const lookup = { uidt: 'Lookup', fk_relation_column_id: ids.link };
    const rollup = { uidt: 'Rollup', fk_relation_column_id: ids.link };
    await s.field(tb.series, { title: 'Titles', ...lookup, fk_lookup_column_id: ids.title });
    await s.field(tb.series, {
      title: 'Runtime',
      ...rollup,
      fk_rollup_column_id: ids.minutes,
      rollup_function: 'sum',
    });
    await s.field(tb.series, {
      title: 'First',
      ...rollup,
      fk_rollup_column_id: ids.aired,
      rollup_function: 'min',
    });
    await s.field(tb.series, {
      title: 'Summary',
      uidt: 'Formula',
      formula_raw:
        'CONCAT({Name}, ": ", {Episodes}, " eps, ", {Runtime}, " min, from ", DATESTR({First}), " (", {Titles}, ")")',
    });
    await s.field(tb.series, {
      title: 'Average',
      uidt: 'Formula',
      formula_raw: 'ROUND({Runtime} / {Episodes}, 1)',
    });
    seriesIds = await s.records(
      tb.series,
      series.map((Name) => ({ Name })),
    );
    episodeIds = await s.records(
      tb.episodes,
      episodes.map(([Title, Minutes, Aired]) => ({ Title, Minutes, Aired })),
    );
    for (const [index, id] of seriesIds.entries()) {
      const linked = episodes.flatMap((e, i) => (e[3] === index ? [{ Id: episodeIds[i] }] : []));
      if (linked.length)
        await s.ok('POST', `/api/v2/tables/${tb.series}/links/${ids.link}/records/${id}`, linked);
    }
  });
  afterAll(async () => t?.close());

  it('computes formulas over link counts, lookups and rollups', async () => {
    const rows = await s.list(tb.series);
    expect(rows.map((r) => r.Summary)).toStrictEqual(series.map((_, i) => summary(i)));
    expect(rows.map((r) => r.Average)).toStrictEqual(series.map((_, i) => average(i)));
    const first = (await t.call('GET', `/api/v2/meta/tables/${tb.series}`)).body.columns.find(
      (c: { title: string }) => c.title === 'Summary',
    );
    expect(first.meta.result_type).toBe('text');
  });

  it('filters and sorts on them in the database', async () => {
    const where = idsOf(await s.list(tb.series, `where=${encodeURIComponent('(Average,gt,30)')}`));
    expect(where).toStrictEqual(seriesIds.filter((_, i) => (average(i) ?? 0) > 30));
    const sorted = idsOf(await s.list(tb.series, 'sort=-Average'));
    const expected = seriesIds
      .map((id, i) => ({ id, value: average(i) }))
      .sort(
        (a, b) =>
          (b.value ?? Number.NEGATIVE_INFINITY) - (a.value ?? Number.NEGATIVE_INFINITY) || b.id - a.id,
      )
      .map((e) => e.id);
    expect(sorted).toStrictEqual(expected);
  });

  it('refuses circular references through lookups across tables', async () => {
    const episodeTable = await s.table(tb.episodes);
    const back = episodeTable.columns.find((c) => c.uidt === 'LinkToAnotherRecord')!;
    const seriesAverage = await s.fieldId(tb.series, 'Average');
    await s.field(tb.episodes, {
      title: 'Series average',
      uidt: 'Lookup',
      fk_relation_column_id: back.id,
      fk_lookup_column_id: seriesAverage,
    });
    const share = await s.field(tb.episodes, {
      title: 'Share',
      uidt: 'Formula',
      formula_raw: 'LEN({Series average})',
    });
    await s.field(tb.series, {
      title: 'Shares',
      uidt: 'Lookup',
      fk_relation_column_id: ids.link,
      fk_lookup_column_id: share,
    });
    const cycle = await t.call('PATCH', `/api/v2/meta/columns/${seriesAverage}`, {
      formula_raw: 'LEN({Shares})',
    });
    expect(cycle.status).toBe(422);
    expect(cycle.body.msg).toBe(
      "Circular reference: 'Average' → 'Shares' → 'Share' → 'Series average' → 'Average'",
    );
    const single = await t.call('POST', `/api/v2/meta/tables/${tb.episodes}/columns`, {
      title: 'Bad',
      uidt: 'Formula',
      formula_raw: `{${back.title}} & "x"`,
    });
    expect(single.status).toBe(422);
    expect(single.body.msg).toContain('a link to one record cannot be used directly');
  });
});
