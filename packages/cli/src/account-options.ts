import { normaliseEmail } from '@tessera/store';
import { MAX_NAME_LENGTH } from '../../server/src/auth/credential-input.ts';
import { isEmailAddress } from '../../server/src/config/auth-config.ts';
import { type CommandContext, UsageError } from './command.ts';
import { requiredOption, stringOption } from './option-values.ts';

type Options = CommandContext['options'];

function checkedEmail(name: string, value: string): string {
  const email = normaliseEmail(value);
  if (!isEmailAddress(email)) throw new UsageError(`--${name} must be an e-mail address; got '${value}'`);
  return email;
}

/** A required e-mail option (`--email`), normalised as accounts store it (trimmed, lowercased). */
export function emailOption(options: Options, name = 'email'): string {
  return checkedEmail(name, requiredOption(options, name, '<email>'));
}

/** An optional e-mail option (`token --user`). */
export function optionalEmailOption(options: Options, name: string): string | undefined {
  const value = stringOption(options, name);
  return value === undefined ? undefined : checkedEmail(name, value);
}

/** An optional first or last name, as the API keeps them (at most MAX_NAME_LENGTH characters). */
export function nameOption(options: Options, name: string): string | null {
  const value = stringOption(options, name);
  if (value === undefined) return null;
  if (value.length > MAX_NAME_LENGTH)
    throw new UsageError(`--${name} must be at most ${MAX_NAME_LENGTH} characters long`);
  return value;
}
