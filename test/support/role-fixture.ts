// One base with a table, fields, a view, a filter, a sort and a record, plus one caller of
// every kind: users holding each base role and instance role, API tokens of every scope,
// expired, revoked and malformed credentials, and no credential at all.
import type { BaseRole, TokenScope } from '@tessera/core';
import { hashSecret, newSecretToken, secretHint } from '../../packages/server/src/auth/secret-tokens.ts';
import { createTestUser, setupChange as setup, type TestUser } from './test-accounts.ts';
import { createTestApp, type TestApp } from './test-app.ts';
import type { TestDialect } from './test-databases.ts';

export interface Caller {
  readonly name: string;
  readonly kind: 'user' | 'token' | 'anonymous' | 'rejected';
  readonly headers: Record<string, string>;
  /** The role the caller acts with on the fixture's bases (undefined: none). */
  readonly roleOnBase?: BaseRole;
  readonly instanceAdmin?: boolean;
  /** May create things outside a base: a user, or a read-write token limited to no base. */
  readonly unscopedWriter?: boolean;
  /** The user behind the caller, if any. */
  readonly userId?: string;
}

export interface FixtureIds {
  readonly base: string;
  readonly otherBase: string;
  readonly table: string;
  readonly field: string;
  readonly select: string;
  /** A link field of the table (records linked to records of the same table). */
  readonly link: string;
  readonly view: string;
  readonly filter: string;
  readonly sort: string;
  readonly record: number;
  /** A webhook of the table, one of its filters, and one of its deliveries (pending: no dispatcher runs). */
  readonly hook: string;
  readonly hookFilter: string;
  readonly delivery: string;
  /** A member of the base (the viewer), for member routes. */
  readonly member: string;
}

export interface RoleFixture {
  readonly t: TestApp;
  readonly ids: FixtureIds;
  readonly callers: readonly Caller[];
  /** Users by role name (`owner`, `creator`, …, `instance-owner`, `instance-admin`, `outsider`). */
  readonly users: ReadonlyMap<string, TestUser>;
  /** Ids with a fresh object of the given kind (made with the bootstrap token). */
  fresh(
    kind: 'base' | 'table' | 'field' | 'view' | 'filter' | 'sort' | 'record' | 'hook' | 'hookFilter',
  ): Promise<FixtureIds>;
  close(): Promise<void>;
}

const memberRoles: BaseRole[] = ['owner', 'creator', 'editor', 'commenter', 'viewer', 'no-access'];

