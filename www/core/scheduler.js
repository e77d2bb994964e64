// One adaptive slicer for every loop that works in slices to stay responsive: XOR's Play (its
// jumps through the schedule), XOR's train() and the MNIST training worker. It learns how many
// items (cycles, examples) fit in a time budget from how long the last calls took.

export class Slicer {
  /**
   * @param {{ budgetMs: number, start?: number, min?: number, max?: number, clock?: () => number }} o
   *   `budgetMs`: how long one call should take; `start`: the first call's size.
   */
  constructor({ budgetMs, start = 1, min = 1, max = Infinity, clock = () => performance.now() }) {
    this.budgetMs = budgetMs;
    this.min = min;
    this.max = max;
    this.clock = clock;
    this.rate = start / budgetMs; // items per ms
  }

  /** How many items the next call should do: what fits the budget, at most `want`. */
  size(want = Infinity) {
    const fit = Math.min(this.max, Math.max(this.min, Math.floor(this.rate * this.budgetMs)));
    return Math.max(0, Math.min(want, fit));
  }

  /** Records that `n` items took `ms`; too quick to time well means "try twice as many". */
  took(n, ms) {
    if (n <= 0) return;
    if (ms > 0.5) this.rate = 0.5 * this.rate + 0.5 * (n / ms);
    else if (n >= this.size()) this.rate = Math.min(this.rate * 2, this.max / this.budgetMs);
  }

  /** Runs `work(n)` for a fitting n (at most `want`), times it and returns its result. */
  run(want, work) {
    const n = this.size(want);
    const t0 = this.clock();
    const out = work(n);
    this.took(n, this.clock() - t0);
    return out;
  }
}

/** Resolves after the page (or worker) has had a chance to handle events and draw. */
export function yieldToEventLoop() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
