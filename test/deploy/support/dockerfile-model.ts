/** One instruction of a Dockerfile, continuation lines joined and comments dropped. */
export interface DockerInstruction {
  /** Upper-cased: `FROM`, `RUN`, `COPY`… */
  readonly keyword: string;
  readonly args: string;
  /** 1-based line where the instruction starts. */
  readonly line: number;
}

/** A build stage: its FROM and the instructions that follow it. */
export interface DockerStage {
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: readonly DockerInstruction[];
}

/** Splits a Dockerfile into stages. Parser directives and comments are skipped. */
export function parseDockerfile(text: string): DockerStage[] {
  const stages: { image: string; name: string | undefined; instructions: DockerInstruction[] }[] = [];
  for (const instruction of instructionsOf(text)) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((word) => !word.startsWith('--'));
      const asIndex = words.findIndex((word) => word.toLowerCase() === 'as');
      stages.push({
        image: words[0] ?? '',
        name: asIndex >= 0 ? words[asIndex + 1] : undefined,
        instructions: [],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) throw new Error(`line ${instruction.line}: ${instruction.keyword} before FROM`);
    stage.instructions.push(instruction);
  }
  return stages;
}

function instructionsOf(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  let pending: { parts: string[]; line: number } | undefined;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && pending === undefined)) continue;
    const continues = trimmed.endsWith('\\');
    const part = continues ? trimmed.slice(0, -1).trim() : trimmed;
    pending ??= { parts: [], line: index + 1 };
    if (part !== '') pending.parts.push(part);
    if (continues) continue;
    const joined = pending.parts.join(' ');
    const space = joined.search(/\s/);
    instructions.push({
      keyword: (space < 0 ? joined : joined.slice(0, space)).toUpperCase(),
      args: space < 0 ? '' : joined.slice(space + 1).trim(),
      line: pending.line,
    });
    pending = undefined;
  }
  return instructions;
}

/** Instructions of a stage with the given keyword. */
export function instructionsNamed(stage: DockerStage, keyword: string): DockerInstruction[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword);
}

/** The variables the stage's ENV instructions set (`ENV A=1 B="two"` and `ENV A 1`). */
export function envOf(stage: DockerStage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of instructionsNamed(stage, 'ENV')) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(args)) {
      const [name = '', ...rest] = args.split(/\s+/);
      env[name] = rest.join(' ');
      continue;
    }
    for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
      const value = match[2] ?? '';
      env[match[1]!] = value.startsWith('"') ? (JSON.parse(value) as string) : value;
    }
  }
  return env;
}

/** A JSON (exec form) argument list, or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new Error(`not a JSON array of strings: ${args}`);
  }
  return parsed;
}

/** The command of `HEALTHCHECK [--options] CMD …` (exec form), and its options. */
export function healthcheckOf(
  stage: DockerStage,
): { readonly options: Record<string, string>; readonly command: string[] | undefined } | undefined {
  const instruction = instructionsNamed(stage, 'HEALTHCHECK').at(-1);
  if (instruction === undefined) return undefined;
  const cmdAt = instruction.args.search(/(^|\s)CMD\s/);
  if (cmdAt < 0) return { options: {}, command: undefined };
  const options: Record<string, string> = {};
  for (const match of instruction.args.slice(0, cmdAt).matchAll(/--([a-z-]+)=(\S+)/g)) {
    options[match[1]!] = match[2]!;
  }
  const afterCmd = instruction.args.slice(cmdAt).replace(/^\s*CMD\s+/, '');
  return { options, command: execForm(afterCmd) };
}

/** One `COPY [--from=stage] src… dest`. */
export interface DockerCopy {
  readonly from: string | undefined;
  readonly sources: string[];
  readonly dest: string;
  readonly line: number;
}

/** The stage's COPY instructions. */
export function copiesOf(stage: DockerStage): DockerCopy[] {
  return instructionsNamed(stage, 'COPY').map((instruction) => {
    const words = instruction.args.split(/\s+/);
    const flags = words.filter((word) => word.startsWith('--'));
    const paths = words.filter((word) => !word.startsWith('--'));
    const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
    return { from, sources: paths.slice(0, -1), dest: paths.at(-1) ?? '', line: instruction.line };
  });
}
