import { baseRoleAtLeast } from '@tessera/core';
import type { TesseraStore, UserModel } from '@tessera/store';
import { callerBaseRole } from '../../../server/src/auth/route-access.ts';
import { hashSecret, newSecretToken, secretHint } from '../../../server/src/auth/secret-tokens.ts';
import { cliChange, userByEmail, withAccountStore } from '../account-access.ts';
import { optionalEmailOption } from '../account-options.ts';
import { printJson } from '../cli-io.ts';
import { CliFailure, type Command, ExitCode, jsonOption, UsageError } from '../command.ts';
import { printList } from '../list-output.ts';
import { descriptionOption, expiryOption, scopeOptions } from '../token-options.ts';
import {
  basesCell,
  expiryCell,
  type TokenOwner,
  tokenJson,
  tokenRow,
  tokenTableHeader,
} from '../token-view.ts';

/** The instance's first owner: who a token acts for when no --user is given. */
async function instanceOwner(store: TesseraStore): Promise<UserModel> {
  const owner = (await store.users.list()).find((u) => u.instanceRole === 'owner');
  if (!owner)
    throw new CliFailure(
      "The instance has no owner yet: create one first with 'tessera user create --email <email>' " +
        '(the first account becomes the owner), or name the account the token acts for with --user <email>.',
    );
  return owner;
}

/** Refuses to limit a token to a base that does not exist or its user cannot see. */
async function checkBaseReach(store: TesseraStore, user: UserModel, baseId: string): Promise<void> {
  await store.bases.get(baseId);
  const actor = {
    kind: 'user',
    user: { id: user.id, email: user.email, instanceRole: user.instanceRole },
  } as const;
  if (!baseRoleAtLeast(await callerBaseRole(store, actor, baseId), 'viewer'))
    throw new CliFailure(
      `${user.email} has no access to base ${baseId}: make them a member of it first, or leave it out of --bases.`,
    );
}

/** Every account by id, to name the owners of listed tokens. */
async function ownersById(store: TesseraStore): Promise<Map<string, TokenOwner>> {
  return new Map((await store.users.list()).map((u) => [u.id, { id: u.id, email: u.email }]));
}

const createCommand: Command = {
  name: 'create',
  summary: 'Create an API token and print its secret once',
  description: [
    'Creates an API token acting for an account: the one given with --user, else the',
    "instance's owner. It can do what that account can, limited to the bases in --bases and,",
    'with --access read, to reading. The secret is printed once (with --json, as "token");',
    'only its SHA-256 hash is stored. Clients send it as the xc-token header (or as',
    '"Authorization: Bearer <token>").',
  ].join('\n'),
  options: {
    description: {
      type: 'string',
      placeholder: '<text>',
      description: 'What the token is for; its name in lists (required)',
    },
    user: {
      type: 'string',
      placeholder: '<email>',
      description: "The account the token acts for (default: the instance's owner)",
    },
    bases: {
      type: 'string',
      placeholder: '<id,id>',
      description: 'Limit the token to these bases (default: every base the account can reach)',
    },
    access: {
      type: 'string',
      placeholder: '<access>',
      description: 'read or read-write (default: read-write)',
    },
    expires: {
      type: 'string',
      placeholder: '<time>',
      description: 'When the token stops working, ISO 8601, e.g. 2030-01-31T00:00:00Z (default: never)',
    },
    ...jsonOption,
  },
  examples: [
    'tessera token create --description "n8n workflows"',
    'tessera token create --description "nightly export" --user ana@example.com --bases p8h2k4m6n0q2s4u --access read --expires 2030-01-01T00:00:00Z',
    'TOKEN=$(tessera token create --description "deploy" --json | jq -r .token)',
  ],
  async run({ options, io }) {
    const description = descriptionOption(options);
    const userEmail = optionalEmailOption(options, 'user');
    const scope = scopeOptions(options);
    const expiresAt = expiryOption(options);
    return withAccountStore(io, async (store) => {
      const owner =
        userEmail === undefined ? await instanceOwner(store) : await userByEmail(store, userEmail);
      for (const baseId of scope.baseIds ?? []) await checkBaseReach(store, owner, baseId);
      const secret = newSecretToken();
      const token = await store.tokens.create(
        {
          tokenHash: hashSecret(secret),
          hint: secretHint(secret),
          description,
          userId: owner.id,
          scope,
          origin: 'cli',
          expiresAt,
        },
        cliChange,
      );
      if (options['json'] === true) {
        printJson(io, { ...tokenJson(token, owner), token: secret });
        return ExitCode.ok;
      }
      io.stdout.write(
        `Created API token ${token.id} "${token.description}" for ${owner.email}: ` +
          `bases ${basesCell(token)}, ${token.scope.access}, expires ${expiryCell(token)}.\n`,
      );
      io.stdout.write(`Token (shown only this once; send it as the xc-token header):\n${secret}\n`);
      return ExitCode.ok;
    });
  },
};

