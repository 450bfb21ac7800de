/**
 * How much slower a function gets on a 16× longer input, measured as a ratio within one run so
 * the machine's speed cancels out: linear code stays near 16, quadratic code nears 256. Every
 * loop here is bounded in count; nothing asserts an absolute time.
 */
export const SMALL_CHARS = 4096;
export const LARGE_CHARS = 65_536;

/** Linear code is about 16× slower at 64 KB than at 4 KB; this leaves room for noise. */
export const MAX_GROWTH = 20;

export interface Growth {
  /** Best time per call at the large size over best time per call at the small size. */
  ratio: number;
  /** The size the ratio was taken at: half of LARGE_CHARS when that already proved it too high. */
  atChars: number;
}

/** Each timed batch runs about this long, so timer noise stays small against it. */
const BATCH_MS = 0.25;
const MAX_REPS = 16_384;
/** Pairs of batches (small, then large) at most; the best pair counts. */
const ROUNDS = 6;
/** A ratio this far over the limit in this many rounds is not noise: no more rounds. */
const CLEARLY_SUPERLINEAR = 4 * MAX_GROWTH;
const CONVINCING_ROUNDS = 3;
/** Rounds of single calls at half the large size before a slow pattern counts as superlinear. */
const HALF_SIZE_ROUNDS = 4;

/**
 * Time per call of `run` at LARGE_CHARS over time per call at SMALL_CHARS. `prepare` (untimed)
 * turns the text into what `run` takes. Each round times a batch at each size back to back, so
 * both meet the same load from other processes, and the best round counts. It stops as soon as
 * the answer is clear: a ratio under the limit (more rounds could only lower the best), one far
 * over it in every one of a few rounds, or one over it at half the size (the time does not fall
 * as the input grows).
 */
export function growthRatio<T>(
  run: (input: T) => unknown,
  shape: (chars: number) => string,
  prepare: (text: string) => T = (text) => text as T,
): Growth {
  const small = prepare(flat(shape(SMALL_CHARS)));
  run(small);
  run(small); // V8 interprets a regular expression at first and compiles it on a later run
  const batch = (input: T, reps: number) =>
    timed(() => {
      for (let i = 0; i < reps; i++) run(input);
    });
  let smallReps = 1;
  while (smallReps < MAX_REPS && batch(small, smallReps) < BATCH_MS) smallReps *= 2;
  const perCall = (input: T, reps: number) => batch(input, reps) / reps;

  // Slow already at the small size: half the large size exposes a quadratic pattern in a quarter
  // of the time (a frozen test run is no better than a frozen bot).
  if (smallReps === 1) {
    const half = prepare(flat(shape(LARGE_CHARS / 2)));
    let ratio = Infinity;
    // Linear code is at 8 here. Under a full parallel test run a single call is jittery (a GC
    // pause, a context switch), so it takes HALF_SIZE_ROUNDS rounds all over the limit.
    for (let round = 0; round < HALF_SIZE_ROUNDS && ratio > MAX_GROWTH; round++) {
      const smallMs = perCall(small, 1);
      ratio = Math.min(ratio, ratioOf(perCall(half, 1), smallMs));
    }
    if (ratio > MAX_GROWTH) return { ratio, atChars: LARGE_CHARS / 2 };
  }

  const large = prepare(flat(shape(LARGE_CHARS)));
  run(large);
  const largeReps = Math.max(1, smallReps / (LARGE_CHARS / SMALL_CHARS));
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const smallMs = perCall(small, smallReps);
    best = Math.min(best, ratioOf(perCall(large, largeReps), smallMs));
    if (best <= MAX_GROWTH) break;
    if (round + 1 >= CONVINCING_ROUNDS && best > CLEARLY_SUPERLINEAR) break;
  }
  return { ratio: best, atChars: LARGE_CHARS };
}

/**
 * A call that takes under a microsecond on the large input scans none of it (an anchored pattern
 * failing at once): linear by any measure, where the clock would give 0/0.
 */
function ratioOf(largeMs: number, smallMs: number): number {
  if (largeMs < 0.001) return 0;
  return smallMs > 0 ? largeMs / smallMs : Infinity;
}

/**
 * Milliseconds spent, the lesser of wall time and the process's CPU time: both overstate the
 * work, the first when another process takes the core, the second when a GC or compiler thread
 * runs beside it.
 */
function timed(work: () => void): number {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  work();
  const cpu = process.cpuUsage(cpuStart);
  const wall = performance.now() - wallStart;
  return Math.min(wall, (cpu.user + cpu.system) / 1000);
}

/** A string built by slicing and joining is a rope; flatten it outside the timed part. */
function flat(text: string): string {
  text.charCodeAt(text.length >> 1);
  return text;
}
