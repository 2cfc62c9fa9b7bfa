// GET    /api/v2/meta/tables/:tableId/hooks                 a table's webhooks
// POST   /api/v2/meta/tables/:tableId/hooks                 create one (HookReq; v3 only; `secret: true` makes one, shown once)
// POST   /api/v2/meta/tables/:tableId/hooks/test            send a sample to {hook} now → {msg, status, …}
// GET    /api/v2/meta/tables/:tableId/hooks/samplePayload/:event/:operation/:version   the envelope a hook would get
// GET/PATCH/DELETE /api/v2/meta/hooks/:hookId               read, change, delete a webhook
// GET/POST /api/v2/meta/hooks/:hookId/filters               NocoDB hook filters (applied when `condition` is on)
// PATCH/DELETE /api/v2/meta/hooks/:hookId/filters/:hookFilterId
// GET    /api/v2/meta/hooks/:hookId/logs                    the delivery log {list, pageInfo}, newest first (?status=)
// GET    /api/v2/meta/hooks/:hookId/logs/:deliveryId        one delivery with its body and every attempt
// POST   /api/v2/meta/hooks/:hookId/logs/:deliveryId/replay send a delivery again (a new delivery, replay_of it)
// POST   /api/v2/meta/hooks/:hookId/replay                  {from, to, status?}: replay the deliveries of a time range
// POST   /api/v2/meta/hooks/:hookId/trigger/:recordId       queue a manual trigger with the record as it is now
// All also under /api/v1/db/meta/…. Creators and owners of the base manage its webhooks.
import { randomUUID } from 'node:crypto';
import { TesseraError } from '@tessera/core';
import {
  checkEvent,
  checkOperations,
  checkVersion,
  type DeliveryStatus,
  deliveryStatuses,
  type HookSpec,
  type ViewFilterSpec,
} from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import { timeBound } from '../audit/audit-filters.ts';
import { changeOf } from '../auth/auth-plugin.ts';
import { access } from '../auth/route-access.ts';
import { WEBHOOK_DEFAULTS } from '../config/webhook-config.ts';
import { pageInfo, parsePaging, rawListQuery } from '../records/list-query.ts';
import type { RecordService } from '../records/record-service.ts';
import { listOf } from '../serializers/meta-serializers.ts';
import { checkHookTarget, hookActions } from '../webhooks/hook-actions.ts';
import {
  serializeDelivery,
  serializeDeliveryDetail,
  serializeHook,
  serializeHookFilter,
} from '../webhooks/hook-serializer.ts';
import { envelopeType, sampleEnvelope } from '../webhooks/payload-builder.ts';
import { newWebhookSecret } from '../webhooks/webhook-signer.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const tags = ['Webhooks'];
const both = (path: string) => [`/api/v2/meta${path}`, `/api/v1/db/meta${path}`];
const id = Type.String({ minLength: 1, maxLength: 100 });

/** NocoDB's HookReq. Keys that take several shapes (text or list, object or JSON text, null) are checked by the store. */
const hookBody = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 255 })),
    description: Type.Optional(Type.Unknown()),
    event: Type.Optional(Type.String({ maxLength: 20 })),
    operation: Type.Optional(Type.Unknown()),
    version: Type.Optional(Type.String({ maxLength: 10 })),
    notification: Type.Optional(Type.Unknown()),
    active: Type.Optional(Type.Boolean()),
    condition: Type.Optional(Type.Boolean()),
    trigger_field: Type.Optional(Type.Boolean()),
    trigger_fields: Type.Optional(Type.Array(Type.String({ maxLength: 255 }), { maxItems: 500 })),
    where: Type.Optional(Type.Unknown()),
    /** A secret (16+ printable characters), true to have one made (answered once), null to remove. */
    secret: Type.Optional(Type.Unknown()),
    retries: Type.Optional(Type.Unknown()),
    retry_interval: Type.Optional(Type.Unknown()),
    timeout: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: true },
);
type HookBody = Static<typeof hookBody>;

const filterBody = Type.Object(
  {
    fk_column_id: Type.Optional(Type.Unknown()),
    comparison_op: Type.Optional(Type.Unknown()),
    comparison_sub_op: Type.Optional(Type.Unknown()),
    value: Type.Optional(Type.Unknown()),
    logical_op: Type.Optional(Type.String({ maxLength: 10 })),
    is_group: Type.Optional(Type.Boolean()),
    fk_parent_id: Type.Optional(Type.Unknown()),
    enabled: Type.Optional(Type.Boolean()),
    order: Type.Optional(Type.Number()),
  },
  { additionalProperties: true },
);
type FilterBody = Static<typeof filterBody>;

