import {
  type FieldModel,
  isLinkField,
  type LinkMeta,
  linkMetaOf,
  lookupMetaOf,
  type TableModel,
} from '@tessera/core';
import { type RawBuilder, sql } from 'kysely';
import type { ComputedSchema } from './computed-schema.ts';

type Sql = RawBuilder<unknown>;

/** One step along a link: from a record of `from` to its linked records in `to`. */
export interface Hop {
  readonly link: FieldModel;
  readonly meta: LinkMeta;
  readonly from: TableModel;
  readonly to: TableModel;
  /** The key column, in `from` (holder `self`) or in `to` (holder `related`); unused for junctions. */
  readonly keyColumn: string;
  readonly fromPk: string;
  readonly toPk: string;
}

/** A lookup's way to its values: the links to follow and the field shown at the end. */
export interface LookupPath {
  readonly hops: readonly Hop[];
  readonly target: FieldModel;
  readonly targetTable: TableModel;
}

/** How many links a lookup may chain (lookups of lookups of …). */
const MAX_HOPS = 8;

export function primaryKeyColumn(table: TableModel): string {
  return table.fields.find((f) => f.pk)?.columnName ?? 'id';
}

/** The display field of a table (its primary value, else its primary key). */
export function displayField(table: TableModel): FieldModel | undefined {
  return table.fields.find((f) => f.primaryValue) ?? table.fields.find((f) => f.pk);
}

/** The hop of a link field of `from`, or undefined when the link is incomplete or dangling. */
export function hopOf(schema: ComputedSchema, from: TableModel, linkFieldId: string): Hop | undefined {
  const link = from.fields.find((f) => f.id === linkFieldId);
  const meta = link ? linkMetaOf(link) : undefined;
  const to = meta ? schema.tableById(meta.relatedTableId) : undefined;
  if (!link || !meta || !to) return undefined;
  let keyColumn = '';
  if (meta.holder === 'self') keyColumn = link.columnName;
  if (meta.holder === 'related') {
    const inverse = to.fields.find((f) => f.id === meta.inverseFieldId);
    if (!inverse) return undefined;
    keyColumn = inverse.columnName;
  }
  return { link, meta, from, to, keyColumn, fromPk: primaryKeyColumn(from), toPk: primaryKeyColumn(to) };
}

/**
 * Where a Lookup's values come from. A lookup of a lookup, or of a link field (whose value is
 * the linked record's display value), continues along that field's links.
 */
export function lookupPath(
  schema: ComputedSchema,
  table: TableModel,
  field: FieldModel,
  seen: ReadonlySet<string> = new Set(),
): LookupPath | undefined {
  const meta = lookupMetaOf(field);
  if (!meta || seen.has(field.id) || seen.size >= MAX_HOPS) return undefined;
  const hop = hopOf(schema, table, meta.relationFieldId);
  const target = hop?.to.fields.find((f) => f.id === meta.lookupFieldId);
  if (!hop || !target) return undefined;
  return continuePath(schema, hop, target, new Set([...seen, field.id]));
}

/** The path from a first hop to `target` (a field of the hop's table), following lookups and links. */
export function continuePath(
  schema: ComputedSchema,
  hop: Hop,
  target: FieldModel,
  seen: ReadonlySet<string>,
): LookupPath | undefined {
  if (target.uidt === 'Lookup') {
    const rest = lookupPath(schema, hop.to, target, seen);
    return rest ? { ...rest, hops: [hop, ...rest.hops] } : undefined;
  }
  if (isLinkField(target)) {
    if (seen.has(target.id) || seen.size >= MAX_HOPS) return undefined;
    const next = hopOf(schema, hop.to, target.id);
    const shown = next ? displayField(next.to) : undefined;
    if (!next || !shown) return undefined;
    const rest = continuePath(schema, next, shown, new Set([...seen, target.id]));
    return rest ? { ...rest, hops: [hop, ...rest.hops] } : undefined;
  }
  return { hops: [hop], target, targetTable: hop.to };
}

