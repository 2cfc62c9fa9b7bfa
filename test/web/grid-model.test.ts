// The grid's data model without a browser: the record cache pages rows in around the window
// (from an in-memory list that answers like the records API), pasted text becomes API values
// per field type, the view's columns become the grid's fields, and undo steps invert.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../packages/web/src/api/http.ts';
import type {
  Field,
  FieldType,
  ListOf,
  RecordRow,
  View,
  ViewColumn,
} from '../../packages/web/src/api/types.ts';
import { copyTextOf, lookOf } from '../../packages/web/src/views/grid/cell-look.ts';
import { gridFields, reorderedColumns } from '../../packages/web/src/views/grid/grid-fields.ts';
import { numberFromText, valueFromText } from '../../packages/web/src/views/grid/paste-values.ts';
import { RecordCache } from '../../packages/web/src/views/grid/record-cache.ts';
import { inverse, UndoStack } from '../../packages/web/src/views/grid/undo-stack.ts';

function field(title: string, uidt: FieldType, extra: Partial<Field> = {}): Field {
  return {
    id: `f_${title}`,
    fk_model_id: 'm1',
    title,
    column_name: title.toLowerCase(),
    uidt,
    pk: false,
    pv: false,
    rqd: false,
    unique: false,
    system: false,
    readonly: false,
    cdf: null,
    description: null,
    meta: null,
    order: 1,
    colOptions: null,
    ...extra,
  };
}

