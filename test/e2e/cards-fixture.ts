// Set-up shared by the kanban, gallery and record panel browser tests: a base with a table
// "Scenes" (Title, Status: Draft / Review / Approved / …, Notes, Photos) made through the API
// with the server's token, records and an uploaded image.
import { deflateSync } from 'node:zlib';
import { callApi } from './support/rest.ts';
import type { UiServer } from './support/ui-server.ts';

export interface Scenes {
  readonly baseId: string;
  readonly tableId: string;
  /** Field id by title. */
  readonly fieldIds: Record<string, string>;
  /** Option id by title of the Status field. */
  readonly statusOptionIds: Record<string, string>;
}

export async function createScenes(server: UiServer, extraStatuses: readonly string[] = []): Promise<Scenes> {
  const base = await callApi(server, 'POST', '/api/v2/meta/bases', { title: 'Studio' });
  const table = await callApi(server, 'POST', `/api/v2/meta/bases/${base.id}/tables`, {
    title: 'Scenes',
    columns: [
      { title: 'Title', uidt: 'SingleLineText', pv: true },
      {
        title: 'Status',
        uidt: 'SingleSelect',
        colOptions: {
          options: ['Draft', 'Review', 'Approved', ...extraStatuses].map((title) => ({ title })),
        },
      },
      { title: 'Notes', uidt: 'LongText' },
      { title: 'Photos', uidt: 'Attachment' },
    ],
  });
  const full = await callApi(server, 'GET', `/api/v2/meta/tables/${table.id}`);
  const columns = full.columns as {
    id: string;
    title: string;
    colOptions?: { options?: { id: string; title: string }[] };
  }[];
  const status = columns.find((c) => c.title === 'Status');
  return {
    baseId: base.id,
    tableId: table.id,
    fieldIds: Object.fromEntries(columns.map((c) => [c.title, c.id])),
    statusOptionIds: Object.fromEntries((status?.colOptions?.options ?? []).map((o) => [o.title, o.id])),
  };
}

export async function createRecords(
  server: UiServer,
  tableId: string,
  rows: Record<string, unknown>[],
): Promise<number[]> {
  const created = await callApi(server, 'POST', `/api/v2/tables/${tableId}/records`, rows);
  return (created as { Id: number }[]).map((r) => r.Id);
}

export async function createView(
  server: UiServer,
  tableId: string,
  kind: 'kanbans' | 'galleries',
  body: Record<string, unknown>,
): Promise<{ id: string; meta: Record<string, unknown> | null; fk_grp_col_id: string | null }> {
  return callApi(server, 'POST', `/api/v2/meta/tables/${tableId}/${kind}`, body);
}

export async function readRecord(
  server: UiServer,
  tableId: string,
  id: number,
): Promise<Record<string, unknown>> {
  return callApi(server, 'GET', `/api/v2/tables/${tableId}/records/${id}`);
}

/** A PNG of `width` × `height` pixels in a diagonal gradient, encoded here. */
export function gradientPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++)
      rows.push(
        59 + Math.round((x / width) * 150),
        110 + Math.round((y / height) * 100),
        245 - Math.round((x / width) * 90),
      );
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Uploads a file through the storage API; answers the attachment value for a cell. */
export async function uploadImage(
  server: UiServer,
  baseId: string,
  name: string,
  bytes: Buffer,
): Promise<unknown[]> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
  const reply = await fetch(`${server.baseUrl}/api/v2/storage/upload?base_id=${baseId}`, {
    method: 'POST',
    headers: { 'xc-token': server.token },
    body: form,
  });
  if (!reply.ok) throw new Error(`upload: ${reply.status} ${await reply.text()}`);
  return (await reply.json()) as unknown[];
}
