import type { TableModel, ViewModel } from '@tessera/core';

/**
 * Tables and views as last read, so a record request costs no meta queries. Every meta
 * write through the store drops the entries it touched; a write made by another process is
 * seen after `clear()` (called when the process learns of it).
 */
export class SchemaCache {
  readonly #tables = new Map<string, TableModel>();
  readonly #views = new Map<string, ViewModel>();

  table(id: string): TableModel | undefined {
    return this.#tables.get(id);
  }

  rememberTable(table: TableModel): TableModel {
    this.#tables.set(table.id, table);
    return table;
  }

  view(id: string): ViewModel | undefined {
    return this.#views.get(id);
  }

  rememberView(view: ViewModel): ViewModel {
    this.#views.set(view.id, view);
    return view;
  }

  /** Forgets a table and every view of it. */
  forgetTable(tableId: string): void {
    this.#tables.delete(tableId);
    for (const [id, view] of this.#views) if (view.tableId === tableId) this.#views.delete(id);
  }

  forgetView(viewId: string): void {
    this.#views.delete(viewId);
  }

  clear(): void {
    this.#tables.clear();
    this.#views.clear();
  }
}
