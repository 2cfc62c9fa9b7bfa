// GET  /api/v2/public/shared-view/:uuid/meta   the shared view: type, settings, table, shown fields
// GET  /api/v2/public/shared-view/:uuid/rows   its records, as the v2 list of the view (not forms)
// POST /api/v2/public/shared-view/:uuid/rows   submit a shared form: one record, keyed by field title
// No account: the link's uuid is the credential, plus header `xc-password` when the share has one.
import { TesseraError, viewTypes } from '@tessera/core';
import type { FastifyInstance } from 'fastify';
import { access } from '../auth/route-access.ts';
import type { RecordService } from '../records/record-service.ts';
import { serializeField } from '../serializers/meta-serializers.ts';
import { asFormProblem, formRecord } from '../sharing/form-submission.ts';
import { publicListQuery } from '../sharing/public-list-query.ts';
import { shareThrottle } from '../sharing/share-throttle.ts';
import { type OpenedShare, openSharedView, sharedViewActor } from '../sharing/shared-view-access.ts';
import { sharedViewFields } from '../sharing/shared-view-fields.ts';
import type { RouteContext } from './route-context.ts';
import { route } from './route-context.ts';

const tags = ['Shared views'];
const path = (rest: string) => [`/api/v2/public/shared-view/:uuid${rest}`];
/** Form answers are small; a larger body is refused before it is read. */
const bodyLimit = 64 * 1024;
const DEFAULT_SUCCESS_MESSAGE = 'Thank you for submitting the form!';

export async function publicViewRoutes(
  app: FastifyInstance,
  { store, records }: RouteContext & { records: RecordService },
): Promise<void> {
  const throttle = shareThrottle(store);
  const dialect = store.context.dialect;

  const presentMeta = ({ share, view, table }: OpenedShare) => ({
    view: {
      id: view.id,
      title: view.title,
      type: viewTypes[view.type],
      meta: view.meta,
      fk_grp_col_id: view.groupFieldId,
      fk_cover_image_col_id: view.coverFieldId,
      password_protected: share.passwordHash !== null,
    },
    table: { id: table.id, title: table.title },
    columns: sharedViewFields(table, view).map(({ field, settings, required }) => ({
      ...serializeField(field, table, dialect),
      label: settings.label,
      description: settings.description ?? field.description,
      required,
    })),
  });

  route(
    app,
    'GET',
    path('/meta'),
    async (request, reply) => presentMeta(await openSharedView(store, throttle, request, reply)),
    { access: access.public, schema: { tags, summary: "A shared view's meta" } },
  );

  route(
    app,
    'GET',
    path('/rows'),
    async (request, reply) => {
      const { view, table } = await openSharedView(store, throttle, request, reply);
      if (view.type === 'form')
        throw new TesseraError('ERR_BAD_REQUEST', 'A shared form has no rows to read; submit it instead');
      const shown = sharedViewFields(table, view).map((shared) => shared.field);
      const query = publicListQuery(table, shown, (request.query ?? {}) as Record<string, unknown>);
      const page = await records.list(table.id, { ...query, viewId: view.id }, 'v2');
      return { list: page.records, pageInfo: records.pageInfo(page.totalRows, page.paging) };
    },
    { access: access.public, schema: { tags, summary: "A shared view's records" } },
  );

  route(
    app,
    'POST',
    path('/rows'),
    async (request, reply) => {
      const { share, view, table } = await openSharedView(store, throttle, request, reply);
      if (view.type !== 'form')
        throw new TesseraError(
          'ERR_BAD_REQUEST',
          `A shared ${view.type} view is read-only; only forms take records`,
        );
      const record = formRecord(table, sharedViewFields(table, view), request.body);
      await throttle.countSubmission(reply, share, request.ip);
      await records
        .insert(table.id, [record], false, { actor: sharedViewActor(view), ip: request.ip })
        .catch((error: unknown) => {
          throw asFormProblem(error);
        });
      const message = view.meta.success_msg;
      return {
        msg: typeof message === 'string' && message.trim() !== '' ? message : DEFAULT_SUCCESS_MESSAGE,
      };
    },
    { access: access.public, bodyLimit, schema: { tags, summary: 'Submit a shared form' } },
  );
}
