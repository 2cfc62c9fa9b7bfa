// Server calls the field components make beyond records-api and meta-api: base members for
// User fields, uploads with progress, adding a select option, and a link field's linked
// records in whichever shape the link endpoint answers (docs/links.md).
import { ApiError, api, withQuery } from '../api/http.ts';
import { metaApi } from '../api/meta-api.ts';
import { session } from '../api/session.ts';
import type { AttachmentValue, Field, RecordRow, SelectOption, Table } from '../api/types.ts';
import { paletteColor } from './select-colors.ts';

export interface BaseMember {
  readonly id: string;
  readonly email: string;
  readonly display_name: string | null;
}

const membersByBase = new Map<string, Promise<BaseMember[]>>();

/** The base's members (cached per page load; a failed load is tried again next time). */
export function baseMembers(baseId: string): Promise<BaseMember[]> {
  let found = membersByBase.get(baseId);
  if (!found) {
    found = api<{ users: { list: BaseMember[] } }>('GET', `/api/v2/meta/bases/${baseId}/users`).then(
      (reply) => reply.users.list,
    );
    found.catch(() => membersByBase.delete(baseId));
    membersByBase.set(baseId, found);
  }
  return found;
}

const tablesById = new Map<string, Promise<Table>>();

/** A table with its columns (cached: link pickers and lookups read related tables often). */
export function tableWithColumns(tableId: string): Promise<Table> {
  let found = tablesById.get(tableId);
  if (!found) {
    found = metaApi.getTable(tableId);
    found.catch(() => tablesById.delete(tableId));
    tablesById.set(tableId, found);
  }
  return found;
}

export function forgetTable(tableId: string): void {
  tablesById.delete(tableId);
}

export type UploadProgress = (loaded: number, total: number) => void;

function uploadOnce(form: FormData, url: string, onProgress?: UploadProgress): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('accept', 'application/json');
    const token = session.token();
    if (token) request.setRequestHeader('xc-auth', token);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    };
    request.onload = () => resolve(request);
    request.onerror = () => reject(new ApiError(0, 'The server cannot be reached. Check your connection.'));
    request.send(form);
  });
}

/** Uploads files (multipart, `POST /api/v2/storage/upload`) reporting progress; answers the cell values. */
export async function uploadFiles(
  files: readonly File[],
  baseId: string | undefined,
  onProgress?: UploadProgress,
): Promise<AttachmentValue[]> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  const url = withQuery('/api/v2/storage/upload', { base_id: baseId });
  let request = await uploadOnce(form, url, onProgress);
  if (request.status === 401 && session.token() && (await session.refresh()))
    request = await uploadOnce(form, url, onProgress);
  let body: { msg?: string; message?: string; error?: string; details?: unknown } | AttachmentValue[] | null;
  try {
    body = JSON.parse(request.responseText);
  } catch {
    body = null;
  }
  if (request.status < 200 || request.status >= 300 || !Array.isArray(body)) {
    const error = body && !Array.isArray(body) ? body : {};
    throw new ApiError(
      request.status,
      error.msg ?? error.message ?? `Upload failed (${request.status})`,
      error.error,
      error.details,
    );
  }
  return body;
}

/**
 * Adds an option to a select field, keeping every option it has now (read fresh, so options
 * others added meanwhile stay). Answers the table as the server answered.
 */
export async function addSelectOption(fieldId: string, title: string): Promise<Table> {
  const fresh = await api<Field>('GET', `/api/v2/meta/columns/${fieldId}`);
  const options: SelectOption[] = fresh.colOptions?.options ?? [];
  if (options.some((o) => o.title === title)) return metaApi.getTable(fresh.fk_model_id);
  return metaApi.updateField(fieldId, {
    colOptions: {
      options: [
        ...options.map(({ id, title: t, color, order }) => ({ id, title: t, color, order })),
        { title, color: paletteColor(options.length) },
      ],
    },
  });
}

/** The records a link field holds for one record, whatever shape the endpoint answers. */
export async function linkedRecords(
  tableId: string,
  fieldId: string,
  recordId: number,
  limit = 100,
): Promise<{ list: RecordRow[]; total: number }> {
  const reply = await api<unknown>(
    'GET',
    `/api/v2/tables/${tableId}/links/${fieldId}/records/${recordId}`,
    undefined,
    {
      query: { limit },
    },
  );
  if (reply && typeof reply === 'object') {
    const body = reply as { list?: unknown; pageInfo?: { totalRows?: number }; Id?: unknown };
    if (Array.isArray(body.list)) {
      const list = body.list as RecordRow[];
      return { list, total: body.pageInfo?.totalRows ?? list.length };
    }
    if ('list' in body)
      return body.list ? { list: [body.list as RecordRow], total: 1 } : { list: [], total: 0 };
    if (body.Id !== undefined) return { list: [body as RecordRow], total: 1 };
  }
  return { list: [], total: 0 };
}
