import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';

const documentedMethods = ['get', 'put', 'post', 'patch', 'delete', 'options'] as const;

interface OpenApiParameter {
  readonly in: string;
  readonly name: string;
  readonly required?: boolean;
}

interface OpenApiOperation {
  readonly summary?: string;
  readonly tags?: readonly string[];
  readonly parameters?: readonly OpenApiParameter[];
  readonly responses?: Record<string, unknown>;
}

type OpenApiPaths = Record<string, Partial<Record<string, OpenApiOperation>>>;

/**
 * `METHOD /path` for every route in `printRoutes({ commonPrefix: false })`'s tree: each line is
 * `<indent>├── <segment> (GET, HEAD)`, a child's path being its parent's path plus its segment.
 */
function routesFromTree(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const branch = line.indexOf('── ');
    if (branch < 0) continue;
    const depth = Math.round((branch - 1) / 4);
    const match = /^(.*?)(?: \(([^)]*)\))?\s*$/.exec(line.slice(branch + 3));
    if (!match) continue;
    stack.length = depth;
    stack.push(match[1]!);
    const path = stack.join('');
    for (const method of (match[2] ?? '').split(',').map((m) => m.trim()))
      if (method) routes.push(`${method} ${path}`);
  }
  return routes;
}

/** Fastify's `:param` → OpenAPI's `{param}`. */
function openApiPath(fastifyPath: string): string {
  return fastifyPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

describe.each(testDialects)('OpenAPI document and Swagger UI on %s', (dialect) => {
  let t: TestApp;
  let paths: OpenApiPaths;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const doc = await t.call('GET', '/api/docs/json');
    expect(doc.status).toBe(200);
    paths = doc.body.paths as OpenApiPaths;
  });
  afterAll(async () => t.close());

  it('serves an OpenAPI 3 document describing Tessera', async () => {
    const doc = await t.call('GET', '/api/docs/json');
    expect(doc.status).toBe(200);
    expect(String(doc.body.openapi)).toMatch(/^3\./);
    expect(doc.body.info.title).toBe('Tessera API');
    expect(typeof doc.body.info.version).toBe('string');
    expect(Object.keys(paths).length).toBeGreaterThan(20);
  });

  it('lists every route the app registers, and nothing it does not', () => {
    const registered = routesFromTree(t.app.printRoutes({ commonPrefix: false }))
      // HEAD is Fastify's automatic twin of GET; /api/docs/* is Swagger UI itself.
      .filter((r) => !r.startsWith('HEAD '))
      .filter((r) => !/^\S+ \/api\/docs(\/|\*|$)/.test(r))
      .map((r) => {
        const [method, path] = r.split(' ') as [string, string];
        return `${method} ${openApiPath(path)}`;
      });
    const documented = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => (documentedMethods as readonly string[]).includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );

    // The tree parser must have found the routes we know exist.
    expect(registered).toEqual(
      expect.arrayContaining([
        'GET /api/v1/health',
        'POST /api/v2/meta/bases',
        'GET /api/v2/meta/bases/{baseId}',
        'GET /api/v2/tables/{tableId}/records/{recordId}',
        'DELETE /api/v2/tables/{tableId}/records',
      ]),
    );
    expect(new Set(registered).size).toBe(registered.length);
    expect([...registered].sort()).toEqual([...documented].sort());
  });

  it('every documented route answers (is registered with that method)', () => {
    const missing = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => (documentedMethods as readonly string[]).includes(key))
        .filter(
          (method) =>
            !t.app.hasRoute({
              method: method.toUpperCase() as 'GET',
              url: path.replace(/\{([^}]+)\}/g, ':$1'),
            }),
        )
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('every operation has a summary, a tag, a response and declares its path parameters', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries(paths)) {
      const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).sort();
      for (const [method, operation] of Object.entries(item)) {
        if (!operation || !(documentedMethods as readonly string[]).includes(method)) continue;
        const where = `${method.toUpperCase()} ${path}`;
        if (!operation.summary?.trim()) problems.push(`${where}: no summary`);
        if (!operation.tags?.length) problems.push(`${where}: no tag`);
        if (!operation.responses || Object.keys(operation.responses).length === 0)
          problems.push(`${where}: no responses`);
        const declared = (operation.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => {
            if (p.required !== true) problems.push(`${where}: path parameter '${p.name}' not required`);
            return p.name;
          })
          .sort();
        if (JSON.stringify(declared) !== JSON.stringify(pathParams))
          problems.push(`${where}: path parameters ${JSON.stringify(declared)}, path has ${pathParams}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('serves the Swagger UI at /api/docs (HTML, or a redirect to it)', async () => {
    let response = await t.app.inject({ method: 'GET', url: '/api/docs' });
    if (response.statusCode >= 300 && response.statusCode < 400) {
      const location = response.headers.location;
      expect(typeof location).toBe('string');
      response = await t.app.inject({
        method: 'GET',
        url: new URL(String(location), 'http://x/api/docs').pathname,
      });
    }
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/swagger-ui/i);

    const initializer = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(initializer.statusCode).toBe(200);
  });

  it('serves the document as YAML too', async () => {
    const yaml = await t.app.inject({ method: 'GET', url: '/api/docs/yaml' });
    expect(yaml.statusCode).toBe(200);
    expect(yaml.body).toMatch(/^openapi: ['"]?3\./m);
  });

  it('ignores a trailing slash', async () => {
    const withSlash = await t.call('GET', '/api/v2/meta/bases/');
    expect(withSlash.status).toBe(200);
    expect(Array.isArray(withSlash.body.list)).toBe(true);
    expect((await t.call('GET', '/api/v1/health/')).status).toBe(200);
    expect((await t.call('GET', '/api/docs/json/')).status).toBe(200);
    const created = await t.call('POST', '/api/v2/meta/bases/', { title: 'Slash' });
    expect(created.status).toBe(200);
    expect((await t.call('GET', `/api/v2/meta/bases/${created.body.id}/`)).body.title).toBe('Slash');
  });
});