export async function createRoleFixture(dialect: TestDialect): Promise<RoleFixture> {
  const t = await createTestApp(dialect);
  const ok = async (method: string, url: string, body?: unknown) => {
    const response = await t.call(method, url, body);
    if (response.status !== 200)
      throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  const users = new Map<string, TestUser>();
  const addUser = async (name: string, instanceRole: 'owner' | 'admin' | 'member') => {
    users.set(name, await createTestUser(t, `${name}@example.com`, { instanceRole }));
  };
  /** The user's JWT, for other ways of sending it. */
  const jwtOf = (name: string) => users.get(name)!.headers['xc-auth']!;
  await addUser('instance-owner', 'owner');
  await addUser('instance-admin', 'admin');
  for (const role of memberRoles) await addUser(role, 'member');
  await addUser('outsider', 'member');

  const grantRoles = async (baseId: string) => {
    for (const role of memberRoles) await t.store.members.set(baseId, users.get(role)!.id, role, setup);
  };

  const newBase = async (title: string) => {
    const base = await ok('POST', '/api/v2/meta/bases', { title });
    await grantRoles(base.id);
    return base.id as string;
  };
  const base = await newBase('Matrix');
  const otherBase = await newBase('Other');
  const table = await ok('POST', `/api/v2/meta/bases/${base}/tables`, {
    title: 'Things',
    columns: [
      { title: 'Name', uidt: 'SingleLineText' },
      { title: 'Score', uidt: 'Number' },
      { title: 'Stage', uidt: 'SingleSelect', colOptions: { options: [{ title: 'a' }, { title: 'b' }] } },
    ],
  });
  const fieldId = (title: string) =>
    table.columns.find((c: { title: string }) => c.title === title).id as string;
  const newView = async () =>
    (await ok('POST', `/api/v2/meta/tables/${table.id}/grids`, { title: `v${Math.random()}` })).id;
  const view = await newView();
  const newFilter = async (viewId: string) =>
    (
      await ok('POST', `/api/v2/meta/views/${viewId}/filters`, {
        fk_column_id: fieldId('Score'),
        comparison_op: 'gt',
        value: '0',
      })
    ).id as string;
  const newSort = async (viewId: string) =>
    (
      await ok('POST', `/api/v2/meta/views/${viewId}/sorts`, {
        fk_column_id: fieldId('Name'),
        direction: 'asc',
      })
    ).id as string;
  const newLink = async () =>
    (
      await ok('POST', `/api/v2/meta/tables/${table.id}/columns`, {
        title: 'Parts',
        uidt: 'Links',
        type: 'hm',
        childId: table.id,
      })
    ).columns.find((c: { title: string }) => c.title === 'Parts').id as string;
  const newRecord = async () =>
    (await ok('POST', `/api/v2/tables/${table.id}/records`, { Name: 'thing' })).Id as number;
  const newHook = async () =>
    (
      await ok('POST', `/api/v2/meta/tables/${table.id}/hooks`, {
        title: `hook ${Math.random()}`,
        notification: { type: 'URL', payload: { method: 'POST', path: 'http://127.0.0.1:1/hook' } },
      })
    ).id as string;
  const newHookFilter = async (hookId: string) =>
    (
      await ok('POST', `/api/v2/meta/hooks/${hookId}/filters`, {
        fk_column_id: fieldId('Score'),
        comparison_op: 'gt',
        value: '0',
      })
    ).id as string;

  const record = await newRecord();
  const hook = await newHook();
  const delivery = (await ok('POST', `/api/v2/meta/hooks/${hook}/trigger/${record}`)).delivery.id as string;
  const ids: FixtureIds = {
    base,
    otherBase,
    table: table.id,
    field: fieldId('Score'),
    select: fieldId('Stage'),
    link: await newLink(),
    view,
    filter: await newFilter(view),
    sort: await newSort(view),
    record,
    hook,
    hookFilter: await newHookFilter(hook),
    delivery,
    member: users.get('viewer')!.id,
  };

  const token = async (
    name: string,
    userId: string | null,
    scope: TokenScope,
    expiresAt: string | null = null,
  ) => {
    const secret = newSecretToken();
    const created = await t.store.tokens.create(
      {
        tokenHash: hashSecret(secret),
        hint: secretHint(secret),
        description: name,
        userId,
        scope,
        origin: 'api',
        expiresAt,
      },
      setup,
    );
    return { secret, id: created.id };
  };
  const all = { baseIds: null, access: 'read-write' } as const;
  const editorWrite = await token('editor read-write', users.get('editor')!.id, all);
  const editorRead = await token('editor read-only', users.get('editor')!.id, {
    baseIds: null,
    access: 'read',
  });
  const scopedOther = await token('owner, other base only', users.get('owner')!.id, {
    baseIds: [otherBase],
    access: 'read-write',
  });
  const expired = await token('expired', users.get('owner')!.id, all, '2000-01-01 00:00:00+00:00');
  const revoked = await token('revoked', users.get('owner')!.id, all);
  await t.store.tokens.revoke(revoked.id, setup);

  const userCaller = (name: string, role: BaseRole, instanceAdmin = false): Caller => ({
    name: `user:${name}`,
    kind: 'user',
    headers: users.get(name)!.headers,
    roleOnBase: role,
    instanceAdmin,
    unscopedWriter: true,
    userId: users.get(name)!.id,
  });
  const callers: Caller[] = [
    userCaller('instance-owner', 'owner', true),
    userCaller('instance-admin', 'owner', true),
    ...memberRoles.map((role) => userCaller(role, role)),
    userCaller('outsider', 'no-access'),
    {
      name: 'bearer-jwt:editor',
      kind: 'user',
      headers: { authorization: `Bearer ${jwtOf('editor')}` },
      roleOnBase: 'editor',
      unscopedWriter: true,
      userId: users.get('editor')!.id,
    },
    {
      name: 'token:bootstrap',
      kind: 'token',
      headers: { 'xc-token': t.token },
      roleOnBase: 'owner',
      unscopedWriter: true,
    },
    {
      name: 'token:editor-rw',
      kind: 'token',
      headers: { 'xc-token': editorWrite.secret },
      roleOnBase: 'editor',
      unscopedWriter: true,
      userId: users.get('editor')!.id,
    },
    {
      name: 'bearer-token:editor-rw',
      kind: 'token',
      headers: { authorization: `Bearer ${editorWrite.secret}` },
      roleOnBase: 'editor',
      unscopedWriter: true,
      userId: users.get('editor')!.id,
    },
    {
      name: 'token:editor-read',
      kind: 'token',
      headers: { 'xc-token': editorRead.secret },
      roleOnBase: 'viewer',
      unscopedWriter: false,
      userId: users.get('editor')!.id,
    },
    {
      name: 'token:scoped-to-other-base',
      kind: 'token',
      headers: { 'xc-token': scopedOther.secret },
      roleOnBase: 'no-access',
      unscopedWriter: false,
      userId: users.get('owner')!.id,
    },
    { name: 'token:expired', kind: 'rejected', headers: { 'xc-token': expired.secret } },
    { name: 'token:revoked', kind: 'rejected', headers: { 'xc-token': revoked.secret } },
    { name: 'token:unknown', kind: 'rejected', headers: { 'xc-token': newSecretToken() } },
    {
      name: 'jwt:forged',
      kind: 'rejected',
      headers: { 'xc-auth': `${jwtOf('owner').slice(0, -4)}AAAA` },
    },
    { name: 'anonymous', kind: 'anonymous', headers: {} },
  ];

  return {
    t,
    ids,
    callers,
    users,
    async fresh(kind) {
      switch (kind) {
        case 'base':
          return { ...ids, base: await newBase(`Doomed ${Math.random()}`) };
        case 'table': {
          const doomed = await ok('POST', `/api/v2/meta/bases/${base}/tables`, {
            title: `Doomed ${Math.random()}`,
          });
          return { ...ids, table: doomed.id };
        }
        case 'field': {
          const updated = await ok('POST', `/api/v2/meta/tables/${table.id}/columns`, {
            title: `Doomed ${Math.random()}`,
            uidt: 'Number',
          });
          return { ...ids, field: updated.columns.at(-1).id };
        }
        case 'view':
          return { ...ids, view: await newView() };
        case 'filter':
          return { ...ids, filter: await newFilter(view) };
        case 'sort':
          return { ...ids, sort: await newSort(await newView()) };
        case 'record':
          return { ...ids, record: await newRecord() };
        case 'hook':
          return { ...ids, hook: await newHook() };
        case 'hookFilter':
          return { ...ids, hookFilter: await newHookFilter(hook) };
      }
    },
    close: () => t.close(),
  };
}