/** The SQL of the rows a path reaches from one record, and the alias of its last table. */
export interface PathFrom {
  readonly from: Sql;
  /** Ties the first hop to the outer record. */
  readonly correlation: Sql;
  readonly lastAlias: string;
  /** Ordered by each hop's linked record id, so every dialect lists values alike. */
  readonly order: readonly Sql[];
}

const col = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

/**
 * FROM and correlation of the rows reached from the record `outer` (a table name or alias) of
 * the first hop's table. Aliases carry `depth`, so nested subqueries never shadow each other.
 */
export function pathFrom(hops: readonly Hop[], outer: string, depth: number): PathFrom {
  const parts: Sql[] = [];
  const order: Sql[] = [];
  let correlation: Sql = sql`1 = 1`;
  let previous = outer;
  hops.forEach((hop, index) => {
    const alias = `__c${depth}_${index}`;
    const table = sql`${sql.table(hop.to.tableName)} as ${sql.id(alias)}`;
    let on: Sql;
    if (hop.meta.holder === 'junction' && hop.meta.junction) {
      const j = hop.meta.junction;
      const jAlias = `__j${depth}_${index}`;
      const junction = sql`${sql.table(j.table)} as ${sql.id(jAlias)}`;
      const self = sql`${col(jAlias, j.selfColumn)} = ${col(previous, hop.fromPk)}`;
      const reach = sql`${col(alias, hop.toPk)} = ${col(jAlias, j.relatedColumn)}`;
      if (index === 0) {
        parts.push(sql`${junction} join ${table} on ${reach}`);
        correlation = self;
      } else parts.push(sql`join ${junction} on ${self} join ${table} on ${reach}`);
    } else {
      on =
        hop.meta.holder === 'self'
          ? sql`${col(alias, hop.toPk)} = ${col(previous, hop.keyColumn)}`
          : sql`${col(alias, hop.keyColumn)} = ${col(previous, hop.fromPk)}`;
      if (index === 0) {
        parts.push(table);
        correlation = on;
      } else parts.push(sql`join ${table} on ${on}`);
    }
    order.push(col(alias, hop.toPk));
    previous = alias;
  });
  return { from: sql.join(parts, sql` `), correlation, lastAlias: previous, order };
}

/**
 * The ids of the records linked to the record `outer` through one hop, as a subquery,
 * optionally only the first `limit` by id.
 */
export function linkedIdsSql(hop: Hop, outerPk: Sql, depth: number, limit?: number): Sql {
  const alias = `__k${depth}`;
  const tail = limit === undefined ? sql`` : sql` order by 1 limit ${sql.lit(limit)}`;
  if (hop.meta.holder === 'junction' && hop.meta.junction) {
    const j = hop.meta.junction;
    return sql`select ${col(alias, j.relatedColumn)} from ${sql.table(j.table)} as ${sql.id(alias)} where ${col(alias, j.selfColumn)} = ${outerPk}${tail}`;
  }
  if (hop.meta.holder === 'related')
    return sql`select ${col(alias, hop.toPk)} from ${sql.table(hop.to.tableName)} as ${sql.id(alias)} where ${col(alias, hop.keyColumn)} = ${outerPk}${tail}`;
  return sql`select ${col(alias, hop.keyColumn)} from ${sql.table(hop.from.tableName)} as ${sql.id(alias)} where ${col(alias, hop.fromPk)} = ${outerPk} and ${col(alias, hop.keyColumn)} is not null`;
}

/** How many records are linked to the record `outer` through one hop. */
export function linkCountSql(hop: Hop, outer: string, depth: number): Sql {
  const alias = `__k${depth}`;
  const outerPk = col(outer, hop.fromPk);
  if (hop.meta.holder === 'junction' && hop.meta.junction) {
    const j = hop.meta.junction;
    return sql`(select count(*) from ${sql.table(j.table)} as ${sql.id(alias)} where ${col(alias, j.selfColumn)} = ${outerPk})`;
  }
  if (hop.meta.holder === 'related')
    return sql`(select count(*) from ${sql.table(hop.to.tableName)} as ${sql.id(alias)} where ${col(alias, hop.keyColumn)} = ${outerPk})`;
  return sql`(case when ${col(outer, hop.keyColumn)} is null then 0 else 1 end)`;
}
