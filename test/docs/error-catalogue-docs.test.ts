import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../packages/core/src/errors/error-catalogue.ts';

/** The error table in docs/api.md is the catalogue, code for code and status for status. */
describe('error catalogue and docs/api.md', () => {
  const docs = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
  const documented = new Map(
    [...docs.matchAll(/^\| `(ERR_[A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1] as string, Number(m[2])]),
  );

  it('documents every catalogued code with its status', () => {
    const catalogued = Object.entries(errorCatalogue).map(([code, entry]) => [code, entry.status]);
    expect(catalogued.filter(([code, status]) => documented.get(code as string) !== status)).toEqual([]);
  });

  it('documents no code the catalogue does not have', () => {
    expect([...documented.keys()].filter((code) => !(code in errorCatalogue))).toEqual([]);
  });
});
