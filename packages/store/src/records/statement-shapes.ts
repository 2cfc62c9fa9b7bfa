import { CompiledQuery } from 'kysely';

/** How many statement shapes are remembered (least recently used dropped first). */
const MAX_SHAPES = 500;

/** Stands for value `index` while a shape is compiled; no real value looks like it. */
function placeholder(index: number): string {
  return `\u0000tessera-value-${index}\u0000`;
}

interface Shape {
  readonly sql: string;
  /** For each bound parameter of the SQL, the index of the value it takes. */
  readonly slots: readonly number[];
}

/**
 * Write statements whose SQL depends only on their shape (table, columns) and not on their
 * values: built and compiled by Kysely once per shape, then reused with new values, since
 * building and compiling the query tree cost more CPU than the rest of a one-record write.
 *
 * `build` gets the values (on the first call, placeholders standing for them) and must take
 * every value it binds from them. A shape is only remembered when each bound parameter of the
 * compiled SQL is one of the placeholders, so reuse can never bind a stale or misplaced value;
 * otherwise the statement is built from the real values every time.
 */
export class StatementShapes {
  readonly #shapes = new Map<string, Shape>();

  compile(
    key: string,
    values: readonly unknown[],
    build: (values: readonly unknown[]) => CompiledQuery,
  ): CompiledQuery {
    const known = this.#shapes.get(key);
    if (known !== undefined) {
      this.#shapes.delete(key);
      this.#shapes.set(key, known);
      return bind(known, values);
    }
    const probe = build(values.map((_, index) => placeholder(index)));
    const slots = probe.parameters.map((parameter) =>
      values.findIndex((_, index) => parameter === placeholder(index)),
    );
    if (slots.some((slot) => slot < 0)) return build(values);
    const shape = { sql: probe.sql, slots };
    this.#shapes.set(key, shape);
    if (this.#shapes.size > MAX_SHAPES) {
      const oldest = this.#shapes.keys().next().value;
      if (oldest !== undefined) this.#shapes.delete(oldest);
    }
    return bind(shape, values);
  }
}

function bind(shape: Shape, values: readonly unknown[]): CompiledQuery {
  return CompiledQuery.raw(
    shape.sql,
    shape.slots.map((slot) => values[slot]),
  );
}
