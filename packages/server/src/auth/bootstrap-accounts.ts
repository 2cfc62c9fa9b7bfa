import type { TesseraStore } from '@tessera/store';
import type { AuthConfig } from '../config/auth-config.ts';
import { hashPassword } from './passwords.ts';
import { hashSecret, secretHint } from './secret-tokens.ts';

const bootstrapChange = {
  actor: { type: 'system', id: 'bootstrap', name: 'bootstrap', userId: null },
  ip: null,
} as const;

/**
 * Applies the headless bootstrap variables, idempotently on every start:
 * TESSERA_ADMIN_EMAIL/PASSWORD create the instance owner when the instance has no owner yet;
 * TESSERA_BOOTSTRAP_TOKEN registers (or rotates to) a known API token, owned by that owner.
 * Returns what it did, for one log line each.
 */
export async function bootstrapAccounts(store: TesseraStore, auth: AuthConfig): Promise<string[]> {
  const done: string[] = [];
  if (auth.adminEmail !== null && auth.adminPassword !== null) {
    const owners = (await store.users.list()).filter((u) => u.instanceRole === 'owner');
    if (owners.length === 0) {
      const existing = await store.users.findByEmail(auth.adminEmail);
      if (existing)
        await store.users.update(existing.id, { instanceRole: 'owner' }, bootstrapChange, 'user.promote');
      else
        await store.users.create(
          {
            email: auth.adminEmail,
            passwordHash: await hashPassword(auth.adminPassword),
            instanceRole: 'owner',
            emailVerified: true,
          },
          bootstrapChange,
        );
      done.push(`instance owner ${auth.adminEmail} created from TESSERA_ADMIN_EMAIL`);
    }
  }
  if (auth.bootstrapToken !== null) {
    const owner =
      (auth.adminEmail !== null ? await store.users.findByEmail(auth.adminEmail) : undefined) ??
      (await store.users.list()).find((u) => u.instanceRole === 'owner');
    const changed = await store.tokens.ensureBootstrap(
      {
        tokenHash: hashSecret(auth.bootstrapToken),
        hint: secretHint(auth.bootstrapToken),
        userId: owner?.id ?? null,
        scope: { baseIds: null, access: 'read-write' },
        expiresAt: null,
      },
      bootstrapChange,
    );
    if (changed) done.push('API token from TESSERA_BOOTSTRAP_TOKEN registered');
  }
  return done;
}
