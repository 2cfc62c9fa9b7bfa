/**
 * Runs work one at a time per key within this process (e.g. sign-in attempts for one e-mail,
 * so a burst of parallel guesses is counted one after the other). Different keys run freely.
 */
export function keyedLock(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<void>>();
  return async (key, work) => {
    const previous = tails.get(key) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    tails.set(key, mine);
    try {
      await previous;
      return await work();
    } finally {
      release();
      if (tails.get(key) === mine) tails.delete(key);
    }
  };
}
