import { describe, expect, it } from 'vitest';
import { displayWidth, fmt, linearSlope, round, summarize, textTable } from './stats';

describe('summarize', () => {
  it('sorts numerically without changing its input', () => {
    const values = [100, 9, 1, 20, 3];
    const summary = summarize(values);
    expect(values).toEqual([100, 9, 1, 20, 3]);
    expect(summary).toMatchObject({ count: 5, p50: 9, max: 100, mean: 26.6 });
    expect(summary.p95).toBeCloseTo(84, 6);
  });

  it('is all null for no values', () => {
    expect(summarize([])).toEqual({ count: 0, p50: null, p95: null, p99: null, mean: null, max: null });
  });

  it('p99 of 1..1000 is near the top', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(summarize(values).p99).toBeCloseTo(990.01, 6);
  });
});

describe('linearSlope', () => {
  it('finds the slope of a line and of noisy flat data', () => {
    expect(linearSlope([0, 1, 2, 3].map((x) => ({ x, y: 5 + 2 * x })))).toBeCloseTo(2, 10);
    expect(linearSlope([0, 1, 2, 3].map((x) => ({ x, y: x % 2 === 0 ? 100 : 102 })))).toBeCloseTo(0.4, 10);
  });

  it('is null without two distinct x', () => {
    expect(linearSlope([{ x: 1, y: 1 }])).toBeNull();
    expect(
      linearSlope([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toBeNull();
  });
});

describe('formatting', () => {
  it('rounds and prints a dash for missing numbers', () => {
    expect(round(1.25, 1)).toBe(1.3);
    expect(round(null)).toBeNull();
    expect(round(Number.POSITIVE_INFINITY)).toBeNull();
    expect(fmt(12.3456, 2)).toBe('12.35');
    expect(fmt(null)).toBe('–');
  });

  it('aligns a table, counting CJK characters as two columns', () => {
    expect(displayWidth('限量a')).toBe(5);
    expect(
      textTable([
        ['name', 'n'],
        ['限量', '10'],
      ]),
    ).toBe('name   n\n限量  10');
  });
});
