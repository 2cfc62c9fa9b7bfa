import type { DeliveryAttempt, DeliveryModel, HookFilterModel, HookModel } from '@tessera/store';
import { serializeFilter, sourceIdOf } from '../serializers/meta-serializers.ts';

/** NocoDB's hook object, plus Tessera's `where`, `has_secret` and `secret_hint` (never the secret). */
export function serializeHook(hook: HookModel) {
  const payload = hook.notification.payload;
  return {
    id: hook.id,
    base_id: hook.baseId,
    source_id: sourceIdOf(hook.baseId),
    fk_model_id: hook.tableId,
    title: hook.title,
    description: hook.description,
    env: 'all',
    type: 'URL',
    event: hook.event,
    operation: hook.operations,
    async: false,
    payload: true,
    url: payload.path,
    headers: payload.headers,
    condition: hook.useFilters,
    notification: hook.notification,
    retries: hook.options.retries ?? null,
    retry_interval: hook.options.retry_interval ?? null,
    timeout: hook.options.timeout ?? null,
    active: hook.active,
    version: hook.version,
    trigger_field: hook.triggerFields.length > 0,
    trigger_fields: hook.triggerFields,
    where: hook.where,
    has_secret: hook.hasSecret,
    secret_hint: hook.secretHint === null ? null : `…${hook.secretHint}`,
    order: hook.order,
    created_at: hook.createdAt,
    updated_at: hook.updatedAt,
  };
}

/** A hook filter in NocoDB's filter shape, with `fk_hook_id` instead of `fk_view_id`. */
export function serializeHookFilter(filter: HookFilterModel) {
  const { fk_view_id: _, ...shape } = serializeFilter({ ...filter, viewId: filter.hookId });
  return { ...shape, fk_hook_id: filter.hookId };
}

/** One entry of a hook's delivery log (NocoDB's hook log keys, plus Tessera's delivery facts). */
export function serializeDelivery(delivery: DeliveryModel, now = Date.now()) {
  const open = delivery.status === 'pending' || delivery.status === 'failed-retrying';
  return {
    id: delivery.id,
    delivery_id: delivery.id,
    fk_hook_id: delivery.hookId,
    base_id: delivery.baseId,
    fk_model_id: delivery.tableId,
    type: delivery.type,
    event: delivery.operation === 'trigger' ? 'manual' : 'after',
    operation: delivery.operation,
    kind: delivery.kind,
    seq: delivery.seq,
    record_ids: delivery.recordIds,
    status: delivery.status,
    attempts: delivery.attempts,
    in_flight: open && delivery.leaseExpiresAt !== null && delivery.leaseExpiresAt > now,
    next_attempt_at: open ? new Date(delivery.nextAttemptAt).toISOString() : null,
    response_code: delivery.lastStatusCode,
    execution_time: delivery.lastLatencyMs,
    response: delivery.responseExcerpt,
    error_message: delivery.lastError,
    replay_of: delivery.replayOf,
    test_call: false,
    created_at: delivery.createdAt,
    updated_at: delivery.updatedAt,
    finished_at: delivery.finishedAt,
  };
}

/** A delivery with its body and every attempt. */
export function serializeDeliveryDetail(
  delivery: DeliveryModel & { attemptLog: readonly DeliveryAttempt[] },
) {
  return {
    ...serializeDelivery(delivery),
    payload: JSON.parse(delivery.payload) as unknown,
    attempt_log: delivery.attemptLog.map((a) => ({
      attempt: a.attempt,
      started_at: a.startedAt,
      response_code: a.statusCode,
      execution_time: a.latencyMs,
      response: a.responseExcerpt,
      error_message: a.error,
      sent_by: a.sentBy,
    })),
  };
}
