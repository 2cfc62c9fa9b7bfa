/**
 * The writes of the events benchmark: one record per request (`{"Name": "w<N>"}`), paced at a
 * fixed rate (an open loop: a slow answer does not delay the next write), or as fast as a few
 * writers sending one request after another can go.
 */
import { sleep } from './child-process.ts';

export interface WriteLog {
  /** performance.now() when each tagged write was sent. */
  readonly sent: Map<number, number>;
  /** Milliseconds from sending to the 2xx answer, per tag. */
  readonly answered: Map<number, number>;
  /** Writes answered other than 2xx, or not at all. */
  failed: number;
  /** Seconds from the first send to the last answer. */
  seconds: number;
  /** Seconds from the first send to the last (the paced schedule). */
  sendingSeconds: number;
}

export interface WriteTarget {
  readonly baseUrl: string;
  readonly tableId: string;
  readonly headers: Record<string, string>;
}

function newLog(): WriteLog {
  return { sent: new Map(), answered: new Map(), failed: 0, seconds: 0, sendingSeconds: 0 };
}

async function write(target: WriteTarget, tag: number, log: WriteLog): Promise<void> {
  const started = performance.now();
  log.sent.set(tag, started);
  try {
    const response = await fetch(`${target.baseUrl}/api/v2/tables/${target.tableId}/records`, {
      method: 'POST',
      headers: { ...target.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ Name: `w${tag}` }),
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    if (response.ok) log.answered.set(tag, performance.now() - started);
    else log.failed++;
  } catch {
    log.failed++;
  }
}

/** `rate` writes per second for `seconds`, tags from `firstTag`; resolves when all are answered. */
export async function pacedWrites(
  target: WriteTarget,
  rate: number,
  seconds: number,
  firstTag: number,
): Promise<WriteLog> {
  const log = newLog();
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(write(target, firstTag + i, log));
  }
  log.sendingSeconds = Math.max((performance.now() - start) / 1000, total / rate);
  await Promise.all(pending);
  log.seconds = (performance.now() - start) / 1000;
  return log;
}

/** `writers` loops each writing one record after another for `seconds`; tags from `firstTag`. */
export async function sustainedWrites(
  target: WriteTarget,
  writers: number,
  seconds: number,
  firstTag: number,
): Promise<WriteLog> {
  const log = newLog();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let next = firstTag;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < deadline) await write(target, next++, log);
    }),
  );
  log.seconds = (performance.now() - start) / 1000;
  return log;
}
