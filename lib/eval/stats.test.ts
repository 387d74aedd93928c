import { describe, expect, it } from 'vitest';
import { median, percentile, percentileOfSorted, ratio } from './stats';

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4], 100)).toBe(4);
    const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(oneToTwenty, 95)).toBeCloseTo(19.05, 10);
    expect(percentile([10, 20], 95)).toBeCloseTo(19.5, 10);
  });

  it('handles one value, no values and nonsense', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('percentileOfSorted', () => {
  it('reads a list already sorted, as percentile() does', () => {
    expect(percentileOfSorted([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentileOfSorted([10], 99)).toBe(10);
    expect(percentileOfSorted([], 50)).toBeNull();
    expect(() => percentileOfSorted([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('ratio', () => {
  it('is passed over total, and 1 when nothing ran', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(0, 0)).toBe(1);
  });
});
