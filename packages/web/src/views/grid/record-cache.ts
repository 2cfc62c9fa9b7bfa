// The grid's rows by index, loaded a page at a time around what is on screen. Reading a row is
// O(1); pages near the visible window are fetched (one page ahead and behind), fetches for
// pages that scrolled away are cancelled, and far pages are dropped so memory stays bounded
// on a 100,000-row table. A refresh keeps showing the rows it has while newer ones load.
import { ApiError } from '../../api/http.ts';
import type { ListOf, RecordRow } from '../../api/types.ts';

export type PageSource = (offset: number, limit: number, signal: AbortSignal) => Promise<ListOf<RecordRow>>;

export interface CacheListener {
  /** Rows first..last (inclusive) have new content. */
  rowsChanged(first: number, last: number): void;
  /** The number of rows changed. */
  totalChanged(total: number): void;
  /** A page could not be loaded (not a cancel). */
  failed(error: unknown): void;
}

interface Page {
  readonly rows: (RecordRow | undefined)[];
  /** False when the page is shown but must be fetched again (after a refresh). */
  fresh: boolean;
}

interface Loading {
  readonly controller: AbortController;
  readonly promise: Promise<void>;
  /** Someone awaits it (paste, copy): scrolling away does not cancel it. */
  pinned: boolean;
}

/** Pages kept beyond the ones around the window before they are dropped. */
const keepDistance = 12;

export class RecordCache {
  readonly pageSize: number;
  private readonly source: PageSource;
  private readonly listener: CacheListener;
  private pages = new Map<number, Page>();
  private loading = new Map<number, Loading>();
  private idIndex = new Map<number, number>();
  private generation = 0;
  private total: number | undefined;
  /** `total` is up to date: the first page was read since the last reset or refresh. */
  private counted = false;
  private window = { first: 0, last: 0 };

  constructor(source: PageSource, listener: CacheListener, pageSize = 100) {
    this.source = source;
    this.listener = listener;
    this.pageSize = pageSize;
  }

  /** The number of rows, once the first page answered. */
  get totalRows(): number | undefined {
    return this.total;
  }

  get loadedPages(): number {
    return this.pages.size;
  }

  get loadedRows(): number {
    let count = 0;
    for (const page of this.pages.values()) count += page.rows.length;
    return count;
  }

