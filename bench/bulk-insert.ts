import { generateRows } from './dataset.ts';
import { asArray, asRecord, type JsonClient } from './http-client.ts';

export interface BulkInsertResult {
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  /** Primary keys of the inserted rows, in row order. */
  readonly ids: readonly (string | number)[];
}

/**
 * POSTs `total` generated rows as array bodies of `batchSize`, keeping `inFlight` requests
 * open at once, and times first request to last answer (row generation is done beforehand).
 */
export async function bulkInsert(
  client: JsonClient,
  path: string,
  total: number,
  batchSize: number,
  inFlight: number,
): Promise<BulkInsertResult> {
  const batches: ReturnType<typeof generateRows>[] = [];
  for (let from = 0; from < total; from += batchSize)
    batches.push(generateRows(from, Math.min(batchSize, total - from)));
  const idsByBatch: (string | number)[][] = new Array(batches.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      const batch = batches[index];
      if (!batch) return;
      const answer = asArray(await client.call('POST', path, batch, 120_000), `POST ${path} answer`);
      if (answer.length !== batch.length) {
        throw new Error(`POST ${path}: sent ${batch.length} rows, answer lists ${answer.length}`);
      }
      idsByBatch[index] = answer.map((item) => primaryKeyOf(item));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(inFlight, batches.length) }, () => worker()));
  const seconds = (performance.now() - started) / 1000;
  return { rows: total, seconds, rowsPerSecond: total / seconds, ids: idsByBatch.flat() };
}

/** The PK value of a `{Id: 5}`-style answer item (its only, or first, key). */
export function primaryKeyOf(item: unknown): string | number {
  const record = asRecord(item, 'insert answer item');
  const value = record.Id ?? record.id ?? Object.values(record)[0];
  if (typeof value !== 'number' && typeof value !== 'string') {
    throw new Error(`insert answer item has no primary key: ${JSON.stringify(item)}`);
  }
  return value;
}
