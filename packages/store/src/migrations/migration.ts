import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';

/** One forward-only step of Tessera's own schema. Versions start at 1 and never repeat. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void>;
}
