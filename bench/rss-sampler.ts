import { readProcessMemory } from './rss.ts';

/** Highest and last resident set size seen during one phase of a run, in bytes. */
export interface PhaseMemory {
  readonly phase: string;
  readonly samples: number;
  readonly maxRss: number;
  readonly lastRss: number;
  /** VmHWM (peak since the process started) when the phase ended. */
  readonly highWaterMark: number;
}

/**
 * Reads a process's RSS from /proc every `intervalMs`, attributing each sample to the phase
 * named last. The kernel's own high-water mark (VmHWM) is read at each phase end too, so a
 * peak between two samples is never missed.
 */
export class RssSampler {
  readonly #pid: number;
  readonly #timer: NodeJS.Timeout;
  readonly #done: PhaseMemory[] = [];
  #phase = '';
  #samples = 0;
  #maxRss = 0;
  #lastRss = 0;

  constructor(pid: number, intervalMs: number, firstPhase: string) {
    this.#pid = pid;
    this.#phase = firstPhase;
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), intervalMs);
  }

  /** Closes the current phase and starts `name`. */
  phase(name: string): void {
    this.#close();
    this.#phase = name;
    this.#sample();
  }

  /** Closes the last phase, stops sampling and returns every phase in order. */
  stop(): readonly PhaseMemory[] {
    clearInterval(this.#timer);
    this.#close();
    return [...this.#done];
  }

  #sample(): void {
    try {
      const rss = readProcessMemory(this.#pid).rss;
      this.#samples++;
      this.#lastRss = rss;
      if (rss > this.#maxRss) this.#maxRss = rss;
    } catch {
      // The process is gone; the caller notices through its requests.
    }
  }

  #close(): void {
    this.#sample();
    let highWaterMark = 0;
    try {
      highWaterMark = readProcessMemory(this.#pid).peak;
    } catch {}
    this.#done.push({
      phase: this.#phase,
      samples: this.#samples,
      maxRss: this.#maxRss,
      lastRss: this.#lastRss,
      highWaterMark,
    });
    this.#samples = 0;
    this.#maxRss = 0;
  }
}
