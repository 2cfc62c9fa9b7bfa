// A database host that stops resolving (a redeploy detached the container from the database's
// network) must not crash-loop the server: it keeps running, says what is wrong once per
// retry, and answers liveness 200 and readiness 503.
import { afterEach, describe, expect, it } from 'vitest';
import { startTessera, type TesseraProcess } from './support/tessera-process.ts';

const password = 'Unresolvable-S3cret-pw';
let tessera: TesseraProcess | undefined;

afterEach(async () => {
  await tessera?.dispose();
  tessera = undefined;
});

describe('a DATABASE_URL host that does not resolve', () => {
  it('logs the cause and the fix on every retry and never exits', async () => {
    tessera = await startTessera({
      DATABASE_URL: `postgres://tessera:${password}@tessera-db.invalid:5432/tessera`,
    });
    await tessera.waitForMessage(/^database not ready \(attempt 4,/);
    const retries = tessera.messages().filter((m) => m.startsWith('database not ready'));
    expect(retries.length).toBeGreaterThanOrEqual(4);
    for (const [index, line] of retries.entries())
      expect(line).toMatch(
        new RegExp(
          `^database not ready \\(attempt ${index + 1}, next try in 0\\.[0-2] s\\): ` +
            'database host "tessera-db.invalid" does not resolve \\(ENOTFOUND\\): ' +
            "is this container attached to the database's network",
        ),
      );
    expect(tessera.messages().join('\n')).not.toContain(password);

    expect(tessera.isRunning()).toBe(true);
    const live = await tessera.request('GET', '/api/v1/health', undefined, { token: false });
    expect(live.status).toBe(200);
    const ready = await tessera.request('GET', '/api/v1/health/ready', undefined, { token: false });
    expect(ready.status).toBe(503);
    expect(Number(ready.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(ready.body).toMatchObject({ status: 'not ready', db: 'down' });
    expect(ready.body.reason).toContain('"tessera-db.invalid" does not resolve');
    expect(JSON.stringify(ready.body)).not.toContain(password);
    const api = await tessera.request('GET', '/api/v2/meta/bases');
    expect(api.status).toBe(503);
    expect(api.body.error).toBe('ERR_DATABASE_UNAVAILABLE');
    expect(api.headers.get('retry-after')).toBe('5');

    // Still alive a while later, and a stop request is a clean exit.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(tessera.isRunning()).toBe(true);
    tessera.kill('SIGTERM');
    expect(await tessera.exited).toEqual({ code: 0, signal: null });
  });
});
