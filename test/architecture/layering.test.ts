// "Arrows one way" (docs/architecture.md): core ← store ← server, and cli on top of them all.
// - core imports only its own relative files: no node: modules, no packages, no @tessera/*;
// - store imports core and its own files, never server;
// - nothing imports from server but server itself and cli (whose `serve` starts it);
// - web (the browser app) stands alone: it imports no other workspace and none imports it,
//   since it talks to the server over HTTP only;
// - no file default-exports.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const packagesDir = join(root, 'packages');

type PackageName = 'core' | 'store' | 'server' | 'cli' | 'web';

/** Which workspace packages each package may import (besides itself). */
const allowedPackages: Record<PackageName, readonly PackageName[]> = {
  core: [],
  store: ['core'],
  server: ['store', 'core'],
  cli: ['server', 'store', 'core'],
  web: [],
};

interface ImportStatement {
  readonly specifier: string;
  /** `import type …`, `export type … from`, or every named binding marked `type`. */
  readonly typeOnly: boolean;
  readonly kind: 'static' | 'side-effect' | 'dynamic' | 'require';
  readonly line: number;
}

/** Comments removed (string contents are kept), so commented-out imports do not count. */
function stripComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split('\n').length;
}

function bindingsAreAllTypes(clause: string): boolean {
  const braces = /\{([\s\S]*)\}/.exec(clause);
  if (!braces) return false;
  const beforeBraces = clause.slice(0, braces.index).trim().replace(/,$/, '').trim();
  if (beforeBraces) return false; // a default import next to the braces is a value
  const names = braces[1]!
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

/** Every import/export-from, side-effect import, dynamic import() and require() of a file. */
function importsOf(rawSource: string): ImportStatement[] {
  const source = stripComments(rawSource);
  const found: ImportStatement[] = [];
  const fromPattern = /(^|[;\n}])\s*(import|export)\s+(type\s+)?([^;'"`()=]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(fromPattern)) {
    const clause = match[4] ?? '';
    found.push({
      specifier: match[5]!,
      typeOnly: Boolean(match[3]) || bindingsAreAllTypes(clause),
      kind: 'static',
      line: lineOf(source, match.index + match[1]!.length),
    });
  }
  for (const match of source.matchAll(/(^|[;\n}])\s*import\s*['"]([^'"]+)['"]/g))
    found.push({
      specifier: match[2]!,
      typeOnly: false,
      kind: 'side-effect',
      line: lineOf(source, match.index + match[1]!.length),
    });
  for (const match of source.matchAll(/\bimport\s*\(\s*['"`]([^'"`]+)['"`]/g))
    found.push({ specifier: match[1]!, typeOnly: false, kind: 'dynamic', line: lineOf(source, match.index) });
  for (const match of source.matchAll(/\brequire\s*\(\s*['"`]([^'"`]+)['"`]/g))
    found.push({ specifier: match[1]!, typeOnly: false, kind: 'require', line: lineOf(source, match.index) });
  return found;
}

/** `export default …` or `export { x as default }`. */
function hasDefaultExport(rawSource: string): boolean {
  const source = stripComments(rawSource);
  return /\bexport\s+default\b/.test(source) || /\bexport\s*\{[^}]*\bas\s+default\b[^}]*\}/.test(source);
}

/** TypeScript sources, with and without JSX (the web app's components are .tsx). */
function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

interface SourceFile {
  readonly path: string;
  readonly display: string;
  readonly pkg: PackageName;
  readonly imports: readonly ImportStatement[];
  readonly source: string;
}

const packageNames = readdirSync(packagesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

const sourceFiles: SourceFile[] = packageNames.flatMap((pkg) => {
  let files: string[];
  try {
    files = tsFilesUnder(join(packagesDir, pkg, 'src'));
  } catch {
    return [];
  }
  return files.map((path) => {
    const source = readFileSync(path, 'utf8');
    return {
      path,
      display: relative(root, path),
      pkg: pkg as PackageName,
      imports: importsOf(source),
      source,
    };
  });
});

/** The workspace package an import lands in, or null for node: modules and third-party packages. */
function targetPackage(file: SourceFile, specifier: string): string | null {
  const scoped = /^@tessera\/([^/]+)/.exec(specifier);
  if (scoped) return scoped[1]!;
  if (!specifier.startsWith('.')) return null;
  const target = relative(packagesDir, resolve(dirname(file.path), specifier));
  if (target.startsWith('..'))
    return `outside packages/ (${relative(root, resolve(dirname(file.path), specifier))})`;
  return target.split(sep)[0]!;
}

function describeImport(file: SourceFile, statement: ImportStatement): string {
  return `${file.display}:${statement.line} ${statement.kind} import of '${statement.specifier}'`;
}

describe('the import scanner', () => {
  it('finds single-line, multi-line, type-only, re-export, side-effect and dynamic imports', () => {
    const sample = [
      "import { a } from './a.ts';",
      'import {',
      '  type B,',
      '  c,',
      "} from 'kysely';",
      "import type { D } from '@tessera/core';",
      "import { type E, type F } from 'node:fs';",
      "import G, { type H } from 'pg';",
      "export * from './i.ts';",
      "export type { J } from '../j.ts';",
      "import 'side-effect';",
      "const k = await import('node:os');",
      "// import { l } from 'commented-out';",
      "/* import { m } from 'also-commented'; */",
      "const text = 'no import here';",
    ].join('\n');
    expect(importsOf(sample).map(({ specifier, typeOnly, kind }) => ({ specifier, typeOnly, kind }))).toEqual(
      [
        { specifier: './a.ts', typeOnly: false, kind: 'static' },
        { specifier: 'kysely', typeOnly: false, kind: 'static' },
        { specifier: '@tessera/core', typeOnly: true, kind: 'static' },
        { specifier: 'node:fs', typeOnly: true, kind: 'static' },
        { specifier: 'pg', typeOnly: false, kind: 'static' },
        { specifier: './i.ts', typeOnly: false, kind: 'static' },
        { specifier: '../j.ts', typeOnly: true, kind: 'static' },
        { specifier: 'side-effect', typeOnly: false, kind: 'side-effect' },
        { specifier: 'node:os', typeOnly: false, kind: 'dynamic' },
      ],
    );
  });

  it('recognises default exports in both spellings', () => {
    expect(hasDefaultExport('export default function f() {}')).toBe(true);
    expect(hasDefaultExport('const x = 1;\nexport { x as default };')).toBe(true);
    expect(hasDefaultExport('export const defaultValue = 1;\n// export default x')).toBe(false);
  });

  it('reads every package source file and sees the known arrows', () => {
    expect(packageNames).toEqual(expect.arrayContaining(['core', 'store', 'server', 'web']));
    for (const pkg of ['core', 'store', 'server', 'web'])
      expect(sourceFiles.filter((f) => f.pkg === pkg).length).toBeGreaterThan(3);
    expect(sourceFiles.some((f) => f.pkg === 'web' && f.path.endsWith('.tsx'))).toBe(true);
    const specifiers = (pkg: string) => sourceFiles.filter((f) => f.pkg === pkg).flatMap((f) => f.imports);
    expect(specifiers('store').some((i) => i.specifier === '@tessera/core')).toBe(true);
    expect(specifiers('store').some((i) => i.specifier === 'kysely')).toBe(true);
    expect(specifiers('server').some((i) => i.specifier === '@tessera/store')).toBe(true);
  });

  it("misses no `from '…'` clause in any source file", () => {
    const missed = sourceFiles.flatMap((f) => {
      const clauses = stripComments(f.source).match(/\sfrom\s*['"][^'"]+['"]/g)?.length ?? 0;
      const statics = f.imports.filter((i) => i.kind === 'static').length;
      return clauses === statics ? [] : [`${f.display}: ${clauses} from-clauses, ${statics} parsed`];
    });
    expect(missed).toEqual([]);
    expect(sourceFiles.flatMap((f) => f.imports).length).toBeGreaterThan(100);
  });
});

describe('layering: arrows point one way', () => {
  it('core imports only its own relative files (no node: modules, packages or @tessera/*)', () => {
    const offending = sourceFiles
      .filter((f) => f.pkg === 'core')
      .flatMap((f) =>
        f.imports
          .filter((i) => !i.specifier.startsWith('.') || targetPackage(f, i.specifier) !== 'core')
          .map((i) => describeImport(f, i)),
      );
    expect(offending).toEqual([]);
  });

  it('core performs no I/O through globals (process, require, fetch)', () => {
    const offending = sourceFiles
      .filter((f) => f.pkg === 'core')
      .filter((f) => /\b(process\.|require\s*\(|fetch\s*\()/.test(stripComments(f.source)))
      .map((f) => f.display);
    expect(offending).toEqual([]);
  });

  it('each package imports only itself and the packages below it', () => {
    const offending = sourceFiles.flatMap((f) => {
      const allowed = allowedPackages[f.pkg];
      if (!allowed) return [`${f.display}: package '${f.pkg}' has no layering rule`];
      return f.imports
        .filter((i) => {
          const target = targetPackage(f, i.specifier);
          return target !== null && target !== f.pkg && !(allowed as readonly string[]).includes(target);
        })
        .map((i) => `${describeImport(f, i)} → ${targetPackage(f, i.specifier)}`);
    });
    expect(offending).toEqual([]);
  });

  it('store imports nothing from server (neither @tessera/server nor a path into packages/server)', () => {
    const offending = sourceFiles
      .filter((f) => f.pkg === 'store')
      .flatMap((f) =>
        f.imports
          .filter(
            (i) => /^@tessera\/server\b/.test(i.specifier) || targetPackage(f, i.specifier) === 'server',
          )
          .map((i) => describeImport(f, i)),
      );
    expect(offending).toEqual([]);
  });

  it('nothing but server and cli imports from server', () => {
    const offending = sourceFiles
      .filter((f) => f.pkg !== 'server' && f.pkg !== 'cli')
      .flatMap((f) =>
        f.imports.filter((i) => targetPackage(f, i.specifier) === 'server').map((i) => describeImport(f, i)),
      );
    expect(offending).toEqual([]);
  });

  it('web imports no other workspace (core, store, server, cli), and no workspace imports web', () => {
    const offending = sourceFiles.flatMap((f) =>
      f.imports
        .filter((i) => {
          const target = targetPackage(f, i.specifier);
          return f.pkg === 'web' ? target !== null && target !== 'web' : target === 'web';
        })
        .map((i) => `${describeImport(f, i)} → ${targetPackage(f, i.specifier)}`),
    );
    expect(offending).toEqual([]);
  });

  it('no source file default-exports', () => {
    expect(sourceFiles.filter((f) => hasDefaultExport(f.source)).map((f) => f.display)).toEqual([]);
  });
});
