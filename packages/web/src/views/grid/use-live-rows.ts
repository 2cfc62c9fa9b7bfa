// Other people's changes, live: updated records are merged into the rows on screen; records
// added or deleted reload the row count and the visible pages (debounced, so a burst of
// inserts costs one reload).
import { useEffect } from 'react';
import { subscribeTable } from '../../live/live-feed.ts';
import type { GridWriter } from './grid-writer.ts';
import type { RecordCache } from './record-cache.ts';

const reloadDelayMs = 250;

export function useLiveRows(baseId: string, tableId: string, cache: RecordCache, writer: GridWriter): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reloadSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => cache.refresh(), reloadDelayMs);
    };
    const stop = subscribeTable(baseId, tableId, (message) => {
      if (
        message.type === 'reload' ||
        message.event === 'records.insert' ||
        message.event === 'records.delete'
      ) {
        reloadSoon();
        return;
      }
      for (const row of message.rows) writer.merge(row);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [baseId, tableId, cache, writer]);
}
