// deploy/tessera.env.example lists every environment variable Tessera's code reads, and
// nothing it does not read (unless marked upcoming), so the example cannot fall behind.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDeployFile, repoRoot } from './support/deploy-files.ts';

/** Read by Node.js itself rather than by Tessera's code, and documented for that reason. */
const READ_BY_NODE = new Set(['NODE_OPTIONS']);

interface ExampleEntry {
  readonly name: string;
  /** Its comment block says "Upcoming": documented ahead of the code that reads it. */
  readonly upcoming: boolean;
}

/** `NAME=value` or `#NAME=value` lines, each with the comment block right above it. */
function exampleEntries(text: string): ExampleEntry[] {
  const entries: ExampleEntry[] = [];
  let block: string[] = [];
  for (const line of text.split('\n')) {
    const variable = /^#?([A-Z][A-Z0-9_]*)=/.exec(line);
    if (variable) {
      entries.push({ name: variable[1]!, upcoming: block.some((comment) => /\bupcoming\b/i.test(comment)) });
      continue;
    }
    if (line.trim() === '') block = [];
    else block.push(line);
  }
  return entries;
}

/** Every variable name the sources read, with the first file reading it. */
function variablesReadByCode(): Map<string, string> {
  const found = new Map<string, string>();
  const packagesDir = join(repoRoot, 'packages');
  const sources = readdirSync(packagesDir, { recursive: true, encoding: 'utf8' })
    .filter((path) => /^[^/]+\/src\/.*\.ts$/.test(path))
    .map((path) => join(packagesDir, path));
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    const names = [
      // process.env.NAME, env.NAME, env['NAME'], process.env['NAME']
      ...[...text.matchAll(/\b(?:process\.env|env)\.([A-Z][A-Z0-9_]*)\b/g)].map((m) => m[1]!),
      ...[...text.matchAll(/\b(?:process\.env|env)\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g)].map((m) => m[1]!),
    ];
    // Configuration readers take the name as their first argument: read('PORT'), flag('X', …).
    if (file.includes(join('server', 'src', 'config'))) {
      names.push(
        ...[...text.matchAll(/\b[a-z][A-Za-z0-9]*\(\s*'([A-Z][A-Z0-9_]*)'/g)]
          .map((m) => m[1]!)
          .filter((name) => !/^E[A-Z]+$/.test(name) && !name.startsWith('ERR_')),
      );
    }
    for (const name of names) if (!found.has(name)) found.set(name, relative(repoRoot, file));
  }
  return found;
}

describe('deploy/tessera.env.example', () => {
  const entries = exampleEntries(readDeployFile('tessera.env.example'));
  const read = variablesReadByCode();

  it('finds the variables the configuration reads (the scan works)', () => {
    for (const name of ['DATABASE_URL', 'PORT', 'HOST', 'TESSERA_DATA_DIR', 'JWT_SECRET', 'LOG_LEVEL'])
      expect(read.has(name), name).toBe(true);
  });

  it('documents every variable the code reads', () => {
    const documented = new Set(entries.filter((entry) => !entry.upcoming).map((entry) => entry.name));
    const missing = [...read]
      .filter(([name]) => !documented.has(name))
      .map(([name, file]) => `${name} (${file})`);
    expect(missing, 'add these to deploy/tessera.env.example (or drop their "Upcoming" mark)').toEqual([]);
  });

  it('lists nothing the code does not read, except what is marked upcoming', () => {
    const stale = entries
      .filter((entry) => !entry.upcoming && !read.has(entry.name) && !READ_BY_NODE.has(entry.name))
      .map((entry) => entry.name);
    expect(stale, 'not read by any packages/*/src file: remove, or mark "Upcoming"').toEqual([]);
    const arrived = entries
      .filter((entry) => entry.upcoming && read.has(entry.name))
      .map((entry) => entry.name);
    expect(arrived, 'read by the code now: drop the "Upcoming" mark').toEqual([]);
  });

  it('lists each variable once and leaves every one commented out', () => {
    const names = entries.map((entry) => entry.name);
    expect(names.length).toBeGreaterThan(20);
    expect(new Set(names).size).toBe(names.length);
    const active = readDeployFile('tessera.env.example')
      .split('\n')
      .filter((line) => /^[A-Z]/.test(line));
    expect(active, 'an example must not set anything by default').toEqual([]);
  });
});
