import { type CommandContext, UsageError } from './command.ts';

type Options = CommandContext['options'];

/** A string option's value, trimmed; undefined when absent; a usage error when given empty. */
export function stringOption(options: Options, name: string): string | undefined {
  const value = options[name];
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') throw new UsageError(`--${name} needs a value`);
  return text;
}

/** A string option that must be given (`placeholder` as help shows it, e.g. `<email>`). */
export function requiredOption(options: Options, name: string, placeholder: string): string {
  const value = stringOption(options, name);
  if (value === undefined) throw new UsageError(`--${name} ${placeholder} is required`);
  return value;
}

/** One of `allowed`, or `fallback` when the option is absent. */
export function choiceOption<T extends string>(
  options: Options,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T;
export function choiceOption<T extends string>(
  options: Options,
  name: string,
  allowed: readonly T[],
): T | undefined;
export function choiceOption<T extends string>(
  options: Options,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T | undefined {
  const value = stringOption(options, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got '${value}'`);
  return value as T;
}
