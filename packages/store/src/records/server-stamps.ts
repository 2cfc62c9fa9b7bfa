import type { FieldModel, TableModel } from '@tessera/core';
import type { ChangeContext } from '../audit/audit-log.ts';

/**
 * What the server writes into its own fields: times and the acting user on insert (and the
 * "last modified" ones on every update). The user is the one behind the change (a signed-in
 * user, or the owner of the API token); null for system changes and owner-less tokens.
 */
export function insertStamp(field: FieldModel, now: string, change: ChangeContext): unknown {
  switch (field.uidt) {
    case 'CreatedTime':
    case 'LastModifiedTime':
      return now;
    case 'CreatedBy':
    case 'LastModifiedBy':
      return change.actor.userId;
    default:
      return undefined;
  }
}

/** Fields an update stamps. */
export function updateStampFields(table: TableModel): FieldModel[] {
  return table.fields.filter((f) => f.uidt === 'LastModifiedTime' || f.uidt === 'LastModifiedBy');
}

/** The value an update stamps into one of updateStampFields. */
export function updateStamp(field: FieldModel, now: string, change: ChangeContext): unknown {
  return field.uidt === 'LastModifiedBy' ? change.actor.userId : now;
}
