import autocannon from 'autocannon';

/** One kind of request to hammer. */
export interface LoadSpec {
  readonly method: 'GET' | 'POST';
  /** Fixed path, used when `nextPath` is absent. */
  readonly path: string;
  /** Called for every request (spreads reads over many ids). */
  readonly nextPath?: () => string;
  readonly body?: unknown;
}

export interface LoadOptions {
  readonly connections: number;
  readonly duration: number;
  readonly warmup: number;
  readonly headers: Record<string, string>;
}

export interface LoadResult {
  /** Successful (2xx) responses per second of the measured run. */
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Readonly<Record<string, number>>;
}

/** An unmeasured warm-up run (JIT, caches, pools), then the measured one. */
export async function measureLoad(
  baseUrl: string,
  spec: LoadSpec,
  options: LoadOptions,
): Promise<LoadResult> {
  if (options.warmup > 0) await runOnce(baseUrl, spec, options, options.warmup);
  const result = await runOnce(baseUrl, spec, options, options.duration);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = Number(stat.count);
  const ok = result['2xx'];
  return {
    requestsPerSecond: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

async function runOnce(
  baseUrl: string,
  spec: LoadSpec,
  options: LoadOptions,
  seconds: number,
): Promise<autocannon.Result> {
  if (new URL(baseUrl).hostname !== '127.0.0.1') throw new Error('load goes to 127.0.0.1 only');
  const headers: Record<string, string> = { ...options.headers };
  const request: autocannon.Request = { method: spec.method, path: spec.path };
  if (spec.body !== undefined) {
    headers['content-type'] = 'application/json';
    request.body = JSON.stringify(spec.body);
  }
  const nextPath = spec.nextPath;
  if (nextPath) request.setupRequest = (req) => ({ ...req, path: nextPath() });
  const instance = autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: seconds,
    timeout: 10,
    headers,
    requests: [request],
  });
  // Bounded even if autocannon never reports: stop it well after its own end.
  const guard = setTimeout(() => instance.stop(), (seconds + 30) * 1000);
  try {
    return await instance;
  } finally {
    clearTimeout(guard);
  }
}