  row(index: number): RecordRow | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.rows[index % this.pageSize];
  }

  indexOf(id: number): number | undefined {
    return this.idIndex.get(id);
  }

  /** Rows first..last are on screen: fetch what is missing around them, cancel the rest. */
  show(first: number, last: number): void {
    this.window = { first, last };
    const wanted = this.wantedPages();
    for (const [page, loading] of this.loading)
      if (!loading.pinned && (page < wanted.from || page > wanted.to)) {
        loading.controller.abort();
        this.loading.delete(page);
      }
    for (let page = wanted.from; page <= wanted.to; page++) {
      if (!this.pages.get(page)?.fresh) void this.load(page);
    }
    if (!this.counted) return;
    for (const page of this.pages.keys())
      if (page < wanted.from - keepDistance || page > wanted.to + keepDistance) this.dropPage(page);
  }

  /** Loads rows first..last (for paste, copy, fill) and resolves when they are here. */
  async ensure(first: number, last: number): Promise<void> {
    const waits: Promise<void>[] = [];
    for (let page = Math.floor(first / this.pageSize); page <= Math.floor(last / this.pageSize); page++) {
      if (this.pages.get(page)?.fresh) continue;
      waits.push(this.load(page, true));
    }
    await Promise.all(waits);
  }

  /** Forgets everything (new filters or sorts) and loads the window again. */
  reset(): void {
    this.generation++;
    this.counted = false;
    for (const loading of this.loading.values()) loading.controller.abort();
    this.loading.clear();
    this.pages.clear();
    this.idIndex.clear();
    this.listener.rowsChanged(this.window.first, this.window.last);
    this.show(this.window.first, this.window.last);
  }

  /** Loads the window again (rows came or went), showing the current rows meanwhile. */
  refresh(): void {
    this.generation++;
    for (const loading of this.loading.values()) loading.controller.abort();
    this.loading.clear();
    const wanted = this.wantedPages();
    this.counted = false;
    for (const [number, page] of this.pages) {
      if (number < wanted.from || number > wanted.to) this.dropPage(number);
      else page.fresh = false;
    }
    this.show(this.window.first, this.window.last);
  }

  /** Merges values into a loaded row (an edit, a live update); false when it is not loaded. */
  patch(id: number, values: RecordRow): boolean {
    const index = this.idIndex.get(id);
    const page = index === undefined ? undefined : this.pages.get(Math.floor(index / this.pageSize));
    if (index === undefined || !page) return false;
    const current = page.rows[index % this.pageSize];
    if (!current) return false;
    page.rows[index % this.pageSize] = { ...current, ...values };
    this.listener.rowsChanged(index, index);
    return true;
  }

  /** Shows a just-created row at the end until the next load places it. */
  append(row: RecordRow): number {
    const index = this.total ?? 0;
    this.setTotal(index + 1);
    const number = Math.floor(index / this.pageSize);
    let page = this.pages.get(number);
    if (!page) {
      page = { rows: [], fresh: false };
      this.pages.set(number, page);
    }
    page.rows[index % this.pageSize] = row;
    if (typeof row.Id === 'number') this.idIndex.set(row.Id, index);
    this.listener.rowsChanged(index, index);
    return index;
  }

  private wantedPages(): { from: number; to: number } {
    // Until the first page has told how many rows there are now, ask for nothing else: a page
    // past the end is refused (422), and the window may be past the end after a change.
    if (!this.counted || this.total === undefined) return { from: 0, to: 0 };
    const from = Math.max(0, Math.floor(this.window.first / this.pageSize) - 1);
    const to = Math.min(
      Math.floor(this.window.last / this.pageSize) + 1,
      Math.ceil(this.total / this.pageSize) - 1,
    );
    return { from, to: Math.max(from, to) };
  }

  private dropPage(number: number): void {
    const page = this.pages.get(number);
    if (!page) return;
    const first = number * this.pageSize;
    for (const row of page.rows) {
      if (!row || typeof row.Id !== 'number') continue;
      const index = this.idIndex.get(row.Id);
      // The row may have moved to another page since; keep that entry.
      if (index !== undefined && index >= first && index < first + this.pageSize) this.idIndex.delete(row.Id);
    }
    this.pages.delete(number);
  }

  private setTotal(total: number): void {
    if (total === this.total) return;
    this.total = total;
    for (const number of [...this.pages.keys()]) if (number * this.pageSize >= total) this.dropPage(number);
    this.listener.totalChanged(total);
  }

  private load(number: number, pinned = false): Promise<void> {
    const existing = this.loading.get(number);
    if (existing) {
      existing.pinned ||= pinned;
      return existing.promise;
    }
    const offset = number * this.pageSize;
    if (number > 0 && this.total !== undefined && offset >= this.total) return Promise.resolve();
    const generation = this.generation;
    const controller = new AbortController();
    const promise = this.source(offset, this.pageSize, controller.signal)
      .then((result) => {
        if (generation !== this.generation || controller.signal.aborted) return;
        this.dropPage(number);
        this.pages.set(number, { rows: result.list, fresh: true });
        result.list.forEach((row, i) => {
          if (typeof row.Id === 'number') this.idIndex.set(row.Id, offset + i);
        });
        const counted = this.counted;
        this.counted = true;
        this.setTotal(result.pageInfo.totalRows);
        this.listener.rowsChanged(offset, offset + Math.max(this.pageSize, result.list.length) - 1);
        if (!counted) this.show(this.window.first, this.window.last);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted || generation !== this.generation) return;
        // Rows were deleted under us: the page is past the end now. Count again from the top.
        if (error instanceof ApiError && error.code === 'ERR_INVALID_OFFSET_VALUE') {
          if (number > 0) void this.load(0);
          return;
        }
        this.listener.failed(error);
      })
      .finally(() => {
        if (this.loading.get(number)?.controller === controller) this.loading.delete(number);
      });
    this.loading.set(number, { controller, promise, pinned });
    return promise;
  }
}
