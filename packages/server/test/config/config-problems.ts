import { expect } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';

/** Runs `run`, which must throw a ConfigError, and returns the problems it lists. */
export function problemsThrownBy(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}
