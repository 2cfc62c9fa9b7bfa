// POST /api/v2/storage/upload      multipart, any file field(s); ?base_id= (or project_id) → [attachment]
// POST /api/v1/db/storage/upload   the same (NocoDB's v1 path)
// POST /api/v3/data/:baseId/:tableId/records/:recordId/fields/:fieldId/upload
//      {contentType, file: base64, filename} → the record {id, fields} with the file appended
// GET  /download/:year/:month/:name   ?exp=&sig= → the file (or thumbnail), for holders of a signed link
// Who may upload: editors of the base named by base_id, or without one any signed-in user or
// read-write token not limited to some bases. Downloads: a valid, unexpired signature.
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { baseRoleAtLeast, isAttachmentKey, type TableModel, TesseraError } from '@tessera/core';
import { appendAudit } from '@tessera/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  type AttachmentItem,
  type AttachmentService,
  attachmentService,
  titleOf,
} from '../attachments/attachment-service.ts';
import { showsInline, typeOfKey } from '../attachments/media-types.ts';
import { UploadInterruptedError } from '../attachments/upload-stager.ts';
import { changeOf } from '../auth/auth-plugin.ts';
import { access, authorize, callerBaseRole } from '../auth/route-access.ts';
import type { RecordService } from '../records/record-service.ts';
import type { Params, RouteContext } from './route-context.ts';

const tags = ['Attachments'];
/** Files one multipart upload may carry, and its other parts (n8n adds a `json` field). */
const MAX_FILES_PER_UPLOAD = 20;
const MAX_FIELDS_PER_UPLOAD = 20;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URL = /^data:[^,]{0,200};base64,/;

const uploadQuery = Type.Object({
  base_id: Type.Optional(Type.String({ description: 'Base the files are for; its editors may upload' })),
  project_id: Type.Optional(Type.String({ description: 'Older name of base_id' })),
  path: Type.Optional(Type.String({ description: "NocoDB's storage folder hint; ignored" })),
  scope: Type.Optional(Type.String({ description: "NocoDB's storage scope hint; ignored" })),
});

const base64Body = Type.Object({
  contentType: Type.Optional(Type.String({ maxLength: 255 })),
  file: Type.String({ description: 'The file, base64-encoded' }),
  filename: Type.Optional(Type.String({ maxLength: 1024 })),
});

const downloadQuery = Type.Object({
  exp: Type.Optional(Type.String({ maxLength: 20 })),
  sig: Type.Optional(Type.String({ maxLength: 100 })),
});

function badRequest(message: string): TesseraError {
  return new TesseraError('ERR_INVALID_REQUEST_BODY', message);
}

/** Errors of the multipart parser and of broken uploads → 4xx; anything else passes. */
function uploadError(error: unknown, maxBytes: number): unknown {
  if (error instanceof TesseraError) return error;
  if (error instanceof UploadInterruptedError)
    return badRequest(`${error.message}; send the whole file again`);
  const status = (error as { statusCode?: unknown }).statusCode;
  const code = String((error as { code?: unknown }).code ?? '');
  // The parser stopped a file at its size limit (one byte past ours) before we counted it.
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    const filename = (error as { part?: { filename?: string } }).part?.filename;
    return new TesseraError(
      'ERR_PAYLOAD_TOO_LARGE',
      `File '${titleOf(filename)}' is larger than ${maxBytes} bytes, the most one attachment may have`,
      { maxBytes },
    );
  }
  if (
    status === 413 ||
    code === 'FST_FILES_LIMIT' ||
    code === 'FST_PARTS_LIMIT' ||
    code === 'FST_FIELDS_LIMIT'
  )
    return new TesseraError(
      'ERR_PAYLOAD_TOO_LARGE',
      `An upload may carry at most ${MAX_FILES_PER_UPLOAD} files and ${MAX_FIELDS_PER_UPLOAD} other fields`,
    );
  if (typeof status === 'number' && status >= 400 && status < 500)
    return badRequest(`The multipart body is malformed: ${(error as Error).message}`);
  return error;
}