const testBody = Type.Object(
  {
    hook: Type.Object({ id: Type.Optional(Type.String()) }, { additionalProperties: true }),
    payload: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: true },
);

const replayBody = Type.Object({
  from: Type.String({ minLength: 1, maxLength: 64 }),
  to: Type.String({ minLength: 1, maxLength: 64 }),
  /** Which deliveries to resend; default succeeded and dead ones (open ones are being sent anyway). */
  status: Type.Optional(
    Type.Array(Type.Union(deliveryStatuses.map((s) => Type.Literal(s))), { maxItems: 4 }),
  ),
});

const logsQuery = Type.Object(
  {
    limit: Type.Optional(Type.String({ maxLength: 10 })),
    pageSize: Type.Optional(Type.String({ maxLength: 10 })),
    offset: Type.Optional(Type.String({ maxLength: 10 })),
    page: Type.Optional(Type.String({ maxLength: 10 })),
    status: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: true },
);

function invalid(message: string): TesseraError {
  return new TesseraError('ERR_INVALID_REQUEST_BODY', message);
}

/** A text-or-null key of a body (undefined: not given). */
function nullableText(value: unknown, key: string): string | null | undefined {
  if (value === undefined || value === null || typeof value === 'string') return value;
  throw invalid(`'${key}' must be text or null`);
}

/** The secret a body asks for: given text, `true` for a new one, null to remove; undefined to keep. */
function requestedSecret(value: unknown): { secret: string | null | undefined; generated: boolean } {
  if (value === undefined) return { secret: undefined, generated: false };
  if (value === true) return { secret: newWebhookSecret(), generated: true };
  if (value === null || value === false) return { secret: null, generated: false };
  if (typeof value === 'string') return { secret: value, generated: false };
  throw invalid("'secret' must be text, true (to have one made) or null (to remove it)");
}

/** HookReq → the store's spec (`condition` → hook filters on, `trigger_field` gates `trigger_fields`). */
function hookSpec(body: HookBody, secret: string | null | undefined): HookSpec {
  const options = Object.fromEntries(
    (['retries', 'retry_interval', 'timeout'] as const)
      .filter((key) => body[key] !== undefined)
      .map((key) => {
        const value = body[key];
        if (value !== null && typeof value !== 'number') throw invalid(`'${key}' must be a number`);
        return [key, value];
      }),
  );
  // `trigger_field: false` turns trigger fields off; otherwise the list given (if any) applies.
  const triggerFields = body.trigger_field === false ? [] : body.trigger_fields;
  return {
    title: body.title,
    description: nullableText(body.description, 'description'),
    event: body.event,
    operations: body.operation,
    version: body.version,
    notification: body.notification,
    active: body.active,
    useFilters: body.condition,
    where: nullableText(body.where, 'where'),
    triggerFields,
    ...(secret === undefined ? {} : { secret }),
    ...(Object.keys(options).length > 0 ? { options } : {}),
  };
}

function filterSpec(body: FilterBody): ViewFilterSpec {
  const text = (key: keyof FilterBody) => {
    const value = body[key];
    if (typeof value === 'number') return String(value);
    return nullableText(value, key);
  };
  const logicalOp = body.logical_op;
  if (logicalOp !== undefined && !['and', 'or', 'not'].includes(logicalOp))
    throw invalid(`'logical_op' must be and, or or not (got '${logicalOp}')`);
  return {
    fieldId: text('fk_column_id'),
    comparisonOp: text('comparison_op'),
    comparisonSubOp: text('comparison_sub_op'),
    value: text('value'),
    logicalOp: logicalOp as ViewFilterSpec['logicalOp'],
    isGroup: body.is_group,
    parentId: text('fk_parent_id'),
    enabled: body.enabled,
    order: body.order,
  };
}

function statusList(value: string | undefined): DeliveryStatus[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const statuses = value.split(',').map((s) => s.trim());
  const unknown = statuses.find((s) => !(deliveryStatuses as readonly string[]).includes(s));
  if (unknown !== undefined)
    throw new TesseraError(
      'ERR_INVALID_QUERY_PARAMETER',
      `status must be a comma list of ${deliveryStatuses.join(', ')} (got '${unknown}')`,
    );
  return statuses as DeliveryStatus[];
}

