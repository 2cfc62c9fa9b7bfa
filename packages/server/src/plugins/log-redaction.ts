/** What a secret's value is replaced with in the log. */
export const REDACTED = '[Redacted]';

/** Keys whose values are credentials, compared in lower case; and any key ending in `password`. */
const SECRET_KEYS = new Set([
  'token',
  'secret',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'xc-token',
  'xc-auth',
  'jwtsecret',
  'bootstraptoken',
  'metricstoken',
  'refreshtoken',
  'refresh_token',
  'accesstoken',
  'access_token',
  'apikey',
  'api_key',
]);

/** Plain objects are searched this deep (the logged object itself is depth 0). */
const MAX_DEPTH = 4;

export function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  return SECRET_KEYS.has(lower) || lower.endsWith('password');
}

/**
 * `value` with every credential-named field of its plain objects and arrays replaced by
 * `[Redacted]`, copying only what changes (the caller's objects are never modified). Instances
 * of classes (requests, replies, errors, buffers) are left alone: their log serializers decide
 * what of them is written. Cheap when nothing matches, so it can run on every log line.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const next = redactSecrets(value[i], depth + 1);
      if (next !== value[i]) {
        copy ??= [...value];
        copy[i] = next;
      }
    }
    return copy ?? value;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const current = record[key];
    const next = isSecretKey(key)
      ? current === undefined
        ? current
        : REDACTED
      : redactSecrets(current, depth + 1);
    if (next !== current) {
      copy ??= { ...record };
      copy[key] = next;
    }
  }
  return copy ?? value;
}
