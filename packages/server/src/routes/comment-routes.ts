// GET    /api/v2/meta/comments?fk_model_id=&row_id=       a record's comments, oldest first → {list, pageInfo}
// POST   /api/v2/meta/comments {fk_model_id, row_id, comment}   → the comment
// PATCH  /api/v2/meta/comment/:commentId {comment}        → the comment, marked edited
// DELETE /api/v2/meta/comment/:commentId                  → {msg}
// GET    /api/v2/meta/comments/count?fk_model_id=&ids=1,2  → {list: [{row_id, count}]}
// All also under /api/v1/db/meta/…. Reading: base viewers. Writing: base commenters, as a user
// (an API token comments as the user it belongs to). Only the author edits a comment; the
// author or a base owner deletes it.
import { type Actor, actingUserId, type BaseRole, baseRoleAtLeast, TesseraError } from '@tessera/core';
import { type CommentAuthor, type CommentModel, parseRecordId, type TesseraStore } from '@tessera/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { changeOf } from '../auth/auth-plugin.ts';
import { access, callerBaseRole } from '../auth/route-access.ts';
import { pageInfo, parsePaging, rawListQuery } from '../records/list-query.ts';
import { type JsonObject, objectBody } from './request-body.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const tags = ['Comments'];
const both = (path: string) => [`/api/v2/meta${path}`, `/api/v1/db/meta${path}`];

/** The longest comment, in characters (UTF-16 code units, as JavaScript counts them). */
export const MAX_COMMENT_LENGTH = 10_000;
/** Comments a list page holds unless asked (every comment of nearly every record), and at most. */
const COMMENT_PAGING = { defaultLimit: 1000, maxLimit: 1000 } as const;
/** Records one count request may ask about. */
const MAX_COUNTED_RECORDS = 1000;

function badBody(message: string): TesseraError {
  return new TesseraError('ERR_INVALID_REQUEST_BODY', message);
}

function badQuery(name: string, message: string): TesseraError {
  return new TesseraError('ERR_INVALID_QUERY_PARAMETER', `${name} ${message}`, { parameter: name });
}

/** A required text query parameter, given once. */
function queryText(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  if (value === undefined || value === '') throw badQuery(name, 'is required');
  if (typeof value !== 'string') throw badQuery(name, 'must be given once');
  return value;
}

function recordIdParam(value: unknown, name: string): number {
  const id = parseRecordId(value);
  if (id === undefined)
    throw badQuery(name, `must be a record id, a positive integer (got '${String(value)}')`);
  return id;
}

/** `ids=1,2,3`, `ids=1&ids=2` or `ids[]=1&ids[]=2` → distinct record ids. */
function recordIdList(query: Record<string, unknown>): number[] {
  const raw = [query.ids, query['ids[]']].flat().filter((v) => v !== undefined);
  const parts = raw.flatMap((v) => String(v).split(',')).map((part) => part.trim());
  const ids = [...new Set(parts.filter(Boolean).map((part) => recordIdParam(part, 'ids')))];
  if (ids.length > MAX_COUNTED_RECORDS)
    throw badQuery('ids', `may name at most ${MAX_COUNTED_RECORDS} records (got ${ids.length})`);
  return ids;
}

/** The comment text of a body: a string with something besides whitespace, at most MAX_COMMENT_LENGTH. */
function commentText(body: JsonObject): string {
  const value = body.comment;
  if (value === undefined || value === null) throw badBody("'comment' is required");
  if (typeof value !== 'string') throw badBody("'comment' must be a string");
  if (value.trim() === '') throw badBody("'comment' must not be empty");
  if (value.length > MAX_COMMENT_LENGTH)
    throw badBody(`'comment' may have at most ${MAX_COMMENT_LENGTH} characters (got ${value.length})`);
  return value;
}

function bodyTableId(body: JsonObject): string {
  const value = body.fk_model_id;
  if (value === undefined || value === null || value === '') throw badBody("'fk_model_id' is required");
  if (typeof value !== 'string') throw badBody("'fk_model_id' must be a table id (a string)");
  return value;
}

function bodyRecordId(body: JsonObject): number {
  const value = body.row_id;
  if (value === undefined || value === null || value === '') throw badBody("'row_id' is required");
  const id = parseRecordId(value);
  if (id === undefined)
    throw badBody(`'row_id' must be a record id, a positive integer (got ${JSON.stringify(value)})`);
  return id;
}

/** The user a comment is written as: the signed-in user, or the user an API token belongs to. */
function authorOf(actor: Actor): CommentAuthor {
  const id = actingUserId(actor);
  const user = actor.kind === 'user' || actor.kind === 'token' ? actor.user : null;
  if (id === null || user === null)
    throw new TesseraError(
      'ERR_FORBIDDEN',
      'Comments are written by users; this API token belongs to no user. Use a token created by a user.',
    );
  return { id, email: user.email };
}

