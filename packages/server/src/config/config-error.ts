/**
 * Everything wrong with the configuration, found in one pass. `problems` holds one
 * self-contained sentence per problem (never a secret); `message` lists them all, ready to
 * print before exiting.
 */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(formatProblems(problems));
    this.name = 'ConfigError';
    this.problems = Object.freeze([...problems]);
  }
}

function formatProblems(problems: readonly string[]): string {
  if (problems.length === 1) return `Invalid configuration: ${problems[0]}`;
  return [`Invalid configuration (${problems.length} problems):`, ...problems.map((p) => `  - ${p}`)].join(
    '\n',
  );
}

/** Problems of `error` when it is a ConfigError; rethrows anything else. */
export function problemsOf(error: unknown): readonly string[] {
  if (error instanceof ConfigError) return error.problems;
  throw error;
}
