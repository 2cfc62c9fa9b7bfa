// GET /metrics   Prometheus text format: HTTP rate and latency by route, database pool, process.
import type { TesseraStore } from '@tessera/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { access } from '../auth/route-access.ts';
import { metricsGuard } from './metrics-access.ts';

export interface MetricsOptions {
  readonly store: TesseraStore;
  /** TESSERA_METRICS_TOKEN; unset, only this machine may read /metrics. */
  readonly token: string | undefined;
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Seconds; from a fast cached read to a slow bulk write. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Labels of one finished request. The route is the registered pattern
 * (`/api/v2/tables/:tableId/records`), never the raw URL, so ids cannot multiply the series.
 */
function requestLabels(request: FastifyRequest, reply: FastifyReply) {
  return {
    method: KNOWN_METHODS.has(request.method) ? request.method : 'OTHER',
    route: request.routeOptions?.url ?? 'unmatched',
    status_class: `${Math.floor(reply.statusCode / 100)}xx`,
  };
}

/** Pool gauges, read at scrape time; only where the database has a pool (PostgreSQL). */
function registerPoolGauges(registry: Registry, store: TesseraStore): void {
  const database = store.context.database;
  if (!database.poolStats) return;
  const stats = () => database.poolStats?.() ?? { total: 0, idle: 0, waiting: 0, max: 0 };
  const gauges = [
    ['tessera_db_pool_connections', 'Open database connections (idle and in use).', () => stats().total],
    ['tessera_db_pool_idle_connections', 'Open database connections not in use.', () => stats().idle],
    [
      'tessera_db_pool_waiting_requests',
      'Queries waiting for a free database connection.',
      () => stats().waiting,
    ],
    [
      'tessera_db_pool_max_connections',
      'Most connections the pool may open (TESSERA_PG_POOL_SIZE).',
      () => stats().max,
    ],
  ] as const;
  for (const [name, help, read] of gauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  }
}

/**
 * Times every request and serves the figures at GET /metrics, together with prom-client's
 * process metrics (resident memory, heap, CPU, event-loop lag, GC).
 */
export function installMetrics(app: FastifyInstance, { store, token }: MetricsOptions): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'tessera_http_request_duration_seconds',
    help: 'Time from request to reply, by method, route pattern and status class; _count gives the request rate.',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  registerPoolGauges(registry, store);

  app.addHook('onResponse', (request, reply, done) => {
    duration.observe(requestLabels(request, reply), reply.elapsedTime / 1000);
    done();
  });

  app.route({
    method: 'GET',
    url: '/metrics',
    config: { access: access.public, database: false },
    schema: {
      tags: ['Operations'],
      summary: 'Prometheus metrics (see docs/metrics.md for who may read them)',
    },
    onRequest: metricsGuard(token),
    handler: async (_request, reply) => {
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    },
  });
}
