// Every edit the user makes goes through here. A save that fails for a reason that may pass
// (no connection, 5xx, 429) is retried with back-off for as long as the page is open, and the
// top bar shows it; one the server refuses (4xx) is rejected so the caller can undo the edit
// in place and show why. Nothing is dropped silently, and leaving the page with saves still
// pending asks first.
import { ApiError } from '../api/http.ts';
import { observable } from './store.ts';

export interface SaveStatus {
  /** Saves started and not yet finished (including those waiting to retry). */
  readonly pending: number;
  /** The latest failure that is being retried, with when the next try is due. */
  readonly retrying: { readonly message: string; readonly nextTryAt: number } | null;
}

export const saveStatus = observable<SaveStatus>({ pending: 0, retrying: null });

const delaysMs = [1000, 2000, 4000, 8000, 15000, 30000];
const wakeups = new Set<() => void>();

/** Ends every wait for a retry now (the "Retry now" button, the browser coming online). */
export function retryNow(): void {
  for (const wake of [...wakeups]) wake();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      wakeups.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    wakeups.add(wake);
  });
}

/** Runs a write, retrying it while it fails for a passing reason; rejects with a refusal. */
export async function save<T>(run: () => Promise<T>): Promise<T> {
  saveStatus.update((s) => ({ ...s, pending: s.pending + 1 }));
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await run();
        if (saveStatus.get().retrying) saveStatus.update((s) => ({ ...s, retrying: null }));
        return result;
      } catch (error) {
        if (!(error instanceof ApiError) || !error.retryable) throw error;
        const delay = delaysMs[Math.min(attempt, delaysMs.length - 1)] ?? 30000;
        saveStatus.update((s) => ({
          ...s,
          retrying: { message: error.message, nextTryAt: Date.now() + delay },
        }));
        await sleep(delay);
      }
    }
  } finally {
    saveStatus.update((s) => ({ ...s, pending: s.pending - 1 }));
  }
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', retryNow);
  window.addEventListener('beforeunload', (event) => {
    if (saveStatus.get().pending > 0) event.preventDefault();
  });
}
