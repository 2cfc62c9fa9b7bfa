import type { RecordEvent } from '@tessera/store';

/**
 * An outbox event as clients get it, over the WebSocket and from the polling route alike:
 * `rows` are whole v2 records keyed by field title after the change (for a delete: as they
 * were), `previous_rows` the records before an update (else null).
 */
export function eventBody(event: RecordEvent) {
  return {
    type: 'event' as const,
    baseId: event.baseId,
    seq: event.seq,
    tableId: event.tableId,
    event: event.type,
    bulk: event.bulk,
    recordIds: event.recordIds,
    rows: event.rows,
    previous_rows: event.previousRows,
    ...(event.details ? { details: event.details } : {}),
    at: event.createdAt,
    actor: event.actor,
  };
}

/** The text frame of an event; made once per event and shared by every socket that gets it. */
export function eventFrame(event: RecordEvent): string {
  return JSON.stringify(eventBody(event));
}
