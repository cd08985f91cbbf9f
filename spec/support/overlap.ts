// How many timed intervals (remote `date +%s%N` stamps around a sleep) ran at once: tests of the
// node scheduler assert on this count, not on durations.

export interface TimedInterval {
  start: bigint;
  end: bigint;
}

/** Largest number of intervals covering one instant. */
export function maxOverlap(intervals: readonly TimedInterval[]): number {
  const events = intervals.flatMap((interval) => [
    { at: interval.start, delta: 1 },
    { at: interval.end, delta: -1 },
  ]);
  // Ends before starts at the same instant: touching intervals do not overlap.
  events.sort((a, b) => (a.at === b.at ? a.delta - b.delta : a.at < b.at ? -1 : 1));
  let current = 0;
  let max = 0;
  for (const event of events) {
    current += event.delta;
    max = Math.max(max, current);
  }
  return max;
}
