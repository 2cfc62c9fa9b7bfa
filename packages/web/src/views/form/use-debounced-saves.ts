// Typing saves after a pause: one pending save per key (a field's label, the form's heading),
// replaced by each keystroke and run when the pause ends, when flushed (blur) or on unmount.
import { useCallback, useEffect, useRef } from 'react';

interface Pending {
  readonly timer: ReturnType<typeof setTimeout>;
  readonly run: () => void;
}

export interface DebouncedSaves {
  schedule(key: string, run: () => void, ms?: number): void;
  flush(key: string): void;
}

export function useDebouncedSaves(defaultMs = 600): DebouncedSaves {
  const pending = useRef(new Map<string, Pending>());

  const flush = useCallback((key: string) => {
    const entry = pending.current.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    pending.current.delete(key);
    entry.run();
  }, []);

  const schedule = useCallback(
    (key: string, run: () => void, ms = defaultMs) => {
      const previous = pending.current.get(key);
      if (previous) clearTimeout(previous.timer);
      pending.current.set(key, { timer: setTimeout(() => flush(key), ms), run });
    },
    [defaultMs, flush],
  );

  useEffect(() => {
    const map = pending.current;
    return () => {
      for (const key of [...map.keys()]) {
        const entry = map.get(key);
        map.delete(key);
        if (entry) {
          clearTimeout(entry.timer);
          entry.run();
        }
      }
    };
  }, []);

  return { schedule, flush };
}