/** Rows 1..n answered like GET /records: pages, totalRows, 422 past the end, abortable. */
function tableOf(count: number) {
  const rows: RecordRow[] = Array.from({ length: count }, (_, i) => ({ Id: i + 1, Name: `Row ${i + 1}` }));
  const requests: { offset: number; signal: AbortSignal }[] = [];
  const pending: (() => void)[] = [];
  const source = (offset: number, limit: number, signal: AbortSignal): Promise<ListOf<RecordRow>> => {
    requests.push({ offset, signal });
    return new Promise((resolve, reject) => {
      pending.push(() => {
        if (offset > 0 && offset >= rows.length)
          reject(new ApiError(422, 'Offset past the end', 'ERR_INVALID_OFFSET_VALUE'));
        else
          resolve({
            list: rows.slice(offset, offset + limit),
            pageInfo: {
              totalRows: rows.length,
              page: 1,
              pageSize: limit,
              isFirstPage: offset === 0,
              isLastPage: false,
            },
          });
      });
    });
  };
  /** Answers every request made so far, then lets the cache react. */
  const answer = async () => {
    while (pending.length > 0) {
      for (const reply of pending.splice(0)) reply();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { rows, requests, source, answer };
}

function cacheOf(table: ReturnType<typeof tableOf>) {
  const changes: [number, number][] = [];
  const totals: number[] = [];
  const cache = new RecordCache(
    table.source,
    {
      rowsChanged: (first, last) => changes.push([first, last]),
      totalChanged: (total) => totals.push(total),
      failed: (error) => {
        throw error;
      },
    },
    100,
  );
  return { cache, changes, totals };
}

describe('RecordCache', () => {
  it('counts with the first page, then loads the window and a page either side', async () => {
    const table = tableOf(100_000);
    const { cache, totals } = cacheOf(table);
    cache.show(5_000, 5_030);
    expect(table.requests.map((r) => r.offset)).toEqual([0]);
    await table.answer();
    expect(totals).toEqual([100_000]);
    expect(table.requests.map((r) => r.offset)).toEqual([0, 4_900, 5_000, 5_100]);
    expect(cache.row(5_010)).toEqual({ Id: 5_011, Name: 'Row 5011' });
    expect(cache.row(20_000)).toBeUndefined();
    expect(cache.indexOf(5_011)).toBe(5_010);
  });

  it('cancels loads for pages scrolled away from and drops far pages', async () => {
    const table = tableOf(100_000);
    const { cache } = cacheOf(table);
    cache.show(0, 30);
    await table.answer();
    cache.show(50_000, 50_030);
    const stale = table.requests.find((r) => r.offset === 50_000)!;
    cache.show(90_000, 90_030);
    expect(stale.signal.aborted).toBe(true);
    await table.answer();
    expect(cache.row(90_000)?.Id).toBe(90_001);
    expect(cache.row(0)).toBeUndefined();
    expect(cache.loadedPages).toBeLessThanOrEqual(4);
  });

  it('loads a range on demand (paste, copy) and patches rows by id', async () => {
    const table = tableOf(1_000);
    const { cache, changes } = cacheOf(table);
    cache.show(0, 30);
    await table.answer();
    const loading = cache.ensure(400, 650);
    await table.answer();
    await loading;
    expect(cache.row(650)?.Id).toBe(651);
    expect(cache.patch(651, { Name: 'changed' })).toBe(true);
    expect(cache.row(650)).toEqual({ Id: 651, Name: 'changed' });
    expect(changes.at(-1)).toEqual([650, 650]);
    expect(cache.patch(999_999, { Name: 'x' })).toBe(false);
  });

  it('keeps showing rows during a refresh and follows a shrinking total', async () => {
    const table = tableOf(250);
    const { cache, totals } = cacheOf(table);
    cache.show(200, 240);
    await table.answer();
    expect(cache.row(220)?.Id).toBe(221);
    table.rows.splice(150);
    cache.refresh();
    expect(cache.row(220)?.Id).toBe(221);
    await table.answer();
    expect(totals.at(-1)).toBe(150);
    expect(cache.row(220)).toBeUndefined();
    expect(cache.row(149)?.Id).toBe(150);
  });

  it('shows a created row at the end until the next load', async () => {
    const table = tableOf(3);
    const { cache, totals } = cacheOf(table);
    cache.show(0, 30);
    await table.answer();
    expect(cache.append({ Id: 99, Name: 'new' })).toBe(3);
    expect(totals.at(-1)).toBe(4);
    expect(cache.row(3)).toEqual({ Id: 99, Name: 'new' });
  });
});

describe('pasted text as API values', () => {
  it('reads numbers with currency, grouping and percent signs', () => {
    expect(numberFromText('1,234.50')).toBe(1234.5);
    expect(numberFromText('$12')).toBe(12);
    expect(numberFromText('50 %')).toBe(50);
    expect(numberFromText('-0.5')).toBe(-0.5);
    expect(numberFromText('twelve')).toBeUndefined();
  });

  it('converts per field type', () => {
    expect(valueFromText(field('Qty', 'Number'), ' 1,234.6 ')).toEqual({ ok: true, value: 1235 });
    expect(valueFromText(field('Price', 'Decimal'), '€ 3.5')).toEqual({ ok: true, value: 3.5 });
    expect(valueFromText(field('Done', 'Checkbox'), '✓')).toEqual({ ok: true, value: true });
    expect(valueFromText(field('Done', 'Checkbox'), 'x')).toEqual({ ok: true, value: true });
    expect(valueFromText(field('Done', 'Checkbox'), 'FALSE')).toEqual({ ok: true, value: false });
    expect(valueFromText(field('Done', 'Checkbox'), 'maybe')).toEqual({ ok: false });
    expect(valueFromText(field('Tags', 'MultiSelect'), 'a, b ,,c')).toEqual({ ok: true, value: 'a,b,c' });
    expect(valueFromText(field('Due', 'Date'), ' ')).toEqual({ ok: true, value: null });
    expect(valueFromText(field('Name', 'SingleLineText'), ' kept ')).toEqual({ ok: true, value: ' kept ' });
    expect(valueFromText(field('Length', 'Duration'), '1:30')).toEqual({ ok: true, value: '1:30' });
    expect(valueFromText(field('Tags', 'Links'), '3')).toEqual({ ok: false });
    expect(valueFromText(field('Files', 'Attachment'), 'https://example.com/a.png')).toEqual({
      ok: true,
      value: 'https://example.com/a.png',
    });
  });

  it('copies values as the API takes them back', () => {
    const users = [{ id: 'us1', email: 'ann@example.com', display_name: 'Ann' }];
    expect(copyTextOf(field('Owner', 'User'), users)).toBe('ann@example.com');
    expect(copyTextOf(field('Data', 'JSON'), { a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(copyTextOf(field('Series', 'LinkToAnotherRecord'), { Id: 3, Title: 'Breaking' })).toBe('Breaking');
    expect(lookOf(field('Owner', 'User'), users)).toEqual({ type: 'chips', chips: [{ text: 'Ann' }] });
    const status = field('Status', 'SingleSelect', {
      colOptions: { options: [{ title: 'Todo', color: '#cfdffe' }] },
    });
    expect(lookOf(status, 'Todo')).toEqual({ type: 'chips', chips: [{ text: 'Todo', color: '#cfdffe' }] });
  });
});

describe('the grid’s fields', () => {
  const view = { id: 'vw1', meta: {} } as unknown as View;
  const fields = [
    field('Id', 'ID', { pk: true, system: true, order: 1 }),
    field('Notes', 'LongText', { order: 2 }),
    field('Title', 'SingleLineText', { pv: true, order: 3 }),
    field('Score', 'Number', { order: 4 }),
    field('Total', 'Formula', { order: 5 }),
    field('CreatedAt', 'CreatedTime', { system: true, readonly: true, order: 6 }),
  ];
  const column = (title: string, order: number, extra: Partial<ViewColumn> = {}): ViewColumn => ({
    id: `f_${title}`,
    fk_view_id: 'vw1',
    fk_column_id: `f_${title}`,
    show: true,
    order,
    width: null,
    ...extra,
  });

  it('shows the view’s fields in its order, the display field first, without system fields', () => {
    const columns = [
      column('Id', 1),
      column('Notes', 2, { width: '300px' }),
      column('Title', 3),
      column('Score', 1.5, { show: false }),
      column('Total', 0),
      column('CreatedAt', 6),
    ];
    const shown = gridFields(fields, columns, view, true);
    expect(shown.map((f) => f.field.title)).toEqual(['Title', 'Total', 'Notes']);
    expect(shown.map((f) => f.width)).toEqual([220, 180, 300]);
    expect(shown.map((f) => f.editable)).toEqual([true, false, true]);
    expect(gridFields(fields, columns, view, false).every((f) => !f.editable)).toBe(true);
    const withSystem = { ...view, meta: { showSystemFields: true } };
    expect(gridFields(fields, columns, withSystem, true).map((f) => f.field.title)).toContain('CreatedAt');
  });

  it('renumbers the view’s columns after a move, answering only the changed ones', () => {
    const columns = [column('Id', 1), column('Notes', 2), column('Title', 3), column('Score', 4)];
    expect(
      reorderedColumns(columns, fields.slice(0, 4), 'f_Score', 'f_Notes').map((c) => [c.fieldId, c.order]),
    ).toEqual([
      ['f_Score', 2],
      ['f_Notes', 3],
      ['f_Title', 4],
    ]);
    expect(reorderedColumns(columns, fields.slice(0, 4), 'f_Notes', undefined).map((c) => c.fieldId)).toEqual(
      ['f_Title', 'f_Score', 'f_Notes'],
    );
  });
});

describe('UndoStack', () => {
  it('undoes and redoes steps, and forgets refused ones', () => {
    const stack = new UndoStack();
    const score = field('Score', 'Number');
    const first = { changes: [{ rowId: 1, field: score, before: 1, after: 2 }] };
    const second = { changes: [{ rowId: 2, field: score, before: null, after: 5 }] };
    stack.push(first);
    stack.push(second);
    stack.drop(second);
    const undone = stack.takeUndo();
    expect(undone).toBe(first);
    expect(inverse(undone!.changes)).toEqual([{ rowId: 1, field: score, before: 2, after: 1 }]);
    stack.undid(first);
    expect(stack.takeUndo()).toBeUndefined();
    expect(stack.takeRedo()).toBe(first);
    stack.push(second);
    expect(stack.takeRedo()).toBeUndefined();
  });
});
