import autocannon from 'autocannon';
import { createBody, statusOptions } from './dataset.ts';

/** What the simulated API clients do, and how often (weights out of 100). */
export const operationWeights = {
  list: 25,
  filter: 15,
  sort: 15,
  read: 35,
  create: 10,
} as const;

export type Operation = keyof typeof operationWeights;

export interface OperationTally {
  sent: number;
  ok: number;
  failed: number;
}

export interface MixedLoadResult {
  readonly clients: number;
  readonly seconds: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly byOperation: Readonly<Record<Operation, OperationTally>>;
}

export interface MixedLoadOptions {
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly tableId: string;
  readonly ids: readonly (string | number)[];
  readonly rows: number;
  readonly clients: number;
  readonly seconds: number;
}

/** A small deterministic generator, so two runs send the same mix. */
function random(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 4294967296) * below);
  };
}

/**
 * `clients` keep-alive connections, each sending one request after another for `seconds`:
 * pages of the table (first 200 pages), filtered lists (by Status, or Score above a threshold,
 * so totals are counted for many distinct filters), lists sorted by Score, reads of random
 * records and creates, in the proportions of `operationWeights`.
 */
export async function runMixedLoad(options: MixedLoadOptions): Promise<MixedLoadResult> {
  if (new URL(options.baseUrl).hostname !== '127.0.0.1') throw new Error('load goes to 127.0.0.1 only');
  if (options.ids.length === 0) throw new Error('no record ids to read');
  const records = `/api/v2/tables/${options.tableId}/records`;
  const pick = random(20_240_601);
  const pages = Math.max(1, Math.min(200, Math.floor(options.rows / 25)));
  const plan: Operation[] = Object.entries(operationWeights).flatMap(([name, weight]) =>
    Array.from({ length: weight }, () => name as Operation),
  );
  const createText = JSON.stringify(createBody);
  const tally = Object.fromEntries(
    Object.keys(operationWeights).map((name) => [name, { sent: 0, ok: 0, failed: 0 }]),
  ) as Record<Operation, OperationTally>;

  const build = (operation: Operation): autocannon.Request => {
    switch (operation) {
      case 'list':
        return { method: 'GET', path: `${records}?limit=25&offset=${25 * pick(pages)}` };
      case 'filter': {
        const where =
          pick(2) === 0
            ? `(Status,eq,${statusOptions[pick(statusOptions.length)]})`
            : `(Score,gt,${20_000 * pick(50)})`;
        return { method: 'GET', path: `${records}?where=${encodeURIComponent(where)}&limit=25` };
      }
      case 'sort':
        return { method: 'GET', path: `${records}?sort=-Score&limit=25&offset=${25 * pick(40)}` };
      case 'read':
        return {
          method: 'GET',
          path: `${records}/${encodeURIComponent(String(options.ids[pick(options.ids.length)]))}`,
        };
      case 'create':
        return {
          method: 'POST',
          path: records,
          body: createText,
          headers: { ...options.headers, 'content-type': 'application/json' },
        };
    }
  };

  const instance = autocannon({
    url: options.baseUrl,
    connections: options.clients,
    duration: options.seconds,
    timeout: 10,
    headers: { ...options.headers },
    requests: [
      {
        setupRequest: (request, context) => {
          const operation = plan[pick(plan.length)] ?? 'read';
          context.operation = operation;
          tally[operation].sent++;
          return { ...request, ...build(operation) };
        },
        onResponse: (status, _body, context) => {
          const counts = tally[context.operation as Operation];
          if (status >= 200 && status < 300) counts.ok++;
          else counts.failed++;
        },
      },
    ],
  });
  const guard = setTimeout(() => instance.stop(), (options.seconds + 30) * 1000);
  let result: autocannon.Result;
  try {
    result = await instance;
  } finally {
    clearTimeout(guard);
  }
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = Number(stat.count);
  const requests = result['2xx'] + result.non2xx;
  return {
    clients: options.clients,
    seconds: result.duration,
    requests,
    requestsPerSecond: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    byOperation: tally,
  };
}
