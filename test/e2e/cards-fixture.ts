// Set-up shared by the kanban, gallery and record panel browser tests: a base with a table
// "Scenes" (Title, Status: Draft / Review / Approved / …, Notes, Photos) made through the API
// with the server's token, records, an uploaded image, and a browser signed in as the
// instance's first user (its owner).
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { signUpInBrowser } from './support/browser-session.ts';
import type { UiServer } from './support/ui-server.ts';

export interface Scenes {
  readonly baseId: string;
  readonly tableId: string;
  /** Field id by title. */
  readonly fieldIds: Record<string, string>;
  /** Option id by title of the Status field. */
  readonly statusOptionIds: Record<string, string>;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
async function ok(reply: Promise<{ status: number; body: any }>, what: string) {
  const answer = await reply;
  if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function createScenes(server: UiServer, extraStatuses: readonly string[] = []): Promise<Scenes> {
  const base = await ok(server.request('POST', '/api/v2/meta/bases', { title: 'Studio' }), 'create base');
  const table = await ok(
    server.request('POST', `/api/v2/meta/bases/${base.id}/tables`, {
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
    }),
    'create table',
  );
  const full = await ok(server.request('GET', `/api/v2/meta/tables/${table.id}`), 'read table');
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
  const created = await ok(
    server.request('POST', `/api/v2/tables/${tableId}/records`, rows),
    'create records',
  );
  return (created as { Id: number }[]).map((r) => r.Id);
}

export async function createView(
  server: UiServer,
  tableId: string,
  kind: 'kanbans' | 'galleries',
  body: Record<string, unknown>,
): Promise<{ id: string; meta: Record<string, unknown> | null; fk_grp_col_id: string | null }> {
  return ok(server.request('POST', `/api/v2/meta/tables/${tableId}/${kind}`, body), `create ${kind}`);
}

export async function readRecord(
  server: UiServer,
  tableId: string,
  id: number,
): Promise<Record<string, unknown>> {
  return ok(server.request('GET', `/api/v2/tables/${tableId}/records/${id}`), 'read record');
}

/** Polls until `check` answers something other than undefined (REST state after a UI action). */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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

/**
 * A browser signed in as a new user (the first to sign up owns the instance). It opens the
 * app at `localhost`, the host of the server's default PUBLIC_URL, so the absolute download
 * links of attachments are of the page's own origin (the page's CSP allows only that).
 */
export async function signedInBrowser(
  server: UiServer,
  email = 'owner@example.com',
): Promise<{ browser: TestBrowser; page: Page; token: string }> {
  const browser = await launchBrowser(server.baseUrl.replace('//127.0.0.1:', '//localhost:'));
  const user = await signUpInBrowser(browser.context, email);
  const page = await browser.newPage();
  return { browser, page, token: user.token };
}
