/** The benchmark table: its columns as sent to Tessera, and deterministic pseudo-random rows. */

export const statusOptions = ['todo', 'doing', 'done'] as const;

export const tableColumns = [
  { title: 'Name', uidt: 'SingleLineText' },
  {
    title: 'Status',
    uidt: 'SingleSelect',
    colOptions: { options: statusOptions.map((title) => ({ title })) },
  },
  { title: 'Score', uidt: 'Number' },
  { title: 'Price', uidt: 'Decimal' },
  { title: 'Due', uidt: 'Date' },
  { title: 'Notes', uidt: 'LongText' },
] as const;

export type FieldTitle = (typeof tableColumns)[number]['title'];

export interface BenchRow {
  Name: string;
  Status: string;
  Score: number;
  Price: number;
  Due: string;
  Notes: string;
}

const words = ['alpha', 'bravo', 'cedar', 'delta', 'ember', 'fjord', 'gamma', 'harbor', 'iris', 'juniper'];

/** mulberry32: small, fast, and the same rows on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows `from` … `from + count - 1` of the data set. */
export function generateRows(from: number, count: number, seed = 42): BenchRow[] {
  const random = prng(seed + from * 7919);
  const pick = () => words[Math.floor(random() * words.length)] ?? 'x';
  const rows: BenchRow[] = [];
  for (let i = from; i < from + count; i++) {
    const day = Math.floor(random() * 1096);
    const due = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    rows.push({
      Name: `Item ${i} ${pick()}`,
      Status: statusOptions[Math.floor(random() * statusOptions.length)] ?? 'todo',
      Score: Math.floor(random() * 1_000_000),
      Price: Math.round(random() * 1_000_000) / 100,
      Due: due,
      Notes: `${pick()} ${pick()} ${pick()} note for row ${i}: ${'lorem ipsum dolor sit amet '.repeat(3).trim()}`,
    });
  }
  return rows;
}

/** The body of one timed "create" request. */
export const createBody = { Name: 'created by bench', Score: 123 };
