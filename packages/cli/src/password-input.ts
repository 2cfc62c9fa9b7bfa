import { MAX_PASSWORD_LENGTH } from '../../server/src/auth/credential-input.ts';
import { newSecretToken } from '../../server/src/auth/secret-tokens.ts';
import { MIN_PASSWORD_LENGTH } from '../../server/src/config/auth-config.ts';
import { type CommandContext, type OptionSpec, UsageError } from './command.ts';

/** `--password` and `--password-stdin`, shared by `user create` and `user reset-password`. */
export const passwordOptions: Readonly<Record<'password' | 'password-stdin', OptionSpec>> = {
  password: {
    type: 'string',
    placeholder: '<password>',
    description: `The password, at least ${MIN_PASSWORD_LENGTH} characters (shows in the process list: prefer --password-stdin)`,
  },
  'password-stdin': {
    type: 'boolean',
    description: 'Read the password from standard input (one line, piped in)',
  },
};

/** The password to set, and whether it was generated (and so must be shown once). */
export interface PasswordChoice {
  readonly password: string;
  readonly generated: boolean;
}

/** Generated passwords: 24 letters and digits, about 143 bits, and no leading dash. */
const GENERATED_LENGTH = 24;
/** Read from stdin at most this much: a password and its line ending, with room to spare. */
const STDIN_LIMIT = MAX_PASSWORD_LENGTH * 4 + 2;

export function generatePassword(): string {
  let password = '';
  while (password.length < GENERATED_LENGTH) password += newSecretToken().replace(/[^A-Za-z0-9]/g, '');
  return password.slice(0, GENERATED_LENGTH);
}

/** The password policy of the API; messages never repeat the password. */
function checkedPassword(password: string, source: string): string {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new UsageError(`${source} must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new UsageError(`${source} must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  return password;
}

/** Standard input up to its end; refused from a terminal, where typing would echo the password. */
async function readPipedStdin(): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY)
    throw new UsageError(
      '--password-stdin reads a piped password (printf \'%s\' "$PASSWORD" | tessera …); standard input is a terminal',
    );
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size > STDIN_LIMIT) throw new UsageError('the password on standard input is too long');
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One line: its line ending is dropped; more lines are refused rather than guessed at. */
function passwordLine(text: string): string {
  const line = text.replace(/\r?\n$/, '');
  if (line === '') throw new UsageError('--password-stdin got no password on standard input');
  if (/[\r\n]/.test(line)) throw new UsageError('the password on standard input must be a single line');
  return line;
}

/** The password from --password or --password-stdin, or a generated one when neither is given. */
export async function passwordOption(options: CommandContext['options']): Promise<PasswordChoice> {
  const given = options['password'];
  const fromStdin = options['password-stdin'] === true;
  if (typeof given === 'string' && fromStdin)
    throw new UsageError('give --password or --password-stdin, not both');
  if (typeof given === 'string') return { password: checkedPassword(given, '--password'), generated: false };
  if (fromStdin)
    return {
      password: checkedPassword(passwordLine(await readPipedStdin()), 'the password on standard input'),
      generated: false,
    };
  return { password: generatePassword(), generated: true };
}
