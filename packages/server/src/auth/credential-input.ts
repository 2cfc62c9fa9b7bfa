import { TesseraError } from '@tessera/core';
import { normaliseEmail } from '@tessera/store';
import { isEmailAddress, MIN_PASSWORD_LENGTH } from '../config/auth-config.ts';
import type { JsonObject } from '../routes/request-body.ts';

/** Longer passwords are refused before any hashing (argon2 would take them, slowly). */
export const MAX_PASSWORD_LENGTH = 1024;
/** Longest first or last name kept. */
export const MAX_NAME_LENGTH = 255;
/** Longest secret accepted from a link or cookie (ours are 40 characters). */
const MAX_SECRET_LENGTH = 256;

function invalid(message: string): TesseraError {
  return new TesseraError('ERR_INVALID_REQUEST_BODY', message);
}

/** The first of `keys` present in the body (NocoDB and Tessera spell some fields differently). */
function pick(body: JsonObject, keys: readonly string[]): [string, unknown] {
  const key = keys.find((k) => body[k] !== undefined) ?? keys[0] ?? '';
  return [key, body[key]];
}

/** A required e-mail address, trimmed and lowercased. */
export function emailOf(body: JsonObject, key = 'email'): string {
  const value = body[key];
  if (value === undefined || value === null || value === '') throw invalid(`'${key}' is required`);
  if (typeof value !== 'string') throw invalid(`'${key}' must be a string`);
  const email = normaliseEmail(value);
  if (!isEmailAddress(email)) throw invalid('Invalid email');
  return email;
}

/**
 * A required password. `newPassword` also checks the length policy (at least
 * MIN_PASSWORD_LENGTH characters); a password being checked is only bounded.
 */
export function passwordOf(body: JsonObject, keys: readonly string[], newPassword: boolean): string {
  const [key, value] = pick(body, keys);
  if (value === undefined || value === null || value === '') throw invalid(`'${key}' is required`);
  if (typeof value !== 'string') throw invalid(`'${key}' must be a string`);
  if (value.length > MAX_PASSWORD_LENGTH)
    throw invalid(`Password must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  if (newPassword && value.length < MIN_PASSWORD_LENGTH)
    throw invalid(`Password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  return value;
}

/** An optional first or last name: undefined when absent, null when cleared. */
export function nameOf(body: JsonObject, key: string): string | null | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') throw invalid(`'${key}' must be a string`);
  const name = value.trim();
  if (name.length > MAX_NAME_LENGTH) throw invalid(`'${key}' must be at most ${MAX_NAME_LENGTH} characters`);
  return name === '' ? null : name;
}

/** An optional secret (invitation token) from the body. */
export function optionalSecretOf(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_SECRET_LENGTH)
    throw new TesseraError('ERR_INVITATION_INVALID', 'Invalid invite url');
  return value;
}

/** True when a secret from a path or cookie is plausible enough to look up. */
export function plausibleSecret(value: string | undefined): value is string {
  return value !== undefined && value.length > 0 && value.length <= MAX_SECRET_LENGTH;
}
