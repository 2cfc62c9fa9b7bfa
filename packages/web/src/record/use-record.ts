// One record read from the server, read again when asked and when a live event names it;
// `version` counts the changes so the comments and history can follow.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/http.ts';
import { recordsApi } from '../api/records-api.ts';
import type { RecordRow } from '../api/types.ts';
import { subscribeTable } from '../live/live-feed.ts';

export interface RecordState {
  readonly record: RecordRow | undefined;
  readonly error: ApiError | undefined;
  /** Goes up after every change to the record (ours, or heard live). */
  readonly version: number;
  /** Reads the record again and counts a change. */
  changed(): void;
}

export function useRecord(baseId: string, tableId: string, recordId: number): RecordState {
  const [record, setRecord] = useState<RecordRow | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const generation = useRef(0);

  const read = useCallback(() => {
    const mine = ++generation.current;
    recordsApi
      .read(tableId, recordId)
      .then((row) => {
        if (mine !== generation.current) return;
        setRecord(row);
        setError(undefined);
      })
      .catch((reason: unknown) => {
        if (mine !== generation.current) return;
        setError(reason instanceof ApiError ? reason : new ApiError(0, String(reason)));
      });
  }, [tableId, recordId]);

  const changed = useCallback(() => {
    read();
    setVersion((v) => v + 1);
  }, [read]);

  useEffect(() => {
    setRecord(undefined);
    setError(undefined);
    read();
  }, [read]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = subscribeTable(baseId, tableId, (message) => {
      if (message.type === 'event' && !message.recordIds.includes(recordId)) return;
      clearTimeout(timer);
      timer = setTimeout(changed, 200);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [baseId, tableId, recordId, changed]);

  return { record, error, version, changed };
}
