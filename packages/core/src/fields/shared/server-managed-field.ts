import type { FieldTypeName, FilterKind, StorageKind } from '../field-kinds.ts';
import type { FieldType } from '../field-type.ts';
import { dateTimeToApi } from './date-time.ts';
import { dateTimeMetaRules } from './date-time-meta.ts';
import { createMetaNormaliser, deepFreeze, type MetaRule } from './meta.ts';
import { invalid } from './values.ts';

export interface ServerManagedFieldSpec {
  readonly name: FieldTypeName;
  readonly storage: StorageKind;
  readonly filterKind: FilterKind;
  readonly defaultMeta?: Record<string, unknown>;
  readonly metaRules?: Readonly<Record<string, MetaRule>>;
  readonly toApiValue: FieldType['toApiValue'];
}

/** A type whose values only the server writes (ID, CreatedTime, LastModifiedTime): parseInput always throws. */
export function createServerManagedField(spec: ServerManagedFieldSpec): FieldType {
  const defaultMeta = deepFreeze(spec.defaultMeta ?? {});
  return {
    name: spec.name,
    storage: spec.storage,
    filterKind: spec.filterKind,
    serverManaged: true,
    defaultMeta,
    normaliseMeta: createMetaNormaliser(defaultMeta, spec.metaRules),
    parseInput() {
      return invalid(`${spec.name} values are set by the server and cannot be written`);
    },
    toApiValue: spec.toApiValue,
  };
}

/** CreatedTime / LastModifiedTime: a server-kept UTC timestamp rendered like DateTime. */
export function createServerTimestampField(name: 'CreatedTime' | 'LastModifiedTime'): FieldType {
  return createServerManagedField({
    name,
    storage: 'datetime',
    filterKind: 'datetime',
    metaRules: dateTimeMetaRules,
    toApiValue: (canonical) => dateTimeToApi(canonical, name),
  });
}
