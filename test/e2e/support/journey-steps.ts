// Steps of the studio journey test that drive the app the way a person does: fields added in
// the field dialog, cells of the canvas grid found from its published layout
// (window.__tesseraGrid) and edited with the mouse and keyboard, and a mouse drag dnd-kit
// accepts. Each step waits until the app shows its result.
import type { Locator, Page } from 'playwright-core';
import { eventually } from './rest.ts';

/** What the grid publishes about its layout (views/grid/grid-stats.ts). */
export interface GridLayout {
  readonly headerHeight: number;
  readonly rowHeight: number;
  readonly markerWidth: number;
  readonly columns: readonly { readonly title: string; readonly width: number }[];
  readonly totalRows: number | undefined;
  readonly loadedRows: number;
}

export type FieldSpec =
  | { readonly title: string; readonly type: 'Number' | 'Checkbox' | 'Date' | 'SingleLineText' }
  | { readonly title: string; readonly type: 'SingleSelect'; readonly options: readonly string[] }
  | {
      readonly title: string;
      readonly type: 'Links';
      readonly table: string;
      readonly relation: 'hm' | 'mm';
    };

/** Adds fields to the open table through its fields list and the field dialog, then closes the list. */
export async function addFieldsThroughUi(page: Page, fields: readonly FieldSpec[]): Promise<void> {
  await page.getByTestId('fields-button').click();
  await page.getByTestId('fields-list').waitFor();
  for (const field of fields) {
    await page.getByTestId('field-add').click();
    await page.getByTestId('field-title').fill(field.title);
    await page.getByTestId('field-type').click();
    await page.getByTestId(`field-type-${field.type}`).click();
    if (field.type === 'SingleSelect')
      for (const [index, option] of field.options.entries()) {
        await page.getByTestId('option-add').click();
        await page.getByTestId(`option-title-${index}`).fill(option);
      }
    if (field.type === 'Links') {
      await page.getByTestId('link-table').selectOption({ label: field.table });
      await page.getByTestId(`relation-${field.relation}`).check();
    }
    await page.getByTestId('field-save').click();
    await page.getByTestId(`field-row-${field.title}`).waitFor();
  }
  await page.keyboard.press('Escape');
  await page.getByTestId('fields-list').waitFor({ state: 'detached' });
}

/** The canvas grid of the open grid view: cells found by column title and row index. */
export function canvasGrid(page: Page) {
  const canvas = (): Locator => page.locator('[data-testid="record-grid"] [data-testid="data-grid-canvas"]');
  const layout = (): Promise<GridLayout> =>
    page.evaluate(() => (window as unknown as { __tesseraGrid: GridLayout }).__tesseraGrid);

  /** The page coordinates of a cell's centre (row -1: the header). */
  async function cellPoint(title: string, row: number): Promise<{ x: number; y: number }> {
    const grid = await layout();
    const box = await canvas().boundingBox();
    if (!box) throw new Error('the grid canvas is not on the page');
    const index = grid.columns.findIndex((c) => c.title === title);
    if (index < 0) throw new Error(`no column ${title}`);
    const left = grid.columns.slice(0, index).reduce((sum, c) => sum + c.width, grid.markerWidth);
    const x = box.x + left + grid.columns[index]!.width / 2;
    const y =
      row < 0
        ? box.y + grid.headerHeight / 2
        : box.y + grid.headerHeight + row * grid.rowHeight + grid.rowHeight / 2;
    return { x, y };
  }

  /** Two animation frames: glide moves the keyboard focus in one after a click. */
  const nextFrames = () =>
    page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );

  async function clickCell(title: string, row: number): Promise<void> {
    const { x, y } = await cellPoint(title, row);
    await page.mouse.click(x, y);
    await nextFrames();
  }

  /**
   * Does a gesture on the canvas until `done` (up to three times): glide takes gestures only
   * once it has laid the grid out and moved the focus, which a busy machine delays.
   */
  async function gesture(
    what: string,
    act: () => Promise<void>,
    done: () => Promise<boolean>,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await act();
      const happened = await eventually(what, async () => ((await done()) ? true : undefined), 3000).catch(
        () => false,
      );
      if (happened) return;
      if (attempt === 3) throw new Error(`${what}: nothing happened`);
    }
  }

  /** Opens a cell's editor with Enter; answers the editor's input (found by `inside` in glide's overlay). */
  async function openEditor(title: string, row: number, inside: string): Promise<Locator> {
    const input = page.locator(`#portal ${inside}`).first();
    await gesture(
      `the editor of ${title}`,
      async () => {
        await clickCell(title, row);
        await page.keyboard.press('Enter');
      },
      () => input.isVisible(),
    );
    return input;
  }

  /** Opens a cell's editor, types `text` into it and saves it with Enter. */
  async function typeIntoCell(title: string, row: number, inside: string, text: string): Promise<void> {
    const input = await openEditor(title, row, inside);
    await input.fill(text);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'detached' });
  }

  /** Waits until the grid shows `rows` rows in all. */
  const waitForRows = (rows: number) =>
    page.locator(`[data-testid="record-grid"][data-total-rows="${rows}"]`).waitFor();

  /**
   * Adds a row by clicking the "New row" row stuck to the bottom of the grid; the grid then
   * opens the editor of the new row's first cell, answered here.
   */
  async function addRowFromTrailingRow(rowsBefore: number): Promise<Locator> {
    const box = await canvas().boundingBox();
    if (!box) throw new Error('the grid canvas is not on the page');
    const grid = await layout();
    const x = box.x + grid.markerWidth + (grid.columns[0]?.width ?? 100) / 2;
    await gesture(
      'the added row',
      () => page.mouse.click(x, box.y + box.height - grid.rowHeight / 2),
      async () => (await layout()).totalRows === rowsBefore + 1,
    );
    const editor = page.locator('#portal textarea, #portal input').first();
    await editor.waitFor();
    return editor;
  }

  return { canvas, layout, clickCell, gesture, openEditor, typeIntoCell, waitForRows, addRowFromTrailingRow };
}

/**
 * Drags `from` onto `to` with the mouse in small steps, as dnd-kit's pointer sensor needs:
 * press, move past the activation distance, move onto the target, nudge there, release.
 */
export async function dragWithMouse(page: Page, from: Locator, to: Locator): Promise<void> {
  const source = await from.boundingBox();
  const target = await to.boundingBox();
  if (!source || !target) throw new Error('drag: source or target is not visible');
  const start = { x: source.x + source.width / 2, y: source.y + source.height / 2 };
  const end = { x: target.x + target.width / 2, y: target.y + target.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 8, start.y + 8, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 20 });
  await page.mouse.move(end.x, end.y + 1, { steps: 2 });
  await page.mouse.up();
}
