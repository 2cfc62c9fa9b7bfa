import { type CliIo, printJson } from './cli-io.ts';
import { formatTable } from './text-table.ts';

/** What a list command shows: as one JSON document, as a table, or a line when it is empty. */
export interface ListOutput<T> {
  readonly items: readonly T[];
  readonly json: () => unknown;
  readonly empty: string;
  readonly header: readonly string[];
  readonly row: (item: T) => readonly string[];
}

/** Prints a list: the JSON document with --json, else the table, or the `empty` line. */
export function printList<T>(io: CliIo, json: boolean, list: ListOutput<T>): void {
  if (json) printJson(io, list.json());
  else if (list.items.length === 0) io.stdout.write(`${list.empty}\n`);
  else io.stdout.write(formatTable(list.header, list.items.map(list.row)));
}
