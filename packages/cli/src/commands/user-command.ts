import { INSTANCE_ROLES } from '@tessera/core';
import type { UserModel } from '@tessera/store';
import { hashPassword } from '../../../server/src/auth/passwords.ts';
import { cliChange, userByEmail, withAccountStore } from '../account-access.ts';
import { emailOption, nameOption } from '../account-options.ts';
import { type CliIo, printJson } from '../cli-io.ts';
import { CliFailure, type Command, ExitCode, jsonOption } from '../command.ts';
import { printList } from '../list-output.ts';
import { choiceOption } from '../option-values.ts';
import { type PasswordChoice, passwordOption, passwordOptions } from '../password-input.ts';
import { timeCell } from '../text-table.ts';

const emailSpec = {
  type: 'string',
  placeholder: '<email>',
  description: 'E-mail address of the account (required)',
} as const;

/** An account as the commands print it with --json: never its password hash. */
function userJson(user: UserModel) {
  return {
    id: user.id,
    email: user.email,
    firstname: user.firstname,
    lastname: user.lastname,
    instanceRole: user.instanceRole,
    emailVerified: user.emailVerified,
    createdAt: user.createdAt,
    lastSigninAt: user.lastSigninAt,
  };
}

/**
 * What a command that set a password prints: `result` as JSON or as text, with a generated
 * password shown once for the operator to hand over (in JSON as `password`).
 */
function printWithPassword(
  io: CliIo,
  json: boolean,
  choice: PasswordChoice,
  result: { readonly json: object; readonly text: string },
): void {
  const generated = choice.generated ? choice.password : undefined;
  if (json) printJson(io, generated === undefined ? result.json : { ...result.json, password: generated });
  else {
    io.stdout.write(result.text);
    if (generated !== undefined)
      io.stdout.write(`Generated password (shown only this once; hand it over securely):\n${generated}\n`);
  }
}

const createCommand: Command = {
  name: 'create',
  summary: 'Create an account; without a password option one is generated and shown once',
  description: [
    'Creates an account directly in the configured database, as the server would on sign-up.',
    'The first account of an instance becomes its owner. The password is stored as an',
    'argon2id hash; when neither --password nor --password-stdin is given, a strong one is',
    'generated and printed once (with --json, as "password") for you to hand over.',
  ].join('\n'),
  options: {
    email: emailSpec,
    ...passwordOptions,
    role: {
      type: 'string',
      placeholder: '<role>',
      description:
        'Instance role: owner, admin or member (default: owner for the first account, else member)',
    },
    firstname: { type: 'string', placeholder: '<name>', description: 'First name' },
    lastname: { type: 'string', placeholder: '<name>', description: 'Last name' },
    ...jsonOption,
  },
  examples: [
    'tessera user create --email owner@example.com',
    'printf \'%s\' "$ADMIN_PASSWORD" | tessera user create --email ops@example.com --role admin --password-stdin',
    'tessera user create --email ana@example.com --firstname Ana --lastname Lima --json',
  ],
  async run({ options, io }) {
    const email = emailOption(options);
    const role = choiceOption(options, 'role', INSTANCE_ROLES);
    const firstname = nameOption(options, 'firstname');
    const lastname = nameOption(options, 'lastname');
    const choice = await passwordOption(options);
    const passwordHash = await hashPassword(choice.password);
    return withAccountStore(io, async (store) => {
      if (role !== undefined && role !== 'owner' && (await store.users.count()) === 0)
        throw new CliFailure(
          'The instance has no accounts yet and its first account becomes the owner: leave out --role (or pass --role owner).',
        );
      const user = await store.users.create(
        { email, passwordHash, firstname, lastname, ...(role === undefined ? {} : { instanceRole: role }) },
        cliChange,
      );
      printWithPassword(io, options['json'] === true, choice, {
        json: userJson(user),
        text: `Created ${user.email} (${user.id}) with instance role ${user.instanceRole}.\n`,
      });
      return ExitCode.ok;
    });
  },
};

const listCommand: Command = {
  name: 'list',
  summary: 'List the accounts: id, e-mail, instance role, created, last sign-in',
  description: 'Lists every account of the instance, oldest first. Shows no password or hash.',
  options: { ...jsonOption },
  examples: ['tessera user list', 'tessera user list --json'],
  run: ({ options, io }) =>
    withAccountStore(io, async (store) => {
      const users = await store.users.list();
      printList(io, options['json'] === true, {
        items: users,
        json: () => ({ users: users.map(userJson) }),
        empty: "No accounts yet: create the owner with 'tessera user create --email <email>'.",
        header: ['id', 'email', 'role', 'created', 'last sign-in'],
        row: (u) => [u.id, u.email, u.instanceRole, u.createdAt, timeCell(u.lastSigninAt)],
      });
      return ExitCode.ok;
    }),
};

const resetPasswordCommand: Command = {
  name: 'reset-password',
  summary: "Set an account's password and end its sessions; generates one unless given",
  description: [
    'Sets a new password for an account and ends every session it has: JWTs issued so far',
    'stop working (within a second on a running server), refresh tokens and pending reset',
    'links are revoked, so every browser and app signs in again. API tokens keep working',
    "(see 'tessera token revoke'). Without --password or --password-stdin a strong password",
    'is generated and printed once.',
  ].join('\n'),
  options: { email: emailSpec, ...passwordOptions, ...jsonOption },
  examples: [
    'tessera user reset-password --email ana@example.com',
    'printf \'%s\' "$NEW_PASSWORD" | tessera user reset-password --email ana@example.com --password-stdin',
  ],
  async run({ options, io }) {
    const email = emailOption(options);
    const choice = await passwordOption(options);
    const passwordHash = await hashPassword(choice.password);
    return withAccountStore(io, async (store) => {
      const user = await userByEmail(store, email);
      await store.users.update(
        user.id,
        { passwordHash, bumpTokenVersion: true },
        cliChange,
        'user.password_reset',
        (executor) => store.sessions.endSessions(executor, user.id),
      );
      printWithPassword(io, options['json'] === true, choice, {
        json: { id: user.id, email: user.email, sessionsEnded: true },
        text: `Set a new password for ${user.email}; its sessions were ended.\n`,
      });
      return ExitCode.ok;
    });
  },
};

export const userCommand: Command = {
  name: 'user',
  summary: 'Create and list accounts, reset a password',
  description:
    'Manages the accounts of the instance directly in the configured database, for an operator with shell access (e.g. to create the first owner, or when nobody can sign in). Changes are recorded in the audit log as made by the system actor "cli".',
  subcommands: [createCommand, listCommand, resetPasswordCommand],
};