/** One comment as the API answers it (NocoDB's names; `row_id` as text, as NocoDB has it). */
export function serializeComment(comment: CommentModel) {
  return {
    id: comment.id,
    fk_model_id: comment.tableId,
    base_id: comment.baseId,
    row_id: comment.recordId,
    comment: comment.comment,
    created_by: comment.createdBy,
    created_by_email: comment.createdByEmail,
    created_display_name: comment.createdByName,
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    is_edited: comment.isEdited,
  };
}

/** Throws 403 unless the caller holds at least `needed` on the base. */
async function requireRole(
  store: TesseraStore,
  request: FastifyRequest,
  baseId: string,
  needed: BaseRole,
  what: string,
): Promise<BaseRole> {
  const held = await callerBaseRole(store, request.caller.actor, baseId);
  if (!baseRoleAtLeast(held, needed))
    throw new TesseraError(
      'ERR_FORBIDDEN',
      held === 'no-access'
        ? 'You do not have access to this base'
        : `${what} needs the ${needed} role on the base; you have ${held}`,
    );
  return held;
}

export async function commentRoutes(app: FastifyInstance, { store }: RouteContext): Promise<void> {
  /** The table a request names, once the caller is known to hold `needed` on its base. */
  const tableFor = async (request: FastifyRequest, tableId: string, needed: BaseRole, what: string) => {
    const table = await store.tables.get(tableId);
    await requireRole(store, request, table.baseId, needed, what);
    return table;
  };

  /**
   * The comment a path names, for a caller who may change it: commenters who wrote it, or
   * (`ownersToo`) owners of its base. Callers who cannot see the base are told it does not exist.
   */
  const changeableComment = async (request: FastifyRequest, ownersToo: boolean) => {
    const commentId = (request.params as Params).commentId!;
    const comment = await store.comments.get(commentId);
    const held = await callerBaseRole(store, request.caller.actor, comment.baseId);
    if (!baseRoleAtLeast(held, 'viewer'))
      throw new TesseraError('ERR_COMMENT_NOT_FOUND', `Comment '${commentId}' not found`, { id: commentId });
    if (ownersToo && held === 'owner') return comment;
    const own = actingUserId(request.caller.actor) === comment.createdBy;
    if (!own)
      throw new TesseraError(
        'ERR_FORBIDDEN',
        ownersToo
          ? 'Only its author or an owner of the base may delete a comment'
          : 'Only its author may edit a comment',
      );
    await requireRole(store, request, comment.baseId, 'commenter', 'Changing a comment');
    return comment;
  };

  route(
    app,
    'GET',
    both('/comments'),
    async (request) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const table = await tableFor(request, queryText(query, 'fk_model_id'), 'viewer', 'Reading comments');
      const recordId = recordIdParam(queryText(query, 'row_id'), 'row_id');
      const paging = parsePaging(rawListQuery(query), COMMENT_PAGING);
      const { comments, total } = await store.comments.list(table.id, recordId, paging);
      return { list: comments.map(serializeComment), pageInfo: pageInfo(total, paging) };
    },
    {
      access: access.signedIn,
      schema: { tags, summary: "A record's comments, oldest first (base viewers and up)" },
    },
  );
  route(
    app,
    'GET',
    both('/comments/count'),
    async (request) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const table = await tableFor(request, queryText(query, 'fk_model_id'), 'viewer', 'Reading comments');
      const counts = await store.comments.countByRecord(table.id, recordIdList(query));
      return { list: [...counts].map(([rowId, count]) => ({ row_id: String(rowId), count })) };
    },
    {
      access: access.signedIn,
      schema: { tags, summary: 'How many comments records have (those with none left out)' },
    },
  );
  route(
    app,
    'POST',
    both('/comments'),
    async (request) => {
      const body = objectBody(request.body);
      const table = await tableFor(request, bodyTableId(body), 'commenter', 'Commenting');
      const recordId = bodyRecordId(body);
      const comment = commentText(body);
      const author = authorOf(request.caller.actor);
      const pk = table.fields.filter((field) => field.pk);
      if (!(await store.records.get(table, String(recordId), pk)))
        throw new TesseraError('ERR_RECORD_NOT_FOUND', `Record '${recordId}' not found`, { id: recordId });
      const created = await store.comments.create(
        { tableId: table.id, baseId: table.baseId, recordId, comment, author },
        changeOf(request),
      );
      return serializeComment(created);
    },
    {
      access: access.signedIn,
      schema: { tags, summary: 'Comment on a record (base commenters and up, as a user)' },
    },
  );
  route(
    app,
    'PATCH',
    both('/comment/:commentId'),
    async (request) => {
      const comment = await changeableComment(request, false);
      const text = commentText(objectBody(request.body));
      return serializeComment(await store.comments.update(comment.id, text, changeOf(request)));
    },
    {
      access: access.signedIn,
      schema: { tags, summary: 'Edit a comment (its author only)' },
    },
  );
  route(
    app,
    'DELETE',
    both('/comment/:commentId'),
    async (request) => {
      const comment = await changeableComment(request, true);
      await store.comments.remove(comment.id, changeOf(request));
      return { msg: 'The comment has been deleted' };
    },
    {
      access: access.signedIn,
      schema: { tags, summary: 'Delete a comment (its author, or an owner of the base)' },
    },
  );
}
