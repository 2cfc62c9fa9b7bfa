import { TesseraError } from '@tessera/core';
import type { TesseraStore } from '@tessera/store';
import { eventFrame } from './event-message.ts';

export interface EventPageQuery {
  readonly baseId: string;
  /** Events after this seq. */
  readonly after: number;
  /** Only this table's events (null: the whole base). */
  readonly tableId: string | null;
  /** Most events on the page. */
  readonly limit: number;
  /**
   * The cursor came from a client: refuse one ahead of the base's latest event, and one
   * whose next events were pruned (the client would miss them without knowing).
   */
  readonly checkCursor: boolean;
}

export interface EventPage {
  /** The events' text frames (eventFrame), oldest first. */
  readonly frames: string[];
  /**
   * Where the next read starts: every event up to here has been looked at. With a table
   * filter it can be past the last event returned (other tables' events were skipped).
   */
  readonly next: number;
  /** The base's latest seq when the page was read. */
  readonly latest: number;
  /** Nothing more was committed when the page was read. */
  readonly complete: boolean;
}

/** Events per query: an event carries whole rows, up to a bulk write's worth. */
const CHUNK = 50;

/** A page stops growing past this many bytes of frames, whatever its limit. */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;

/**
 * One page of a base's events after a cursor, read in small chunks. The base's latest seq is
 * read first: events commit in seq order without gaps, so every event up to it is visible to
 * the reads that follow, and a page that ends short has looked at all of them even when a
 * table filter returned none.
 */
export async function readEventPage(store: TesseraStore, query: EventPageQuery): Promise<EventPage> {
  const { baseId, after, tableId, limit } = query;
  const latest = await store.events.latest(baseId);
  if (query.checkCursor && after > latest)
    throw new TesseraError(
      'ERR_INVALID_CURSOR',
      `The cursor ${after} is ahead of this base's latest event (${latest})`,
      { latest },
    );
  const tableIds = tableId === null ? {} : { tableIds: [tableId] };
  const frames: string[] = [];
  let cursor = after;
  let bytes = 0;
  let complete = false;
  let first = true;
  while (frames.length < limit && bytes < MAX_PAGE_BYTES) {
    const want = Math.min(CHUNK, limit - frames.length);
    const events = await store.events.list({ baseId, after: cursor, limit: want, ...tableIds });
    if (first && query.checkCursor && after < latest) {
      const [first] = tableId === null ? events : await store.events.list({ baseId, after, limit: 1 });
      if (first === undefined || first.seq !== after + 1)
        throw new TesseraError(
          'ERR_CURSOR_EXPIRED',
          `Events after ${after} were pruned from the outbox; read the records again and resume from the latest seq (${latest})`,
          { latest },
        );
    }
    first = false;
    for (const event of events) {
      const frame = eventFrame(event);
      frames.push(frame);
      bytes += frame.length;
      cursor = event.seq;
    }
    if (events.length < want) {
      complete = true;
      break;
    }
  }
  return { frames, next: complete ? Math.max(latest, cursor) : cursor, latest, complete };
}
