import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, backoffWithCap, DEFAULT_BACKOFF } from '../../src/index.ts';

describe('backoffDelay', () => {
  it('starts at 0.5 s and doubles up to 30 s by default', () => {
    const top = (attempt: number) => backoffDelay(attempt, DEFAULT_BACKOFF, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(top)).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('jitters to between half and all of the ceiling', () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(1000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(1500);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const ceiling = Math.min(30_000, 500 * 2 ** Math.min(n - 1, 52));
        const delay = backoffDelay(n, DEFAULT_BACKOFF, () => r);
        return delay >= Math.floor(ceiling / 2) && delay <= ceiling && Number.isFinite(delay);
      }),
    );
  });

  it('a small cap also lowers the first wait', () => {
    expect(backoffWithCap(200)).toEqual({ initialMs: 200, maxMs: 200 });
    expect(backoffWithCap(60_000)).toEqual({ initialMs: 500, maxMs: 60_000 });
    expect(backoffDelay(1, backoffWithCap(200), () => 1)).toBe(200);
    expect(backoffDelay(9, backoffWithCap(200), () => 1)).toBe(200);
  });
});
