import { newId, TesseraError } from '@tessera/core';
import { type AuditEntry, appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { nowText } from '../meta/meta-rows.ts';
import type { Executor, StoreContext } from '../store-context.ts';
import { type CommentAuthor, type CommentModel, commentFromRow } from './comment-model.ts';

export type { CommentAuthor, CommentModel } from './comment-model.ts';

/** A comment about to be written on a record of a table. */
export interface NewComment {
  readonly tableId: string;
  readonly baseId: string;
  readonly recordId: number;
  readonly comment: string;
  readonly author: CommentAuthor;
}

/**
 * Comments on records, oldest first. Every write is audited in its transaction
 * (`comment.insert`, `comment.update`, `comment.delete`) against the record it is about, so
 * a record's history shows its comments among its field changes.
 */
export interface CommentStore {
  /** One page of a record's comments, oldest first, and how many it has in all. */
  list(
    tableId: string,
    recordId: number,
    page: { readonly limit: number; readonly offset: number },
  ): Promise<{ comments: CommentModel[]; total: number }>;
  /** The comment, or 404 ERR_COMMENT_NOT_FOUND. */
  get(id: string): Promise<CommentModel>;
  /** How many comments each of these records of the table has (records without any left out). */
  countByRecord(tableId: string, recordIds: readonly number[]): Promise<Map<number, number>>;
  create(spec: NewComment, change: ChangeContext): Promise<CommentModel>;
  /** Replaces the text and marks the comment edited. */
  update(id: string, comment: string, change: ChangeContext): Promise<CommentModel>;
  remove(id: string, change: ChangeContext): Promise<void>;
}

function commentNotFound(id: string): TesseraError {
  return new TesseraError('ERR_COMMENT_NOT_FOUND', `Comment '${id}' not found`, { id });
}

/** Comments with their authors' names, for any executor (reads after a write see the write). */
function selectComments(executor: Executor) {
  return executor
    .selectFrom('tessera_comments')
    .leftJoin('tessera_users', 'tessera_users.id', 'tessera_comments.created_by')
    .select([
      'tessera_comments.seq',
      'tessera_comments.id',
      'tessera_comments.table_id',
      'tessera_comments.base_id',
      'tessera_comments.record_id',
      'tessera_comments.comment',
      'tessera_comments.created_by',
      'tessera_comments.created_by_email',
      'tessera_comments.is_edited',
      'tessera_comments.created_at',
      'tessera_comments.updated_at',
      'tessera_users.email as author_email',
      'tessera_users.firstname as author_firstname',
      'tessera_users.lastname as author_lastname',
    ]);
}

async function commentIn(executor: Executor, id: string): Promise<CommentModel> {
  const row = await selectComments(executor).where('tessera_comments.id', '=', id).executeTakeFirst();
  if (!row) throw commentNotFound(id);
  return commentFromRow(row);
}

function auditEntry(comment: CommentModel, action: string, details: unknown): AuditEntry {
  return {
    action,
    baseId: comment.baseId,
    tableId: comment.tableId,
    recordId: comment.recordId,
    targetId: comment.id,
    details,
  };
}

export function commentStore({ db }: StoreContext): CommentStore {
  return {
    async list(tableId, recordId, page) {
      const [rows, count] = await Promise.all([
        selectComments(db)
          .where('tessera_comments.table_id', '=', tableId)
          .where('tessera_comments.record_id', '=', String(recordId))
          .orderBy('tessera_comments.seq')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        db
          .selectFrom('tessera_comments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('table_id', '=', tableId)
          .where('record_id', '=', String(recordId))
          .executeTakeFirst(),
      ]);
      return { comments: rows.map(commentFromRow), total: Number(count?.n ?? 0) };
    },

    get: (id) => commentIn(db, id),

    async countByRecord(tableId, recordIds) {
      const counts = new Map<number, number>();
      if (recordIds.length === 0) return counts;
      const rows = await db
        .selectFrom('tessera_comments')
        .select(['record_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('table_id', '=', tableId)
        .where('record_id', 'in', recordIds.map(String))
        .groupBy('record_id')
        .execute();
      for (const row of rows) counts.set(Number(row.record_id), Number(row.n));
      return counts;
    },

    async create(spec, change) {
      const id = newId('cm');
      const now = nowText();
      return db.transaction().execute(async (trx) => {
        await trx
          .insertInto('tessera_comments')
          .values({
            id,
            table_id: spec.tableId,
            base_id: spec.baseId,
            record_id: String(spec.recordId),
            comment: spec.comment,
            created_by: spec.author.id,
            created_by_email: spec.author.email,
            is_edited: 0,
            created_at: now,
            updated_at: now,
          })
          .execute();
        const created = await commentIn(trx, id);
        await appendAudit(trx, change, [
          auditEntry(created, 'comment.insert', { after: { comment: created.comment } }),
        ]);
        return created;
      });
    },

    async update(id, comment, change) {
      return db.transaction().execute(async (trx) => {
        const before = await commentIn(trx, id);
        await trx
          .updateTable('tessera_comments')
          .set({ comment, is_edited: 1, updated_at: nowText() })
          .where('id', '=', id)
          .execute();
        const after = await commentIn(trx, id);
        await appendAudit(trx, change, [
          auditEntry(after, 'comment.update', {
            before: { comment: before.comment },
            after: { comment: after.comment },
          }),
        ]);
        return after;
      });
    },

    async remove(id, change) {
      await db.transaction().execute(async (trx) => {
        const before = await commentIn(trx, id);
        const deleted = await trx.deleteFrom('tessera_comments').where('id', '=', id).executeTakeFirst();
        if (Number(deleted.numDeletedRows) !== 1) throw commentNotFound(id);
        await appendAudit(trx, change, [
          auditEntry(before, 'comment.delete', { before: { comment: before.comment } }),
        ]);
      });
    },
  };
}
