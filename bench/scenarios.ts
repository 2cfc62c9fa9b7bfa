import { baselinePaths } from './baseline-config.ts';
import { createBody } from './dataset.ts';
import type { LoadSpec } from './load.ts';
import type { ScenarioName } from './results.ts';

/** Tessera request paths of the list scenarios (also used by the checks before timing). */
export function tesseraListPaths(
  tableId: string,
): Record<'listPlain' | 'listFiltered' | 'listSorted', string> {
  const records = `/api/v2/tables/${tableId}/records`;
  return {
    listPlain: `${records}?limit=25`,
    listFiltered: `${records}?where=${encodeURIComponent('(Status,eq,doing)')}&limit=25`,
    listSorted: `${records}?sort=-Score&limit=25`,
  };
}

export function tesseraScenarios(
  tableId: string,
  ids: readonly (string | number)[],
): Record<ScenarioName, LoadSpec> {
  const records = `/api/v2/tables/${tableId}/records`;
  const lists = tesseraListPaths(tableId);
  return {
    listPlain: { method: 'GET', path: lists.listPlain },
    listFiltered: { method: 'GET', path: lists.listFiltered },
    listSorted: { method: 'GET', path: lists.listSorted },
    readOne: { method: 'GET', path: records, nextPath: spreadPaths(records, ids) },
    create: { method: 'POST', path: records, body: createBody },
  };
}

export function baselineScenarios(ids: readonly (string | number)[]): Record<ScenarioName, LoadSpec> {
  return {
    listPlain: { method: 'GET', path: baselinePaths.listPlain },
    listFiltered: { method: 'GET', path: baselinePaths.listFiltered },
    listSorted: { method: 'GET', path: baselinePaths.listSorted },
    readOne: { method: 'GET', path: baselinePaths.record, nextPath: spreadPaths(baselinePaths.record, ids) },
    create: { method: 'POST', path: baselinePaths.record, body: createBody },
  };
}

/** `<prefix>/<id>` over all ids in a fixed shuffled order, so reads hit the whole table. */
function spreadPaths(prefix: string, ids: readonly (string | number)[]): () => string {
  if (ids.length === 0) throw new Error('no record ids to read');
  const paths = ids.map((id) => `${prefix}/${encodeURIComponent(String(id))}`);
  let seed = 12345;
  for (let i = paths.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    const swap = paths[i] as string;
    paths[i] = paths[j] as string;
    paths[j] = swap;
  }
  let next = 0;
  return () => {
    const path = paths[next] as string;
    next = (next + 1) % paths.length;
    return path;
  };
}
