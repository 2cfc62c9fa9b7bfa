import { bindFilter, combineFilters, TesseraError } from '@tessera/core';
import { type RawBuilder, sql } from 'kysely';
import { compileFilter } from '../query/filter-compiler.ts';
import type { RowRef, SqlScope } from './field-sql.ts';
import { fieldFilter } from './filter-targets.ts';

/**
 * A Rollup's `where` (NocoDB filter syntax over the related table's fields) as a condition on
 * the linked row `row`. Checked when the field is saved; should a later schema change break
 * it, no linked row counts rather than the read failing.
 */
export function rollupWhereSql(scope: SqlScope, row: RowRef, where: string): RawBuilder<boolean> {
  try {
    const expression = combineFilters(where);
    if (!expression) return sql<boolean>`(1 = 1)`;
    const filter = fieldFilter(scope, row);
    const bound = bindFilter(expression, { resolve: filter.resolve, now: new Date() });
    return compileFilter(bound, scope.dialect, filter.targets);
  } catch (error) {
    if (error instanceof TesseraError) return sql<boolean>`(1 = 0)`;
    throw error;
  }
}