/** Editors of the base named in the query; without a base, callers who may create things outside bases. */
async function checkUploader(context: RouteContext, request: FastifyRequest): Promise<string | null> {
  const query = request.query as { base_id?: string; project_id?: string };
  const baseId = query.base_id || query.project_id;
  if (!baseId) {
    await authorize(context.store, request, request.caller, access.signedInWriter);
    return null;
  }
  const base = await context.store.bases.get(baseId);
  const role = await callerBaseRole(context.store, request.caller.actor, base.id);
  if (!baseRoleAtLeast(role, 'editor'))
    throw new TesseraError(
      'ERR_FORBIDDEN',
      role === 'no-access'
        ? 'You do not have access to this base'
        : `Uploading needs the editor role on the base; you have ${role}`,
    );
  return base.id;
}

async function auditUploads(
  context: RouteContext,
  request: FastifyRequest,
  baseId: string | null,
  items: readonly AttachmentItem[],
  target: { tableId?: string; recordId?: string } = {},
) {
  const files = items.map(({ path, title, mimetype, size }) => ({ path, title, mimetype, size }));
  await appendAudit(context.store.context.db, changeOf(request), [
    {
      action: 'attachment.upload',
      baseId,
      tableId: target.tableId ?? null,
      recordId: target.recordId ?? null,
      details: { files },
    },
  ]);
}

/** The decoded bytes of a base64 body (a `data:` URL prefix is allowed). */
function decodeBase64(text: string, maxBytes: number): Buffer {
  const bare = text.replace(DATA_URL, '').replace(/\s+/g, '');
  if (!BASE64.test(bare) || bare.length % 4 === 1) throw badRequest("'file' must be base64-encoded");
  if (Math.floor((bare.length * 3) / 4) - (bare.match(/=+$/)?.[0].length ?? 0) > maxBytes)
    throw new TesseraError(
      'ERR_PAYLOAD_TOO_LARGE',
      `The file is larger than ${maxBytes} bytes, the most one attachment may have`,
      { maxBytes },
    );
  return Buffer.from(bare, 'base64');
}

function v3Record(table: TableModel, record: Record<string, unknown>) {
  const pk = table.fields.find((f) => f.pk)?.title ?? 'Id';
  const { [pk]: id, ...fields } = record;
  return { id, fields };
}

