// In-page probes for the browser benchmark: frame intervals from requestAnimationFrame, and
// the moment rows are on screen (two frames after the first page of records arrived).
import type { Page } from 'playwright-core';

export interface FrameSummary {
  readonly frames: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Share of frames longer than 33 ms (a dropped frame at 60 Hz, twice over). */
  readonly slowShare: number;
}

export function summarizeFrames(intervals: readonly number[]): FrameSummary {
  const sorted = [...intervals].sort((a, b) => a - b);
  const at = (q: number) =>
    Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1));
  return {
    frames: sorted.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    maxMs: Number((sorted.at(-1) ?? 0).toFixed(1)),
    slowShare:
      sorted.length === 0 ? 0 : Number((sorted.filter((ms) => ms > 33).length / sorted.length).toFixed(3)),
  };
}

/** Starts recording frame intervals in the page (window.__frames). */
export async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__frames = [];
    w.__recording = true;
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (w.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

export async function stopFrameRecorder(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames.slice(1);
  });
}

/** Milliseconds from navigation start to two frames after `ready()` resolves in the page. */
export async function paintedAfter(page: Page, ready: Promise<unknown>): Promise<number> {
  await ready;
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
      ),
  );
}

/** Scrolls with the mouse wheel over the page's centre: `steps` wheel turns of `pixels`, one per frame. */
export async function scrollSteadily(page: Page, steps: number, pixels: number): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.mouse.move(viewport.width / 2, viewport.height / 2 + 60);
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, pixels);
    await page.waitForTimeout(16);
  }
}
