import type { Selectable } from 'kysely';
import { displayName } from '../accounts/user-directory.ts';
import type { MetaTables } from '../meta/meta-tables.ts';

/** A comment on a record, with its author as the account stands now. */
export interface CommentModel {
  readonly id: string;
  readonly tableId: string;
  readonly baseId: string;
  /** The record's id as decimal text. */
  readonly recordId: string;
  readonly comment: string;
  /** The author's user id. */
  readonly createdBy: string;
  /** The author's e-mail now, or as it was when they wrote it if the account is gone. */
  readonly createdByEmail: string;
  readonly createdByName: string | null;
  readonly isEdited: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Who writes a comment: always a user (API tokens comment as the user they belong to). */
export interface CommentAuthor {
  readonly id: string;
  readonly email: string;
}

/** A comment row joined with its author's account (null columns when the account is gone). */
export type CommentRow = Selectable<MetaTables['tessera_comments']> & {
  readonly author_email: string | null;
  readonly author_firstname: string | null;
  readonly author_lastname: string | null;
};

export function commentFromRow(row: CommentRow): CommentModel {
  return {
    id: row.id,
    tableId: row.table_id,
    baseId: row.base_id,
    recordId: row.record_id,
    comment: row.comment,
    createdBy: row.created_by,
    createdByEmail: row.author_email ?? row.created_by_email,
    createdByName: displayName(row.author_firstname, row.author_lastname),
    isEdited: Number(row.is_edited) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
