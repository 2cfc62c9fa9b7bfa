/**
 * Accounts and sign-in settings, read with the rest of the configuration:
 *
 * | Variable                        | Default                                   |
 * | ------------------------------- | ----------------------------------------- |
 * | TESSERA_ADMIN_EMAIL             | none: creates the owner on first start     |
 * | TESSERA_ADMIN_PASSWORD          | none: required with TESSERA_ADMIN_EMAIL    |
 * | TESSERA_BOOTSTRAP_TOKEN         | none: registers this API token (hashed)    |
 * | TESSERA_OPEN_SIGNUP             | false: sign-up after the first by invite   |
 * | TESSERA_JWT_EXPIRES_IN          | `10h` (seconds, or with s/m/h/d)           |
 * | TESSERA_REFRESH_TOKEN_DAYS      | 30 (1..365)                               |
 * | TESSERA_TRUST_PROXY             | false: client address from X-Forwarded-For only when true, a hop count or a list of proxy addresses |
 * | SMTP_URL                        | none: reset and invitation links are logged |
 * | SMTP_FROM                       | `Tessera <no-reply@localhost>`            |
 */
export interface AuthConfig {
  readonly adminEmail: string | null;
  readonly adminPassword: string | null;
  readonly bootstrapToken: string | null;
  readonly openSignup: boolean;
  readonly jwtLifetimeSeconds: number;
  readonly refreshTokenDays: number;
  /** Fastify's `trustProxy`: false, true, a hop count, or a comma-separated address list. */
  readonly trustProxy: boolean | number | string;
  readonly smtpUrl: string | null;
  readonly smtpFrom: string;
}

export const AUTH_DEFAULTS: AuthConfig = Object.freeze({
  adminEmail: null,
  adminPassword: null,
  bootstrapToken: null,
  openSignup: false,
  jwtLifetimeSeconds: 10 * 3600,
  refreshTokenDays: 30,
  trustProxy: false,
  smtpUrl: null,
  smtpFrom: 'Tessera <no-reply@localhost>',
});

/** Passwords shorter than this are refused everywhere (NocoDB's minimum). */
export const MIN_PASSWORD_LENGTH = 8;
/** A bootstrap token must be at least this long, so it cannot be guessed. */
export const MIN_BOOTSTRAP_TOKEN_LENGTH = 32;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DURATION = /^(\d+)\s*([smhd]?)$/i;
const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };
const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** `3600`, `45m`, `10h`, `7d` (seconds, or with s, m, h or d) → seconds; NaN for anything else. */
export function durationSeconds(text: string): number {
  const match = DURATION.exec(text);
  return match ? Number(match[1]) * (UNIT_SECONDS[(match[2] ?? '').toLowerCase()] ?? 1) : Number.NaN;
}

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** Reads the accounts settings; pushes one sentence per problem (never a secret's value). */
export function loadAuthConfig(read: (name: string) => string | undefined, problems: string[]): AuthConfig {
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (TRUE.has(raw)) return true;
    if (FALSE.has(raw)) return false;
    problems.push(`${name} must be true or false (got ${JSON.stringify(raw.slice(0, 40))})`);
    return fallback;
  };

  const adminEmail = read('TESSERA_ADMIN_EMAIL')?.toLowerCase() ?? null;
  const adminPassword = read('TESSERA_ADMIN_PASSWORD') ?? null;
  if (adminEmail !== null && !isEmailAddress(adminEmail))
    problems.push(
      `TESSERA_ADMIN_EMAIL must be an e-mail address (got ${JSON.stringify(adminEmail.slice(0, 80))})`,
    );
  if ((adminEmail === null) !== (adminPassword === null))
    problems.push('TESSERA_ADMIN_EMAIL and TESSERA_ADMIN_PASSWORD must be set together');
  if (adminPassword !== null && adminPassword.length < MIN_PASSWORD_LENGTH)
    problems.push(`TESSERA_ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters long`);

  const bootstrapToken = read('TESSERA_BOOTSTRAP_TOKEN') ?? null;
  if (
    bootstrapToken !== null &&
    (bootstrapToken.length < MIN_BOOTSTRAP_TOKEN_LENGTH || /\s/.test(bootstrapToken))
  )
    problems.push(
      `TESSERA_BOOTSTRAP_TOKEN must be at least ${MIN_BOOTSTRAP_TOKEN_LENGTH} characters without spaces (e.g. the output of \`openssl rand -hex 24\`)`,
    );

  let jwtLifetimeSeconds = AUTH_DEFAULTS.jwtLifetimeSeconds;
  const lifetime = read('TESSERA_JWT_EXPIRES_IN');
  if (lifetime !== undefined) {
    const seconds = durationSeconds(lifetime);
    if (Number.isSafeInteger(seconds) && seconds >= 60 && seconds <= 30 * 86400) jwtLifetimeSeconds = seconds;
    else
      problems.push(
        `TESSERA_JWT_EXPIRES_IN must be a duration from 60s to 30d, such as 3600, 45m, 10h or 7d (got ${JSON.stringify(lifetime.slice(0, 40))})`,
      );
  }

  let refreshTokenDays = AUTH_DEFAULTS.refreshTokenDays;
  const refreshDays = read('TESSERA_REFRESH_TOKEN_DAYS');
  if (refreshDays !== undefined) {
    const days = /^[0-9]+$/.test(refreshDays) ? Number(refreshDays) : Number.NaN;
    if (days >= 1 && days <= 365) refreshTokenDays = days;
    else
      problems.push(
        `TESSERA_REFRESH_TOKEN_DAYS must be an integer from 1 to 365 (got ${JSON.stringify(refreshDays.slice(0, 40))})`,
      );
  }

  let trustProxy: AuthConfig['trustProxy'] = false;
  const proxy = read('TESSERA_TRUST_PROXY');
  if (proxy !== undefined) {
    const lower = proxy.toLowerCase();
    if (TRUE.has(lower)) trustProxy = true;
    else if (FALSE.has(lower)) trustProxy = false;
    else if (/^[0-9]{1,2}$/.test(proxy)) trustProxy = Number(proxy);
    else if (/^[0-9a-f.:/,\s]+$/i.test(proxy)) trustProxy = proxy;
    else
      problems.push(
        'TESSERA_TRUST_PROXY must be true, false, a hop count, or a comma-separated list of proxy addresses or CIDR ranges',
      );
  }

  const smtpUrl = read('SMTP_URL') ?? null;
  if (smtpUrl !== null && !/^smtps?:\/\//i.test(smtpUrl))
    problems.push(
      'SMTP_URL must start with smtp:// or smtps:// (e.g. smtps://user:password@mail.example.com:465)',
    );

  return Object.freeze({
    adminEmail,
    adminPassword,
    bootstrapToken,
    openSignup: flag('TESSERA_OPEN_SIGNUP', AUTH_DEFAULTS.openSignup),
    jwtLifetimeSeconds,
    refreshTokenDays,
    trustProxy,
    smtpUrl,
    smtpFrom: read('SMTP_FROM') ?? AUTH_DEFAULTS.smtpFrom,
  });
}
