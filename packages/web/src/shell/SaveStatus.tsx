// The save queue's state in the top bar: "Saving…", "All changes saved", or — in red — a
// failed save being retried, with a countdown and a "Retry now" button.
import { useEffect, useRef, useState } from 'react';
import { retryNow, saveStatus } from '../shared/save-queue.ts';
import { useObservable } from '../shared/store.ts';

/** Seconds until a moment, re-rendered every second while it is ahead. */
function useSecondsUntil(moment: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (moment === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [moment]);
  return moment === undefined ? 0 : Math.max(0, Math.ceil((moment - now) / 1000));
}

export function SaveStatus() {
  const status = useObservable(saveStatus);
  const seconds = useSecondsUntil(status.retrying?.nextTryAt);
  // "All changes saved" only once something was saved since the page opened.
  const saved = useRef(false);
  if (status.pending > 0) saved.current = true;

  if (status.retrying)
    return (
      <div className="save-status save-status-failed" role="alert" data-testid="save-status">
        <span title={status.retrying.message}>
          Couldn't save — retrying {seconds > 0 ? `in ${seconds}s` : 'now'}
        </span>
        <span aria-hidden="true">·</span>
        <button type="button" className="link-button" onClick={retryNow} data-testid="save-retry-now">
          Retry now
        </button>
      </div>
    );
  if (status.pending > 0)
    return (
      <div className="save-status" role="status" data-testid="save-status">
        Saving…
      </div>
    );
  if (!saved.current) return null;
  return (
    <div className="save-status save-status-done" role="status" data-testid="save-status">
      All changes saved
    </div>
  );
}
