import { getFieldType } from '../fields/field-registry.ts';
import {
  type RelationType,
  type RollupFunction,
  relationTypes,
  rollupFunctions,
} from '../fields/shared/link-kinds.ts';
import type { FieldModel } from './schema-model.ts';

export { type RelationType, type RollupFunction, relationTypes, rollupFunctions };

/**
 * Links between tables, and the Lookup and Rollup fields computed over them, keep their
 * configuration in the field's `meta` under these keys (NocoDB's names where it has one).
 */

/** Where a link is kept: a key column in this table, one in the related table, or a junction table. */
export type LinkHolder = 'self' | 'related' | 'junction';

export interface LinkMeta {
  readonly relationType: RelationType;
  readonly relatedTableId: string;
  /** The field on the related table that shows the same link from the other side. */
  readonly inverseFieldId: string;
  readonly holder: LinkHolder;
  /** Many linked records (has-many, many-to-many) or at most one (belongs-to, one-to-one). */
  readonly many: boolean;
  /** Many-to-many: the junction table and its two key columns. */
  readonly junction?: {
    readonly table: string;
    readonly selfColumn: string;
    readonly relatedColumn: string;
  };
}

export interface LookupMeta {
  /** The link field (of the same table) whose linked records are looked at. */
  readonly relationFieldId: string;
  /** The field of the related table whose values are shown. */
  readonly lookupFieldId: string;
}

export interface RollupMeta {
  readonly relationFieldId: string;
  readonly rollupFieldId: string;
  readonly fn: RollupFunction;
  /** Only linked records matching this `where` filter (NocoDB syntax, over the related table) count. */
  readonly where: string | null;
}

/** Meta keys of a link field. */
export const linkMetaKeys = {
  relationType: 'relation_type',
  relatedTableId: 'related_table_id',
  inverseFieldId: 'inverse_field_id',
  holder: 'link_holder',
  junctionTable: 'junction_table',
  junctionSelfColumn: 'junction_self_column',
  junctionRelatedColumn: 'junction_related_column',
} as const;

export function isLinkField(field: Pick<FieldModel, 'uidt'>): boolean {
  return field.uidt === 'Links' || field.uidt === 'LinkToAnotherRecord';
}

const text = (meta: Readonly<Record<string, unknown>>, key: string): string | undefined => {
  const value = meta[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The link configuration of a link field; undefined for other fields or incomplete meta. */
export function linkMetaOf(field: Pick<FieldModel, 'uidt' | 'meta'>): LinkMeta | undefined {
  if (!isLinkField(field)) return undefined;
  const { meta } = field;
  const relationType = text(meta, linkMetaKeys.relationType) as RelationType | undefined;
  const relatedTableId = text(meta, linkMetaKeys.relatedTableId);
  const inverseFieldId = text(meta, linkMetaKeys.inverseFieldId);
  const holder = text(meta, linkMetaKeys.holder) as LinkHolder | undefined;
  if (!relationType || !relationTypes.includes(relationType) || !relatedTableId || !inverseFieldId) return;
  if (holder !== 'self' && holder !== 'related' && holder !== 'junction') return undefined;
  const many = relationType === 'hm' || relationType === 'mm';
  if (holder !== 'junction') return { relationType, relatedTableId, inverseFieldId, holder, many };
  const table = text(meta, linkMetaKeys.junctionTable);
  const selfColumn = text(meta, linkMetaKeys.junctionSelfColumn);
  const relatedColumn = text(meta, linkMetaKeys.junctionRelatedColumn);
  if (!table || !selfColumn || !relatedColumn) return undefined;
  return {
    relationType,
    relatedTableId,
    inverseFieldId,
    holder,
    many,
    junction: { table, selfColumn, relatedColumn },
  };
}

export function lookupMetaOf(field: Pick<FieldModel, 'uidt' | 'meta'>): LookupMeta | undefined {
  if (field.uidt !== 'Lookup') return undefined;
  const relationFieldId = text(field.meta, 'fk_relation_column_id');
  const lookupFieldId = text(field.meta, 'fk_lookup_column_id');
  return relationFieldId && lookupFieldId ? { relationFieldId, lookupFieldId } : undefined;
}

export function rollupMetaOf(field: Pick<FieldModel, 'uidt' | 'meta'>): RollupMeta | undefined {
  if (field.uidt !== 'Rollup') return undefined;
  const relationFieldId = text(field.meta, 'fk_relation_column_id');
  const rollupFieldId = text(field.meta, 'fk_rollup_column_id');
  const fn = text(field.meta, 'rollup_function') as RollupFunction | undefined;
  if (!relationFieldId || !rollupFieldId || !fn || !rollupFunctions.includes(fn)) return undefined;
  return { relationFieldId, rollupFieldId, fn, where: text(field.meta, 'where') ?? null };
}

/**
 * The field has a column in its table: every stored type, and the link fields that keep the
 * link's key column (belongs-to, and the key side of one-to-one) under their own column name.
 */
export function storesColumn(field: Pick<FieldModel, 'uidt' | 'meta'>): boolean {
  if (!getFieldType(field.uidt).virtual) return true;
  return linkMetaOf(field)?.holder === 'self';
}

/** The field ids a field is computed from in other fields' meta (links, lookups, rollups). */
export function computedDependencies(field: Pick<FieldModel, 'uidt' | 'meta'>): string[] {
  const lookup = lookupMetaOf(field);
  if (lookup) return [lookup.relationFieldId, lookup.lookupFieldId];
  const rollup = rollupMetaOf(field);
  if (rollup) return [rollup.relationFieldId, rollup.rollupFieldId];
  return [];
}
