// Every route × every kind of caller gets exactly the expected status, on both databases.
// The table below is the specification: the weakest caller each route admits. A route the
// app registers but this table does not list fails the coverage test, so new routes must
// state who may call them here.
import type { BaseRole } from '@tessera/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes } from '../../packages/server/src/auth/auth-plugin.ts';
import { type Caller, createRoleFixture, type RoleFixture } from '../support/role-fixture.ts';
import { testDialects } from '../support/test-databases.ts';

/** Who a route admits: anyone, any credential, users only, instance admins, or a base role. */
type Need =
  | 'public'
  | 'signed-in'
  | 'signed-in-writer'
  | 'user-only'
  | 'instance-admin'
  /** `asUser`: API tokens without a user (the bootstrap token) are refused with 403 too. */
  | { base: BaseRole; userOnly?: boolean; asUser?: boolean };

interface MatrixRoute {
  readonly method: string;
  /** Path with `{base}`, `{table}`, `{field}`, `{view}`, `{filter}`, `{sort}`, `{record}`, `{member}`. */
  readonly path: string;
  readonly need: Need;
  /** Body to send; called once per request, so titles can stay unique. */
  readonly body?: (f: RoleFixture, caller: Caller) => unknown;
  /** A fresh target is made before each request (the request may delete it). */
  readonly fresh?: 'base' | 'table' | 'field' | 'view' | 'filter' | 'sort' | 'record' | 'hook' | 'hookFilter';
  /** Admitted callers that still get this status (e.g. a token's own rules). */
  readonly okStatus?: number;
}