export async function storageRoutes(
  app: FastifyInstance,
  context: RouteContext & { records: RecordService; attachments?: AttachmentService },
): Promise<void> {
  const service = context.attachments ?? attachmentService(context.config);
  const { records } = context;
  await app.register(multipart, {
    limits: {
      // One byte over the limit, so a file at the limit passes and a larger one is caught.
      fileSize: service.limits.maxBytes + 1,
      files: MAX_FILES_PER_UPLOAD,
      fields: MAX_FIELDS_PER_UPLOAD,
      fieldSize: 1024 * 1024,
      parts: MAX_FILES_PER_UPLOAD + MAX_FIELDS_PER_UPLOAD,
      headerPairs: 100,
    },
  });

  const upload = async (request: FastifyRequest) => {
    const baseId = await checkUploader(context, request);
    if (!request.isMultipart())
      throw badRequest('Send the files as multipart/form-data (for example in a field named "file")');
    const received: AttachmentItem[] = [];
    try {
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        received.push(await service.receive(part.file, { filename: part.filename, mimetype: part.mimetype }));
      }
      if (received.length === 0) throw badRequest('The upload holds no file');
      await auditUploads(context, request, baseId, received);
    } catch (error) {
      await service.discard(received);
      throw uploadError(error, service.limits.maxBytes);
    }
    return received.map(service.view);
  };
  for (const url of ['/api/v2/storage/upload', '/api/v1/db/storage/upload'])
    app.route({
      method: 'POST',
      url,
      config: { access: access.signedIn },
      schema: { tags, summary: 'Upload files (multipart) for attachment cells', querystring: uploadQuery },
      handler: upload,
    });

  app.route({
    method: 'POST',
    url: '/api/v3/data/:baseId/:tableId/records/:recordId/fields/:fieldId/upload',
    config: { access: access.base('editor') },
    // Base64 grows a file by a third; the rest of the body is small.
    bodyLimit: Math.ceil((service.limits.maxBytes * 4) / 3) + 64 * 1024,
    schema: { tags, summary: 'Upload a base64 file into a record’s attachment field (v3)', body: base64Body },
    handler: async (request) => {
      const { baseId, tableId, recordId, fieldId } = request.params as Params;
      const table = await records.table(tableId as string);
      const field = table.fields.find((f) => f.id === fieldId);
      if (table.baseId !== baseId)
        throw new TesseraError('ERR_TABLE_NOT_FOUND', `Table '${tableId}' not found in base '${baseId}'`);
      if (field?.uidt !== 'Attachment')
        throw badRequest(`Field '${fieldId}' is not an attachment field of table '${table.title}'`);
      // The cell as it is now (404 for a record that does not exist), before storing anything.
      const { record } = await records.read(table.id, recordId as string, { fields: field.id }, 'v2');
      const body = request.body as { contentType?: string; file: string; filename?: string };
      const data = decodeBase64(body.file, service.limits.maxBytes);
      const item = await service.receive(Readable.from([data]), {
        filename: body.filename,
        mimetype: body.contentType,
      });
      try {
        const current = record[field.title];
        const cell = [...(Array.isArray(current) ? current : []), item];
        const pk = records.primaryKeyTitle(table);
        const { ids } = await records.update(
          table.id,
          [{ [pk]: recordId, [field.id]: cell }],
          false,
          changeOf(request),
        );
        await auditUploads(context, request, table.baseId, [item], {
          tableId: table.id,
          recordId: String(ids[0]),
        });
        const [updated] = await records.readMany(table, ids, 'v3');
        return v3Record(table, updated ?? {});
      } catch (error) {
        await service.discard([item]);
        throw error;
      }
    },
  });

  app.route({
    method: 'GET',
    // Storage keys are `YYYY/MM/<name>` (see core's attachment-paths.ts).
    url: '/download/:year/:month/:name',
    config: { access: access.public },
    schema: { tags, summary: 'Download a file through a signed link', querystring: downloadQuery },
    handler: async (request, reply) => {
      const { year, month, name: file } = request.params as Params;
      const key = `${year}/${month}/${file}`;
      const { exp, sig } = request.query as { exp?: string; sig?: string };
      const check = isAttachmentKey(key) ? service.links.check(key, exp, sig) : 'invalid';
      if (check !== 'valid')
        throw new TesseraError(
          'ERR_DOWNLOAD_LINK_INVALID',
          check === 'expired'
            ? 'This download link has expired; read the record again for a fresh one'
            : 'This download link is not valid',
        );
      const stored = await service.storage.get(key);
      if (!stored)
        throw new TesseraError('ERR_FILE_NOT_FOUND', 'The file of this download link no longer exists');
      const type = typeOfKey(key);
      const inline = showsInline(type);
      const secondsLeft = Math.max(0, Number(exp) - Math.floor(Date.now() / 1000));
      reply
        .header('content-type', type)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${file}"`)
        .header('cache-control', `private, max-age=${Math.min(secondsLeft, 3600)}`);
      // Files a browser would run (HTML, SVG…) are downloaded, never shown on our origin.
      if (!inline) reply.header('content-security-policy', "default-src 'none'; sandbox");
      if (stored.size !== null) reply.header('content-length', String(stored.size));
      return reply.send(stored.body);
    },
  });
}
