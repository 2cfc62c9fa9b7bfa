/** The native argon2 module, loaded on the first password hashed or checked. */
const argon2 = () => import('@node-rs/argon2');

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which our module settings cannot import). */
const ARGON2ID = 2;

/** argon2id with OWASP's recommended memory and time costs (19 MiB, 2 passes). */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A fixed hash to verify against when no account exists, so timing does not tell. */
let decoyHash: Promise<string> | undefined;

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, OPTIONS);
}

/** True when the password matches; always spends the same work, even without a hash. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    decoyHash ??= hashPassword('tessera-decoy-password');
    await (await argon2()).verify(await decoyHash, password).catch(() => false);
    return false;
  }
  try {
    return await (await argon2()).verify(passwordHash, password);
  } catch {
    return false;
  }
}
