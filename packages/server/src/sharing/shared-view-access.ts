import { type AuditActor, type TableModel, TesseraError, type ViewModel } from '@tessera/core';
import type { TesseraStore, ViewShare } from '@tessera/store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ShareThrottle } from './share-throttle.ts';

/** A shared view opened through its link, its password (if any) checked. */
export interface OpenedShare {
  readonly share: ViewShare;
  readonly view: ViewModel;
  readonly table: TableModel;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Opens the shared view the path's `:uuid` names: 404 ERR_SHARED_VIEW_NOT_FOUND when no view
 * is shared under it, 403 ERR_SHARED_VIEW_PASSWORD when its password (header `xc-password`)
 * is missing or wrong, 429 after too many wrong ones.
 */
export async function openSharedView(
  store: TesseraStore,
  throttle: ShareThrottle,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<OpenedShare> {
  const { uuid } = request.params as Record<string, string>;
  const share = uuid === undefined ? undefined : await store.viewShares.byUuid(uuid);
  if (!share) throw new TesseraError('ERR_SHARED_VIEW_NOT_FOUND', 'Shared view not found');
  await throttle.checkPassword(reply, share, headerText(request.headers['xc-password']), request.ip);
  const view = await store.views.get(share.viewId);
  return { share, view, table: await store.tables.get(view.tableId) };
}

/** Who the audit trail and events name for a record sent through a shared form. */
export function sharedViewActor(view: ViewModel): AuditActor {
  return { type: 'shared-view', id: view.id, name: `Shared ${view.type} '${view.title}'`, userId: null };
}