export async function hookRoutes(
  app: FastifyInstance,
  context: RouteContext & { readonly records: RecordService },
): Promise<void> {
  const { store } = context;
  const webhooks = context.config.webhooks ?? WEBHOOK_DEFAULTS;
  const actions = hookActions(store, context.records, webhooks);
  const creator = access.base('creator');
  const params = (request: { params: unknown }) => request.params as Params;

  route(
    app,
    'GET',
    both('/tables/:tableId/hooks'),
    async (r) => listOf((await store.hooks.list(params(r).tableId!)).map(serializeHook)),
    {
      access: creator,
      schema: { tags, summary: "A table's webhooks", params: Type.Object({ tableId: id }) },
    },
  );
  route(
    app,
    'POST',
    both('/tables/:tableId/hooks'),
    async (r) => {
      const body = r.body as HookBody;
      checkHookTarget(body.notification, webhooks.privateTargets);
      const { secret, generated } = requestedSecret(body.secret);
      const hook = await store.hooks.create(params(r).tableId!, hookSpec(body, secret), changeOf(r));
      return { ...serializeHook(hook), ...(generated ? { secret } : {}) };
    },
    {
      access: creator,
      schema: {
        tags,
        summary: 'Create a webhook (v3); with `secret: true` the reply carries the new signing secret, once',
        params: Type.Object({ tableId: id }),
        body: Type.Intersect([Type.Object({ title: Type.String({ maxLength: 255 }) }), hookBody]),
      },
    },
  );
  route(
    app,
    'POST',
    both('/tables/:tableId/hooks/test'),
    async (r) => {
      const body = r.body as Static<typeof testBody>;
      const hook = body.hook as HookBody & { id?: string };
      const event = checkEvent(hook.event);
      const [operation = 'insert'] = checkOperations(hook.operation, event);
      const version = checkVersion(hook.version);
      let secret = typeof hook.secret === 'string' ? hook.secret : null;
      if (secret === null && hook.id) {
        const saved = await store.hooks.get(hook.id);
        if (saved.tableId === params(r).tableId) secret = await store.hooks.secretOf(hook.id);
      }
      const result = await actions.test(params(r).tableId!, {
        notification: hook.notification,
        operation,
        version,
        secret,
      });
      const facts = {
        status: result.statusCode,
        execution_time: result.latencyMs,
        response: result.excerpt,
        error_message: result.error,
      };
      const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
      if (!ok)
        throw new TesseraError(
          'ERR_WEBHOOK_TEST_FAILED',
          result.statusCode === null
            ? `The webhook could not be reached: ${result.error}`
            : `The webhook answered ${result.statusCode}${result.excerpt ? `: ${result.excerpt.slice(0, 200)}` : ''}`,
          facts,
        );
      return { msg: 'The webhook was tested successfully', ...facts };
    },
    {
      access: creator,
      schema: {
        tags,
        summary: 'Send a sample envelope to the hook given (saved or not) now; 400 unless it answers 2xx',
        params: Type.Object({ tableId: id }),
        body: testBody,
      },
    },
  );
  route(
    app,
    'GET',
    both('/tables/:tableId/hooks/samplePayload/:event/:operation/:version'),
    async (r) => {
      const { tableId, event: eventName, operation: raw, version: rawVersion } = params(r);
      const event = checkEvent(eventName);
      const [operation = 'insert'] = checkOperations(raw, event);
      const version = checkVersion(rawVersion);
      const table = await store.tables.get(tableId!);
      return JSON.parse(sampleEnvelope(table, operation, version, randomUUID())) as unknown;
    },
    {
      access: creator,
      schema: {
        tags,
        summary: 'The envelope a webhook gets for an event and operation, with sample values',
        params: Type.Object({ tableId: id, event: id, operation: id, version: id }),
      },
    },
  );

  const hookParams = Type.Object({ hookId: id });
  route(
    app,
    'GET',
    both('/hooks/:hookId'),
    async (r) => serializeHook(await store.hooks.get(params(r).hookId!)),
    {
      access: creator,
      schema: { tags, summary: 'Read a webhook (its secret is never shown)', params: hookParams },
    },
  );
  route(
    app,
    'PATCH',
    both('/hooks/:hookId'),
    async (r) => {
      const body = r.body as HookBody;
      checkHookTarget(body.notification, webhooks.privateTargets);
      const { secret, generated } = requestedSecret(body.secret);
      const hook = await store.hooks.update(params(r).hookId!, hookSpec(body, secret), changeOf(r));
      return { ...serializeHook(hook), ...(generated ? { secret } : {}) };
    },
    {
      access: creator,
      schema: {
        tags,
        summary: 'Change a webhook (`secret: true` rotates the secret)',
        params: hookParams,
        body: hookBody,
      },
    },
  );
  route(
    app,
    'DELETE',
    both('/hooks/:hookId'),
    async (r) => {
      await store.hooks.remove(params(r).hookId!, changeOf(r));
      return true;
    },
    {
      access: creator,
      schema: { tags, summary: 'Delete a webhook and its delivery log', params: hookParams },
    },
  );

  route(
    app,
    'GET',
    both('/hooks/:hookId/filters'),
    async (r) => listOf((await store.hooks.get(params(r).hookId!)).filters.map(serializeHookFilter)),
    { access: creator, schema: { tags, summary: "A webhook's filters", params: hookParams } },
  );
  route(
    app,
    'POST',
    both('/hooks/:hookId/filters'),
    async (r) =>
      serializeHookFilter(
        await store.hooks.createFilter(params(r).hookId!, filterSpec(r.body as FilterBody), changeOf(r)),
      ),
    {
      access: creator,
      schema: { tags, summary: 'Add a webhook filter', params: hookParams, body: filterBody },
    },
  );
  const filterParams = Type.Object({ hookId: id, hookFilterId: id });
  route(
    app,
    'PATCH',
    both('/hooks/:hookId/filters/:hookFilterId'),
    async (r) =>
      serializeHookFilter(
        await store.hooks.updateFilter(
          params(r).hookId!,
          params(r).hookFilterId!,
          filterSpec(r.body as FilterBody),
          changeOf(r),
        ),
      ),
    {
      access: creator,
      schema: { tags, summary: 'Change a webhook filter', params: filterParams, body: filterBody },
    },
  );
  route(
    app,
    'DELETE',
    both('/hooks/:hookId/filters/:hookFilterId'),
    async (r) => {
      await store.hooks.removeFilter(params(r).hookId!, params(r).hookFilterId!, changeOf(r));
      return true;
    },
    {
      access: creator,
      schema: { tags, summary: 'Remove a webhook filter (a group with its contents)', params: filterParams },
    },
  );

  route(
    app,
    'GET',
    both('/hooks/:hookId/logs'),
    async (r) => {
      const query = r.query as Static<typeof logsQuery>;
      const paging = parsePaging(rawListQuery(query), { defaultLimit: 25, maxLimit: 1000 });
      const { rows, total } = await store.deliveries.list(params(r).hookId!, {
        ...paging,
        statuses: statusList(query.status),
      });
      const now = Date.now();
      return { list: rows.map((row) => serializeDelivery(row, now)), pageInfo: pageInfo(total, paging) };
    },
    {
      access: creator,
      schema: {
        tags,
        summary: "A webhook's delivery log, newest first: status, response code, latency, response excerpt",
        params: hookParams,
        querystring: logsQuery,
      },
    },
  );
  const deliveryParams = Type.Object({ hookId: id, deliveryId: id });
  route(
    app,
    'GET',
    both('/hooks/:hookId/logs/:deliveryId'),
    async (r) =>
      serializeDeliveryDetail(await store.deliveries.get(params(r).hookId!, params(r).deliveryId!)),
    {
      access: creator,
      schema: { tags, summary: 'One delivery with its body and every attempt', params: deliveryParams },
    },
  );
  route(
    app,
    'POST',
    both('/hooks/:hookId/logs/:deliveryId/replay'),
    async (r) =>
      serializeDelivery(await actions.replayOne(params(r).hookId!, params(r).deliveryId!, changeOf(r))),
    {
      access: creator,
      schema: {
        tags,
        summary: 'Send a delivery again, as a new delivery (new id, replay_of the original)',
        params: deliveryParams,
      },
    },
  );
  route(
    app,
    'POST',
    both('/hooks/:hookId/replay'),
    async (r) => {
      const body = r.body as Static<typeof replayBody>;
      const from = timeBound(body.from, 'from');
      const to = timeBound(body.to, 'to');
      if (from > to) throw invalid(`'from' (${body.from}) is after 'to' (${body.to})`);
      const created = await actions.replayRange(
        params(r).hookId!,
        from,
        to,
        body.status ?? ['succeeded', 'dead'],
        changeOf(r),
      );
      return {
        msg: `${created.length} deliveries queued again`,
        count: created.length,
        list: created.map((d) => serializeDelivery(d)),
      };
    },
    {
      access: creator,
      schema: {
        tags,
        summary: 'Replay the deliveries created in a time range (ISO 8601 bounds, inclusive), in order',
        params: hookParams,
        body: replayBody,
      },
    },
  );
  route(
    app,
    'POST',
    both('/hooks/:hookId/trigger/:recordId'),
    async (r) => {
      const delivery = await actions.trigger(params(r).hookId!, params(r).recordId!, changeOf(r));
      return { msg: 'The webhook was triggered', delivery: serializeDelivery(delivery) };
    },
    {
      // Editors too: NocoDB's button fields trigger manual webhooks for whoever may edit records.
      access: access.base('editor'),
      schema: {
        tags,
        summary: `Queue a ${envelopeType('trigger', 'v3')} delivery with the record as it is now`,
        params: Type.Object({ hookId: id, recordId: id }),
      },
    },
  );
}