const listCommand: Command = {
  name: 'list',
  summary: 'List the live API tokens (never their secrets)',
  description: [
    'Lists the API tokens that are not revoked, newest first: id, the last four characters of',
    'the secret, the account it acts for, its bases and access, expiry and last use. Expired',
    'tokens are listed (marked expired) until revoked. No secret is ever shown: Tessera keeps',
    'only their hashes.',
  ].join('\n'),
  options: {
    user: { type: 'string', placeholder: '<email>', description: "Only this account's tokens" },
    ...jsonOption,
  },
  examples: ['tessera token list', 'tessera token list --user ana@example.com --json'],
  async run({ options, io }) {
    const userEmail = optionalEmailOption(options, 'user');
    return withAccountStore(io, async (store) => {
      const filter = userEmail === undefined ? {} : { userId: (await userByEmail(store, userEmail)).id };
      const tokens = await store.tokens.list(filter);
      const owners = await ownersById(store);
      const ownerOf = (userId: string | null) => (userId === null ? null : (owners.get(userId) ?? null));
      printList(io, options['json'] === true, {
        items: tokens,
        json: () => ({ tokens: tokens.map((t) => tokenJson(t, ownerOf(t.userId))) }),
        empty: userEmail === undefined ? 'No API tokens.' : `No API tokens for ${userEmail}.`,
        header: tokenTableHeader,
        row: (t) => tokenRow(t, ownerOf(t.userId)),
      });
      return ExitCode.ok;
    });
  },
};

const revokeCommand: Command = {
  name: 'revoke',
  summary: 'Revoke an API token',
  description: [
    'Revokes an API token at once: running servers refuse it within a second. The token stays',
    "in the audit trail. 'tessera token list' shows the ids.",
  ].join('\n'),
  arguments: [{ name: 'tokenId', description: 'Id of the token, e.g. tknq2w8e4r6t0y1u3' }],
  options: { ...jsonOption },
  examples: ['tessera token revoke tknq2w8e4r6t0y1u3'],
  async run({ options, args, io }) {
    const id = args[0]!.trim();
    if (id === '') throw new UsageError('<tokenId> must not be empty');
    return withAccountStore(io, async (store) => {
      const token = await store.tokens.get(id);
      await store.tokens.revoke(id, cliChange);
      const owner = token.userId === null ? null : ((await ownersById(store)).get(token.userId) ?? null);
      if (options['json'] === true) printJson(io, { ok: true, revoked: tokenJson(token, owner) });
      else io.stdout.write(`Revoked API token ${token.id} (…${token.hint}, "${token.description}").\n`);
      if (token.origin === 'bootstrap')
        io.stderr.write(
          'warning: this was the TESSERA_BOOTSTRAP_TOKEN; a server started with that variable still set registers it again: unset or change the variable.\n',
        );
      return ExitCode.ok;
    });
  },
};

export const tokenCommand: Command = {
  name: 'token',
  summary: 'Create, list and revoke API tokens',
  description:
    'Manages API tokens directly in the configured database, for an operator with shell access. Changes are recorded in the audit log as made by the system actor "cli".',
  subcommands: [createCommand, listCommand, revokeCommand],
};
