import type {
  BoundFilterCondition,
  BoundFilterExpression,
  BoundFilterNode,
  FilterCompareOp,
  FilterField,
  FilterJoiner,
  FilterRangeBound,
  FilterTest,
} from '@tessera/core';
import { type RawBuilder, sql } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';

type Sql = RawBuilder<unknown>;
type Condition = RawBuilder<boolean>;

const comparisonSql: Readonly<Record<FilterCompareOp, string>> = {
  eq: '=',
  neq: '<>',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

/** How a term after the first attaches: `not` is AND NOT. */
const joinerSql: Readonly<Record<FilterJoiner, RawBuilder<unknown>>> = {
  and: sql`and`,
  or: sql`or`,
  not: sql`and not`,
};

/** What a filtered field is in SQL. */
export interface FilterTarget {
  /** The field's value: its column, or an expression (a computed field's subquery). */
  readonly value: RawBuilder<unknown>;
  /**
   * For fields holding several values per record (lookups, a link's display value): the
   * condition that some value passes `test`. Then a test holds when some value passes it, a
   * negated test (neq, nlike, not in, …) when none passes its positive form, and a record
   * with no values counts as empty (null, blank).
   */
  readonly any?: (test: (value: RawBuilder<unknown>) => RawBuilder<boolean>) => RawBuilder<boolean>;
}

/** The SQL of each field a filter names; by default its column in the statement's table. */
export type FilterTargets = (field: FilterField) => FilterTarget;

const columnTarget: FilterTargets = (field) => ({ value: sql.id(field.columnName) });

/**
 * Bound filter → SQL condition over a table whose columns are the fields' `columnName`s, or
 * whatever `targets` says a field is (computed fields: packages/store/src/computed/).
 * Identifiers go through `sql.id`, every operand is a parameter encoded by the adapter; the
 * only literal SQL comes from this file and the adapter. Each term is its own parenthesised
 * clause chained with AND / OR / AND NOT, so AND binds tighter than OR (NocoDB's rule).
 * Every condition is two-valued (never SQL NULL), so NOT is an exact complement.
 */
export function compileFilter(
  bound: BoundFilterExpression,
  adapter: DialectAdapter,
  targets: FilterTargets = columnTarget,
): RawBuilder<boolean> {
  return compileExpression(bound, adapter, targets);
}

function compileExpression(
  expression: BoundFilterExpression,
  adapter: DialectAdapter,
  targets: FilterTargets,
): Condition {
  const parts = expression.terms.map((term, index) => {
    const clause = compileNode(term.node, adapter, targets);
    if (index === 0) return term.joiner === 'not' ? sql`not ${clause}` : clause;
    return sql`${joinerSql[term.joiner]} ${clause}`;
  });
  return sql<boolean>`(${sql.join(parts, sql` `)})`;
}

function compileNode(node: BoundFilterNode, adapter: DialectAdapter, targets: FilterTargets): Condition {
  return node.kind === 'group'
    ? compileExpression(node.expression, adapter, targets)
    : compileCondition(node, adapter, targets);
}

function compileCondition(
  condition: BoundFilterCondition,
  adapter: DialectAdapter,
  targets: FilterTargets,
): Condition {
  const { field, test } = condition;
  const target = targets(field);
  if (target.any) return compileAnyTest(test, field, target.any, adapter);
  return compileTest(test, field, target.value, adapter);
}

/** The test with its negation dropped, and whether it was negated. */
function positiveOf(test: FilterTest): { positive: FilterTest; negated: boolean } {
  if (test.type === 'compare')
    return test.op === 'neq'
      ? { positive: { ...test, op: 'eq' }, negated: true }
      : { positive: test, negated: false };
  return { positive: { ...test, negated: false }, negated: test.negated };
}

/** A test over a field with several values per record (see FilterTarget.any). */
function compileAnyTest(
  test: FilterTest,
  field: FilterField,
  any: NonNullable<FilterTarget['any']>,
  adapter: DialectAdapter,
): Condition {
  // Empty means: no value that is not empty.
  if (test.type === 'null' || test.type === 'blank') {
    const present = any((value) => compileTest({ ...test, negated: true }, field, value, adapter));
    return test.negated ? present : sql<boolean>`(not ${present})`;
  }
  const { positive, negated } = positiveOf(test);
  const some = any((value) => compileTest(positive, field, value, adapter));
  return negated ? sql<boolean>`(not ${some})` : some;
}

/** `positive` holds and the column is not NULL; negated: the column is NULL or `positive` fails. */
function guarded(column: Sql, positive: Condition, negated: boolean): Condition {
  return negated
    ? sql<boolean>`(${column} is null or not ${positive})`
    : sql<boolean>`(${column} is not null and ${positive})`;
}

function compileTest(test: FilterTest, field: FilterField, column: Sql, adapter: DialectAdapter): Condition {
  const value = (canonical: unknown): Sql => parameter(canonical, field, adapter);
  const equals = (canonical: unknown): Condition =>
    field.storage === 'json'
      ? adapter.jsonEquals(column, canonical)
      : sql<boolean>`(${column} = ${value(canonical)})`;
  switch (test.type) {
    case 'null':
      return test.negated ? sql<boolean>`(${column} is not null)` : sql<boolean>`(${column} is null)`;
    case 'compare': {
      if (test.op === 'eq' || test.op === 'neq')
        return guarded(column, equals(test.value), test.op === 'neq');
      return guarded(
        column,
        sql<boolean>`(${column} ${sql.raw(comparisonSql[test.op])} ${value(test.value)})`,
        false,
      );
    }
    case 'range': {
      const bounds = [bound(column, test.low, '>', value), bound(column, test.high, '<', value)].filter(
        (part): part is Condition => part !== null,
      );
      const inside =
        bounds.length === 0 ? sql<boolean>`(1 = 1)` : sql<boolean>`(${sql.join(bounds, sql` and `)})`;
      return guarded(column, inside, test.negated);
    }
    case 'in':
      return guarded(
        column,
        sql<boolean>`(${column} in (${sql.join(test.values.map(value))}))`,
        test.negated,
      );
    case 'like': {
      const text = field.storage === 'text' ? column : adapter.castToText(column);
      return guarded(column, adapter.likeInsensitive(text, test.pattern), test.negated);
    }
    case 'blank': {
      const empty =
        test.emptyValues.length === 0
          ? sql<boolean>`(1 = 0)`
          : sql<boolean>`(${sql.join(test.emptyValues.map(equals), sql` or `)})`;
      return test.negated
        ? sql<boolean>`(${column} is not null and not ${empty})`
        : sql<boolean>`(${column} is null or ${empty})`;
    }
    case 'options': {
      const haystack = sql`(',' || ${column} || ',')`;
      const checks = test.options.map((option) => adapter.containsText(haystack, `,${option},`));
      const joined = sql<boolean>`(${sql.join(checks, test.mode === 'all' ? sql` and ` : sql` or `)})`;
      return guarded(column, joined, test.negated);
    }
  }
}

function bound(
  column: Sql,
  limit: FilterRangeBound | null,
  direction: '>' | '<',
  value: (canonical: unknown) => Sql,
): Condition | null {
  if (limit === null) return null;
  const op = limit.inclusive ? `${direction}=` : direction;
  return sql<boolean>`${column} ${sql.raw(op)} ${value(limit.value)}`;
}

/**
 * A canonical operand as a parameter. A fractional (or unsafe) number compared with an
 * integer column is cast to the real column type, so the database compares numerically
 * instead of failing to read `1.5` as an integer.
 */
function parameter(canonical: unknown, field: FilterField, adapter: DialectAdapter): Sql {
  const encoded = sql.val(adapter.encodeValue(field.storage, canonical));
  if (field.storage === 'integer' && typeof canonical === 'number' && !Number.isSafeInteger(canonical)) {
    return sql`cast(${encoded} as ${sql.raw(adapter.columnType('real'))})`;
  }
  return encoded;
}
