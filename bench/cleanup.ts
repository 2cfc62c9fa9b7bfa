/** Things to undo if the run is cut short (signal, watchdog): drop schemas, remove folders. */
const pending = new Set<() => Promise<void>>();

/** Registers `undo`; the returned function unregisters it (call it once undone normally). */
export function registerCleanup(undo: () => Promise<void>): () => void {
  pending.add(undo);
  return () => pending.delete(undo);
}

/** Runs every registered undo, giving up after `timeoutMs`. */
export async function runCleanups(timeoutMs = 5000): Promise<void> {
  const all = Promise.allSettled([...pending].map((undo) => undo()));
  pending.clear();
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}