let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter}`;
const viewer: Need = { base: 'viewer' };
const editor: Need = { base: 'editor' };
const creator: Need = { base: 'creator' };
const owner: Need = { base: 'owner' };

const authPaths = (path: string) => [`/api/v1/auth${path}`, `/api/v1/db/auth${path}`, `/auth${path}`];
const v1v2 = (path: string) => [`/api/v2/meta${path}`, `/api/v1/db/meta${path}`];
const each = (paths: string[], rest: Omit<MatrixRoute, 'path'>): MatrixRoute[] =>
  paths.map((path) => ({ ...rest, path }));

const matrix: MatrixRoute[] = [
  // Health and application info: public.
  ...['/api/v1/health', '/api/v1/health/ready', '/api/v1/ready', '/api/v1/version'].map(
    (path): MatrixRoute => ({ method: 'GET', path, need: 'public' }),
  ),
  ...each(v1v2('/nocodb/info'), { method: 'GET', need: 'public' }),
  ...each(['/api/v1/auth/user/me', '/api/v1/db/auth/user/me', '/auth/user/me'], {
    method: 'GET',
    need: 'public',
  }),
  // Bases.
  ...each([...v1v2('/bases').slice(0, 1), '/api/v1/db/meta/projects'], { method: 'GET', need: 'signed-in' }),
  { method: 'GET', path: '/api/v3/meta/workspaces/default/bases', need: 'signed-in' },
  ...each(['/api/v2/meta/bases', '/api/v1/db/meta/projects'], {
    method: 'POST',
    need: 'signed-in-writer',
    body: () => ({ title: unique('Base') }),
  }),
  ...each(['/api/v2/meta/bases/{base}', '/api/v1/db/meta/projects/{base}', '/api/v3/meta/bases/{base}'], {
    method: 'GET',
    need: viewer,
  }),
  ...each(['/api/v2/meta/bases/{base}', '/api/v1/db/meta/projects/{base}'], {
    method: 'PATCH',
    need: creator,
    body: () => ({ description: unique('about') }),
  }),
  ...each(['/api/v2/meta/bases/{base}', '/api/v1/db/meta/projects/{base}'], {
    method: 'DELETE',
    need: owner,
    fresh: 'base',
  }),
  // Tables.
  ...each(
    [
      '/api/v2/meta/bases/{base}/tables',
      '/api/v1/db/meta/projects/{base}/tables',
      '/api/v2/meta/bases/{base}/default/tables',
      '/api/v1/db/meta/projects/{base}/default/tables',
      '/api/v3/meta/bases/{base}/tables',
    ],
    { method: 'GET', need: viewer },
  ),
  ...each(
    [
      '/api/v2/meta/bases/{base}/tables',
      '/api/v1/db/meta/projects/{base}/tables',
      '/api/v2/meta/bases/{base}/default/tables',
      '/api/v1/db/meta/projects/{base}/default/tables',
    ],
    {
      method: 'POST',
      need: creator,
      body: () => ({ title: unique('Table'), columns: [{ title: 'Name', uidt: 'SingleLineText' }] }),
    },
  ),
  ...each([...v1v2('/tables/{table}'), '/api/v3/meta/bases/{base}/tables/{table}'], {
    method: 'GET',
    need: viewer,
  }),
  ...each(v1v2('/tables/{table}'), {
    method: 'PATCH',
    need: creator,
    body: () => ({ description: unique('d') }),
  }),
  ...each(v1v2('/tables/{table}'), { method: 'DELETE', need: creator, fresh: 'table' }),
  // Fields.
  ...each(v1v2('/tables/{table}/columns'), {
    method: 'POST',
    need: creator,
    body: () => ({ title: unique('Field'), uidt: 'Number' }),
  }),
  ...each([...v1v2('/columns/{field}'), '/api/v3/meta/bases/{base}/tables/{table}/fields/{field}'], {
    method: 'GET',
    need: viewer,
  }),
  ...each(v1v2('/columns/{field}'), {
    method: 'PATCH',
    need: creator,
    body: () => ({ description: unique('d') }),
  }),
  ...each(v1v2('/columns/{field}'), { method: 'DELETE', need: creator, fresh: 'field' }),
  ...each(v1v2('/columns/{field}/primary'), { method: 'POST', need: creator }),
  // Views.
  ...each(v1v2('/tables/{table}/views'), { method: 'GET', need: viewer }),
  ...['grids', 'forms', 'galleries'].flatMap((kind) =>
    each(v1v2(`/tables/{table}/${kind}`), {
      method: 'POST',
      need: creator,
      body: () => ({ title: unique(kind) }),
    }),
  ),
  ...each(v1v2('/tables/{table}/kanbans'), {
    method: 'POST',
    need: creator,
    body: (f) => ({ title: unique('kanban'), fk_grp_col_id: f.ids.select }),
  }),
  ...['grids', 'forms', 'galleries', 'kanbans'].flatMap((kind) =>
    each(v1v2(`/${kind}/{view}`), { method: 'GET', need: viewer }),
  ),
  ...['views', 'grids', 'forms', 'galleries', 'kanbans'].flatMap((kind) =>
    each(v1v2(`/${kind}/{view}`), {
      method: 'PATCH',
      need: creator,
      body: () => ({ description: unique('d') }),
    }),
  ),
  ...each(v1v2('/views/{view}'), { method: 'DELETE', need: creator, fresh: 'view' }),
  ...each(v1v2('/views/{view}/columns'), { method: 'GET', need: viewer }),
  ...each(v1v2('/views/{view}/columns'), {
    method: 'POST',
    need: creator,
    body: (f) => ({ fk_column_id: f.ids.field, show: true }),
  }),
  ...each(v1v2('/views/{view}/columns/{field}'), {
    method: 'PATCH',
    need: creator,
    body: () => ({ show: true }),
  }),
  ...each([...v1v2('/views/{view}/show-all'), ...v1v2('/views/{view}/hide-all')], {
    method: 'POST',
    need: creator,
  }),
  // Sharing views by link (creators), and the public side of a link: anyone, the unknown
  // uuid here answering 404 alike.
  ...each(v1v2('/views/{view}/share'), { method: 'POST', need: creator }),
  ...each(v1v2('/views/{view}/share'), {
    method: 'PATCH',
    need: creator,
    body: () => ({ meta: { note: unique('share') } }),
  }),
  ...each(v1v2('/views/{view}/share'), { method: 'DELETE', need: creator }),
  ...['/meta', '/rows'].map(
    (rest): MatrixRoute => ({
      method: 'GET',
      path: `/api/v2/public/shared-view/nosuchshare${rest}`,
      need: 'public',
      okStatus: 404,
    }),
  ),
  {
    method: 'POST',
    path: '/api/v2/public/shared-view/nosuchshare/rows',
    need: 'public',
    body: () => ({ Name: 'x' }),
    okStatus: 404,
  },
  // View filters and sorts.
  ...each(v1v2('/views/{view}/filters'), { method: 'GET', need: viewer }),
  ...each(v1v2('/views/{view}/filters'), {
    method: 'POST',
    need: creator,
    body: (f) => ({ fk_column_id: f.ids.field, comparison_op: 'eq', value: '1' }),
  }),
  ...each([...v1v2('/filters/{filter}'), ...v1v2('/filters/{filter}/children')], {
    method: 'GET',
    need: viewer,
  }),
  ...each(v1v2('/filters/{filter}'), { method: 'PATCH', need: creator, body: () => ({ value: '2' }) }),
  ...each(v1v2('/filters/{filter}'), { method: 'DELETE', need: creator, fresh: 'filter' }),
  ...each(v1v2('/views/{view}/sorts'), { method: 'GET', need: viewer }),
  ...each(v1v2('/views/{view}/sorts'), {
    method: 'POST',
    need: creator,
    fresh: 'view',
    body: (f) => ({ fk_column_id: f.ids.field, direction: 'desc' }),
  }),
  ...each(v1v2('/sorts/{sort}'), { method: 'GET', need: viewer }),
  ...each(v1v2('/sorts/{sort}'), { method: 'PATCH', need: creator, body: () => ({ direction: 'asc' }) }),
  ...each(v1v2('/sorts/{sort}'), { method: 'DELETE', need: creator, fresh: 'sort' }),
  // Attachments: uploads (the JSON bodies here are not multipart, so admitted callers get 400
  // and nothing is stored), the v3 upload into a field that is not an attachment (400), and
  // downloads, which only a signed link opens (403 without one, for every caller).
  ...['/api/v2/storage/upload', '/api/v1/db/storage/upload'].flatMap((path): MatrixRoute[] => [
    { method: 'POST', path, need: 'signed-in-writer', body: () => ({}), okStatus: 400 },
    { method: 'POST', path: `${path}?base_id={base}`, need: editor, body: () => ({}), okStatus: 400 },
  ]),
  {
    method: 'POST',
    path: '/api/v3/data/{base}/{table}/records/{record}/fields/{field}/upload',
    need: editor,
    body: () => ({ file: 'aGk=', filename: 'hi.txt' }),
    okStatus: 400,
  },
  { method: 'GET', path: '/download/:year/:month/:name', need: 'public', okStatus: 403 },
  // Records, v2 and v3.
  ...[
    '/api/v2/tables/{table}/records',
    '/api/v2/tables/{table}/records/count',
    '/api/v2/tables/{table}/records/{record}',
    '/api/v3/data/{base}/{table}/records',
    '/api/v3/data/{base}/{table}/count',
    '/api/v3/data/{base}/{table}/records/{record}',
    '/api/v2/tables/{table}/groupby?column_name=Stage',
  ].map((path): MatrixRoute => ({ method: 'GET', path, need: viewer })),
  {
    method: 'POST',
    path: '/api/v2/tables/{table}/records',
    need: editor,
    body: () => ({ Name: unique('r') }),
  },
  {
    method: 'PATCH',
    path: '/api/v2/tables/{table}/records',
    need: editor,
    body: (f) => ({ Id: f.ids.record, Name: unique('r') }),
  },
  {
    method: 'DELETE',
    path: '/api/v2/tables/{table}/records',
    need: editor,
    fresh: 'record',
    body: (f) => ({ Id: f.ids.record }),
  },
  {
    method: 'POST',
    path: '/api/v3/data/{base}/{table}/records',
    need: editor,
    body: () => [{ fields: { Name: unique('r') } }],
  },
  {
    method: 'PATCH',
    path: '/api/v3/data/{base}/{table}/records',
    need: editor,
    body: (f) => [{ id: f.ids.record, fields: { Name: unique('r') } }],
  },
  {
    method: 'DELETE',
    path: '/api/v3/data/{base}/{table}/records',
    need: editor,
    fresh: 'record',
    body: (f) => [{ id: f.ids.record }],
  },
  // Links between records, v2 and v3 (the fixture's link joins the table to itself).
  ...[
    '/api/v2/tables/{table}/links/{link}/records/{record}',
    '/api/v3/data/{base}/{table}/links/{link}/{record}',
  ].flatMap((path): MatrixRoute[] => [
    { method: 'GET', path, need: viewer },
    { method: 'POST', path, need: editor, body: (f) => [{ id: f.ids.record }] },
    { method: 'DELETE', path, need: editor, body: (f) => [{ id: f.ids.record }] },
  ]),
  // Sign-up, sign-in and sessions: public, under NocoDB's three path prefixes. The bodies
  // are incomplete on purpose, so every caller gets the same 400 and nothing is created.
  ...authPaths('/user/signup').map(
    (path): MatrixRoute => ({ method: 'POST', path, need: 'public', body: () => ({}), okStatus: 400 }),
  ),
  ...authPaths('/user/signin').map(
    (path): MatrixRoute => ({ method: 'POST', path, need: 'public', body: () => ({}), okStatus: 400 }),
  ),
  ...authPaths('/user/signout').map((path): MatrixRoute => ({ method: 'POST', path, need: 'public' })),
  ...[...authPaths('/token/refresh'), '/api/v2/auth/token/refresh'].map(
    (path): MatrixRoute => ({ method: 'POST', path, need: 'public', okStatus: 401 }),
  ),
  ...authPaths('/password/forgot').map(
    (path): MatrixRoute => ({ method: 'POST', path, need: 'public', body: () => ({}), okStatus: 400 }),
  ),
  ...authPaths('/password/reset').map(
    (path): MatrixRoute => ({ method: 'POST', path, need: 'public', body: () => ({}), okStatus: 400 }),
  ),
  ...authPaths('/password/reset/not-a-reset-token').map(
    (path): MatrixRoute => ({
      method: 'POST',
      path,
      need: 'public',
      body: () => ({ password: 'long enough password' }),
      okStatus: 400,
    }),
  ),
  ...authPaths('/token/validate/not-a-reset-token').map(
    (path): MatrixRoute => ({ method: 'POST', path, need: 'public', okStatus: 400 }),
  ),
  ...authPaths('/password/change').map(
    (path): MatrixRoute => ({ method: 'POST', path, need: 'user-only', body: () => ({}), okStatus: 400 }),
  ),
  { method: 'GET', path: '/auth/password/reset', need: 'public' },
  { method: 'GET', path: '/auth/signup', need: 'public' },
  // Instance users: owners and admins, signed in (no tokens).
  { method: 'GET', path: '/api/v1/users', need: 'instance-admin' },
  {
    method: 'POST',
    path: '/api/v1/users',
    need: 'instance-admin',
    body: () => ({ email: `${unique('newcomer').replace(' ', '-')}@example.com`, roles: 'member' }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/users/{member}',
    need: 'instance-admin',
    body: () => ({ roles: 'member' }),
  },
  { method: 'DELETE', path: '/api/v1/users/usmissing', need: 'instance-admin', okStatus: 404 },
  // Prometheus metrics: open on a loopback-only server without TESSERA_METRICS_TOKEN.
  { method: 'GET', path: '/metrics', need: 'public' },
  // Realtime: the WebSocket route authenticates the socket itself; a plain GET answers 426.
  { method: 'GET', path: '/api/v2/realtime', need: 'public', okStatus: 426 },
  { method: 'GET', path: '/api/v2/meta/bases/{base}/events', need: viewer },
  // Webhooks: creators manage them; editors may trigger one (NocoDB's button fields). The
  // fixture's hook points at a closed port, so a test call answers 400 to admitted callers.
  ...each(v1v2('/tables/{table}/hooks'), { method: 'GET', need: creator }),
  ...each(v1v2('/tables/{table}/hooks'), {
    method: 'POST',
    need: creator,
    body: () => ({
      title: unique('hook'),
      notification: { type: 'URL', payload: { path: 'http://127.0.0.1:1/hook' } },
    }),
  }),
  ...each(v1v2('/tables/{table}/hooks/test'), {
    method: 'POST',
    need: creator,
    body: () => ({ hook: { notification: { type: 'URL', payload: { path: 'http://127.0.0.1:1/hook' } } } }),
    okStatus: 400,
  }),
  ...each(v1v2('/tables/{table}/hooks/samplePayload/after/insert/v3'), { method: 'GET', need: creator }),
  ...each([...v1v2('/hooks/{hook}'), ...v1v2('/hooks/{hook}/filters'), ...v1v2('/hooks/{hook}/logs')], {
    method: 'GET',
    need: creator,
  }),
  ...each(v1v2('/hooks/{hook}/logs/{delivery}'), { method: 'GET', need: creator }),
  ...each(v1v2('/hooks/{hook}'), { method: 'PATCH', need: creator, body: () => ({ title: unique('hook') }) }),
  ...each(v1v2('/hooks/{hook}'), { method: 'DELETE', need: creator, fresh: 'hook' }),
  ...each(v1v2('/hooks/{hook}/filters'), {
    method: 'POST',
    need: creator,
    body: (f) => ({ fk_column_id: f.ids.field, comparison_op: 'gt', value: '1' }),
  }),
  ...each(v1v2('/hooks/{hook}/filters/{hookFilter}'), {
    method: 'PATCH',
    need: creator,
    body: () => ({ value: '2' }),
  }),
  ...each(v1v2('/hooks/{hook}/filters/{hookFilter}'), {
    method: 'DELETE',
    need: creator,
    fresh: 'hookFilter',
  }),
  ...each(v1v2('/hooks/{hook}/logs/{delivery}/replay'), { method: 'POST', need: creator }),
  ...each(v1v2('/hooks/{hook}/replay'), {
    method: 'POST',
    need: creator,
    body: () => ({ from: '2000-01-01', to: '2000-01-02' }),
  }),
  ...each(v1v2('/hooks/{hook}/trigger/{record}'), { method: 'POST', need: editor }),
  // Comments on records: viewers read, commenters write (as a user). Changing a comment is up
  // to its author (collaboration/comments.test.ts); a missing one is 404 to anyone signed in.
  ...each(v1v2('/comments?fk_model_id={table}&row_id={record}'), { method: 'GET', need: viewer }),
  ...each(v1v2('/comments/count?fk_model_id={table}&ids={record}'), { method: 'GET', need: viewer }),
  ...each(v1v2('/comments'), {
    method: 'POST',
    need: { base: 'commenter', asUser: true },
    body: (f) => ({ fk_model_id: f.ids.table, row_id: f.ids.record, comment: unique('comment') }),
  }),
  ...each(v1v2('/comment/cmmissing'), {
    method: 'PATCH',
    need: 'signed-in',
    body: () => ({ comment: 'edited' }),
    okStatus: 404,
  }),
  ...each(v1v2('/comment/cmmissing'), { method: 'DELETE', need: 'signed-in', okStatus: 404 }),
  // Record order in a view (kanban cards): editors.
  {
    method: 'PUT',
    path: '/api/v2/meta/views/{view}/record-order',
    need: editor,
    body: (f) => ({ recordIds: [f.ids.record] }),
  },
  // Audit trail.
  { method: 'GET', path: '/api/v2/audits', need: 'instance-admin' },
  ...each(['/api/v2/meta/bases/{base}/audits', '/api/v1/db/meta/projects/{base}/audits'], {
    method: 'GET',
    need: creator,
  }),
  { method: 'GET', path: '/api/v2/tables/{table}/records/{record}/audits', need: viewer },
  // API tokens: managed by signed-in users only, never by a token.
  { method: 'GET', path: '/api/v1/tokens', need: 'user-only' },
  {
    method: 'POST',
    path: '/api/v1/tokens',
    need: 'user-only',
    body: () => ({ description: unique('token') }),
  },
  { method: 'DELETE', path: '/api/v1/tokens/tknmissing', need: 'user-only', okStatus: 404 },
  ...each(['/api/v2/meta/bases/{base}/api-tokens', '/api/v1/db/meta/projects/{base}/api-tokens'], {
    method: 'GET',
    need: { base: 'viewer', userOnly: true },
  }),
  ...each(['/api/v2/meta/bases/{base}/api-tokens', '/api/v1/db/meta/projects/{base}/api-tokens'], {
    method: 'POST',
    need: { base: 'viewer', userOnly: true },
    body: () => ({ description: unique('token') }),
  }),
  ...each(
    [
      '/api/v2/meta/bases/{base}/api-tokens/tknmissing',
      '/api/v1/db/meta/projects/{base}/api-tokens/tknmissing',
    ],
    { method: 'DELETE', need: { base: 'viewer', userOnly: true }, okStatus: 404 },
  ),
  // Base members.
  ...each(['/api/v2/meta/bases/{base}/users', '/api/v1/db/meta/projects/{base}/users'], {
    method: 'GET',
    need: viewer,
  }),
  ...each(['/api/v2/meta/bases/{base}/users', '/api/v1/db/meta/projects/{base}/users'], {
    method: 'POST',
    need: owner,
    body: () => ({ email: `${unique('invitee').replace(' ', '-')}@example.com`, roles: 'viewer' }),
  }),
  ...each(['/api/v2/meta/bases/{base}/users/{member}', '/api/v1/db/meta/projects/{base}/users/{member}'], {
    method: 'PATCH',
    need: owner,
    body: () => ({ roles: 'viewer' }),
  }),
  ...each(['/api/v2/meta/bases/{base}/users/usmissing', '/api/v1/db/meta/projects/{base}/users/usmissing'], {
    method: 'DELETE',
    need: owner,
    okStatus: 404,
  }),
];

/** The status a caller should get from a route. */
function expectedStatus(route: MatrixRoute, caller: Caller): number {
  const ok = route.okStatus ?? 200;
  const need = route.need;
  if (need === 'public') return ok;
  if (caller.kind === 'anonymous' || caller.kind === 'rejected') return 401;
  const isToken = caller.kind === 'token';
  if (need === 'signed-in') return ok;
  if (need === 'user-only' || need === 'instance-admin') {
    if (isToken) return 401;
    if (need === 'user-only') return ok;
    return caller.instanceAdmin ? ok : 403;
  }
  if (need === 'signed-in-writer') return caller.unscopedWriter ? ok : 403;
  if (need.userOnly && isToken) return 401;
  if (caller.roleOnBase === undefined || rank(caller.roleOnBase) < rank(need.base)) return 403;
  return need.asUser && caller.userId === undefined ? 403 : ok;
}

const order: BaseRole[] = ['no-access', 'viewer', 'commenter', 'editor', 'creator', 'owner'];
const rank = (role: BaseRole) => order.indexOf(role);

describe.each(testDialects)('route × caller matrix on %s', (dialect) => {
  let f: RoleFixture;

  beforeAll(async () => {
    f = await createRoleFixture(dialect);
  }, 120_000);
  afterAll(async () => {
    await f?.close();
  });

  it('lists every route the app registers, and nothing else', () => {
    const registered = declaredRoutes(f.t.app).map((r) => `${r.method} ${r.url}`);
    const listed = matrix.map((r) => `${r.method} ${templateOf(r.path)}`);
    expect(registered.filter((r) => !listed.includes(r)).sort()).toEqual([]);
    expect(listed.filter((r) => !registered.includes(r)).sort()).toEqual([]);
  });

  it('answers every route for every caller with exactly the expected status', async () => {
    const mismatches: string[] = [];
    for (const route of matrix)
      for (const caller of f.callers) {
        const ids = route.fresh ? await f.fresh(route.fresh) : f.ids;
        const context = { ...f, ids };
        const url = fill(route.path, ids);
        const body = route.body?.(context, caller);
        const response = await f.t.callWith(caller.headers, route.method, url, body);
        const want = expectedStatus(route, caller);
        if (response.status !== want)
          mismatches.push(
            `${route.method} ${route.path} as ${caller.name}: ${response.status} (want ${want}) ${JSON.stringify(response.body).slice(0, 160)}`,
          );
      }
    expect(mismatches).toEqual([]);
  }, 300_000);
});

/** `{table}` → `:tableId` etc., as the router registers the path. */
function templateOf(path: string): string {
  return path
    .replace(/\?.*$/, '')
    .replace('/api/v3/meta/workspaces/default/', '/api/v3/meta/workspaces/:workspaceId/')
    .replace('/default/tables', '/:sourceId/tables')
    .replace('{base}', ':baseId')
    .replace('{table}', ':tableId')
    .replace(/\/columns\/\{field\}/, '/columns/:columnId')
    .replace('{field}', ':fieldId')
    .replace('{view}', ':viewId')
    .replace('{filter}', ':filterId')
    .replace('{sort}', ':sortId')
    .replace('{record}', ':recordId')
    .replace('/samplePayload/after/insert/v3', '/samplePayload/:event/:operation/:version')
    .replace('{hookFilter}', ':hookFilterId')
    .replace('{hook}', ':hookId')
    .replace('{delivery}', ':deliveryId')
    .replace('{link}', ':linkFieldId')
    .replace('{member}', ':userId')
    .replace('/not-a-reset-token', '/:token')
    .replace('/tknmissing', '/:tokenId')
    .replace('/usmissing', '/:userId')
    .replace('/cmmissing', '/:commentId')
    .replace('/nosuchshare', '/:uuid');
}

function fill(path: string, ids: RoleFixture['ids']): string {
  return path.replace(/\{(\w+)\}/g, (_, key: string) => String(ids[key as keyof RoleFixture['ids']]));
}
