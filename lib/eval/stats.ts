/**
 * The p-th percentile (0–100) with linear interpolation between the closest ranks (the
 * "R-7" definition spreadsheets and numpy use): p50 of [1, 2, 3, 4] is 2.5. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

/** percentile() of values already sorted ascending (no copy: for many percentiles of one large list). */
export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  const highValue = sorted[high] as number;
  return lowValue + (highValue - lowValue) * (rank - low);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

/** Share of true values, 1 for none (nothing failed). */
export function ratio(passed: number, total: number): number {
  return total === 0 ? 1 : passed / total;
}
