import { parseTokenExpiry, TOKEN_ACCESS, type TokenScope } from '@tessera/core';
import { type CommandContext, UsageError } from './command.ts';
import { choiceOption, requiredOption, stringOption } from './option-values.ts';

type Options = CommandContext['options'];

/** As the API: a token's description is its name in lists. */
const MAX_DESCRIPTION = 255;

export function descriptionOption(options: Options): string {
  const description = requiredOption(options, 'description', '<text>');
  if (description.length > MAX_DESCRIPTION)
    throw new UsageError(`--description must be at most ${MAX_DESCRIPTION} characters long`);
  return description;
}

/** `--bases id,id` and `--access` → the token's scope (every base when --bases is absent). */
export function scopeOptions(options: Options): TokenScope {
  const bases = stringOption(options, 'bases');
  const baseIds =
    bases === undefined
      ? null
      : [
          ...new Set(
            bases
              .split(',')
              .map((id) => id.trim())
              .filter((id) => id !== ''),
          ),
        ];
  if (baseIds !== null && baseIds.length === 0)
    throw new UsageError('--bases needs base ids separated by commas, e.g. --bases pabc123,pdef456');
  return { baseIds, access: choiceOption(options, 'access', TOKEN_ACCESS, 'read-write') };
}

/**
 * `--expires`: ISO 8601 date and time in the future (no zone means UTC; a bare date is
 * midnight UTC) → canonical UTC text, read as the API reads `expires_at`. Null when absent.
 */
export function expiryOption(options: Options, now = Date.now()): string | null {
  const value = stringOption(options, 'expires');
  if (value === undefined) return null;
  const expiry = parseTokenExpiry(value, now);
  if (expiry.ok) return expiry.value;
  throw new UsageError(
    expiry.problem === 'not-in-future'
      ? `--expires must be in the future; got '${value}'`
      : `--expires must be an ISO 8601 date and time such as 2030-01-31T13:45:00Z; got '${value}'`,
  );
}
