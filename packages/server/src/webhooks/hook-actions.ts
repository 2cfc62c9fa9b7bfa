import { randomUUID } from 'node:crypto';
import { TesseraError } from '@tessera/core';
import {
  type ChangeContext,
  checkNotification,
  type DeliveryModel,
  type DeliveryStatus,
  type HookOperation,
  type TesseraStore,
} from '@tessera/store';
import type { WebhookConfig } from '../config/webhook-config.ts';
import type { RecordService } from '../records/record-service.ts';
import { deliveryRequest } from './delivery-request.ts';
import { buildEnvelope, envelopeType, sampleEnvelope, withEnvelopeId } from './payload-builder.ts';
import { checkLiteralTarget, type PrivateTargets, TargetRefusedError } from './ssrf-guard.ts';
import { type SendResult, sendWebhook } from './webhook-sender.ts';

/** Most deliveries one range replay may resend. */
export const MAX_REPLAY = 1000;

/** Refuses (422) a notification whose URL is a literal address the policy refuses. */
export function checkHookTarget(notification: unknown, policy: PrivateTargets): void {
  if (notification === undefined) return;
  try {
    checkLiteralTarget(new URL(checkNotification(notification).payload.path), policy);
  } catch (error) {
    if (error instanceof TargetRefusedError) throw new TesseraError('ERR_INVALID_WEBHOOK', error.message);
    throw error;
  }
}

/** Manual trigger, replays and test calls: what the hook routes do beyond the store. */
export function hookActions(store: TesseraStore, records: RecordService, config: WebhookConfig) {
  /** New deliveries get sent by whichever process's dispatcher wakes first (the signal may cross processes). */
  const wakeDispatchers = (baseId: string) => store.context.eventSignal.appended(baseId);

  const replayDraft = (original: DeliveryModel) => {
    const id = randomUUID();
    return {
      id,
      seq: original.seq,
      kind: 'replay' as const,
      type: original.type,
      operation: original.operation,
      recordIds: original.recordIds,
      payload: withEnvelopeId(original.payload, id),
      replayOf: original.id,
    };
  };

  return {
    /** Queues a `records.manual.trigger` delivery with the record as it is now. */
    async trigger(hookId: string, rowId: string, change: ChangeContext): Promise<DeliveryModel> {
      const hook = await store.hooks.get(hookId);
      const { table, record } = await records.read(hook.tableId, rowId, {}, 'v2');
      const id = randomUUID();
      const type = envelopeType('trigger', hook.version);
      const [delivery] = await store.deliveries.enqueue(
        hookId,
        [
          {
            id,
            seq: null,
            kind: 'trigger',
            type,
            operation: 'trigger',
            recordIds: [rowId],
            payload: buildEnvelope({
              id,
              type,
              baseId: hook.baseId,
              version: hook.version,
              table,
              rows: [record],
            }),
          },
        ],
        change,
        { action: 'hook.trigger', recordId: rowId, details: { delivery_id: id } },
      );
      wakeDispatchers(hook.baseId);
      return delivery as DeliveryModel;
    },

    /** Sends a delivery again as a new delivery (new id, `replay_of` the original). */
    async replayOne(hookId: string, deliveryId: string, change: ChangeContext): Promise<DeliveryModel> {
      const original = await store.deliveries.get(hookId, deliveryId);
      const draft = replayDraft(original);
      const [delivery] = await store.deliveries.enqueue(hookId, [draft], change, {
        action: 'hook.replay',
        details: { deliveries: 1, replay_of: [original.id] },
      });
      wakeDispatchers(original.baseId);
      return delivery as DeliveryModel;
    },

    /** Replays the deliveries created in [from, to] (finished ones unless `statuses` says otherwise), in order. */
    async replayRange(
      hookId: string,
      from: string,
      to: string,
      statuses: readonly DeliveryStatus[],
      change: ChangeContext,
    ): Promise<DeliveryModel[]> {
      const originals = await store.deliveries.inRange(hookId, from, to, statuses, MAX_REPLAY + 1);
      if (originals.length > MAX_REPLAY)
        throw new TesseraError(
          'ERR_INVALID_REQUEST_BODY',
          `More than ${MAX_REPLAY} deliveries fall in this range; replay a shorter one`,
        );
      if (originals.length === 0) return [];
      const created = await store.deliveries.enqueue(hookId, originals.map(replayDraft), change, {
        action: 'hook.replay',
        details: { deliveries: originals.length, from, to },
      });
      wakeDispatchers(originals[0]!.baseId);
      return created;
    },

    /**
     * Sends a sample envelope for the hook described (not saved) to its URL now, signed with
     * its secret (or the saved hook's, given its id), under the same rules as deliveries.
     */
    async test(
      tableId: string,
      hook: { notification: unknown; operation: HookOperation; version: string; secret: string | null },
    ): Promise<SendResult> {
      const table = await store.tables.get(tableId);
      const notification = checkNotification(hook.notification);
      checkHookTarget(notification, config.privateTargets);
      const id = randomUUID();
      const request = deliveryRequest(
        notification,
        hook.secret,
        sampleEnvelope(table, hook.operation, hook.version, id),
        {
          deliveryId: id,
          hookId: 'test',
          type: envelopeType(hook.operation, hook.version),
          attempt: 1,
        },
      );
      return sendWebhook(request, { timeoutMs: config.timeoutMs, privateTargets: config.privateTargets });
    },
  };
}

export type HookActions = ReturnType<typeof hookActions>;
