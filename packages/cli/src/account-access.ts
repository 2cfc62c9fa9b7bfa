import {
  type ChangeContext,
  readSchemaStatus,
  SchemaTooNewError,
  type TesseraStore,
  type UserModel,
} from '@tessera/store';
import type { CliIo } from './cli-io.ts';
import { CliFailure, type ExitCodeValue } from './command.ts';
import { withConfiguredStore } from './configured-store.ts';

/** Who the audit trail names for changes made with `tessera user …` and `tessera token …`. */
export const cliChange: ChangeContext = Object.freeze({
  actor: Object.freeze({ type: 'system', id: 'cli', name: 'cli', userId: null }),
  ip: null,
});

/**
 * Opens the configured database for an account command, after checking its schema is the one
 * this Tessera writes. It never migrates: a newer CLI must not upgrade the database under an
 * older running server, so a pending migration is for `tessera migrate up` to apply.
 */
export async function withAccountStore(
  io: CliIo,
  use: (store: TesseraStore) => Promise<ExitCodeValue>,
): Promise<ExitCodeValue> {
  return withConfiguredStore(io, async (store) => {
    const status = await readSchemaStatus(store.context.database);
    if (!status.initialized)
      throw new CliFailure(
        "The database has no Tessera schema yet: run 'tessera migrate up' (or start the server once) first.",
      );
    if (status.current > status.latest) throw new SchemaTooNewError(status.current, status.latest);
    if (status.pending.length > 0)
      throw new CliFailure(
        `The database schema is at version ${status.current} and this Tessera needs ${status.latest}: ` +
          "run 'tessera migrate up' (or start the server once) first.",
      );
    return use(store);
  });
}

/** The account with this (normalised) e-mail address, or a failure naming it. */
export async function userByEmail(store: TesseraStore, email: string): Promise<UserModel> {
  const user = await store.users.findByEmail(email);
  if (!user) throw new CliFailure(`There is no account for ${email} ('tessera user list' shows them all).`);
  return user;
}
