// Choropleth classes: quantiles and natural breaks (checked against every possible partition).
import { describe, expect, it } from 'vitest';
import { classify, classOf } from '../../src/core/geo/classes';
import { formatValue } from '../../src/core/geo/legend';

/** The least within-class sum of squares over every way to cut sorted values into k runs. */
function bestPartitionCost(values: number[], k: number): number {
  const v = [...values].sort((a, b) => a - b);
  const ssq = (a: number, b: number) => {
    const part = v.slice(a, b);
    const m = part.reduce((s, x) => s + x, 0) / part.length;
    return part.reduce((s, x) => s + (x - m) ** 2, 0);
  };
  let best = Infinity;
  const cut = (start: number, left: number, cost: number) => {
    if (left === 1) return void (best = Math.min(best, cost + ssq(start, v.length)));
    for (let e = start + 1; e <= v.length - left + 1; e++) cut(e, left - 1, cost + ssq(start, e));
  };
  cut(0, k, 0);
  return best;
}

function costOf(values: number[], ranges: [number, number][]): number {
  return ranges.reduce((s, [from, to]) => {
    const part = values.filter((x) => x >= from && x <= to);
    const m = part.reduce((a, b) => a + b, 0) / part.length;
    return s + part.reduce((a, b) => a + (b - m) ** 2, 0);
  }, 0);
}

describe('classes', () => {
  const values = [3, 7, 8, 12, 15, 15, 16, 22, 25, 31, 33, 40, 41, 58, 61, 75, 90, 140];

  it('natural breaks are the optimal partition', () => {
    for (const k of [2, 3, 4, 5]) {
      const c = classify(values, k, 'natural-breaks');
      expect(c.ranges).toHaveLength(k);
      expect(costOf(values, c.ranges)).toBeCloseTo(bestPartitionCost(values, k), 6);
    }
  });

  it('quantiles put about the same number of areas in each class, never splitting equal values', () => {
    const c = classify(values, 5, 'quantile');
    expect(c.sizes.reduce((a, b) => a + b, 0)).toBe(values.length);
    expect(Math.max(...c.sizes) - Math.min(...c.sizes)).toBeLessThanOrEqual(2);
    const tied = classify([0, 0, 0, 0, 0, 0, 1, 2, 3, 4], 5, 'quantile');
    expect(tied.ranges[0]).toEqual([0, 0]);
    expect(tied.sizes[0]).toBe(6);
  });

  it('every value falls in exactly one class; fewer classes when there are fewer distinct values', () => {
    for (const method of ['quantile', 'natural-breaks'] as const) {
      const c = classify(values, 5, method);
      for (const v of values) expect(c.ranges.filter(([a, b]) => v >= a && v <= b)).toHaveLength(1);
      for (let i = 1; i < c.ranges.length; i++) expect(c.ranges[i]![0]).toBeGreaterThan(c.ranges[i - 1]![1]);
      expect(classify([4, 4, 9], 5, method).ranges).toEqual([[4, 4], [9, 9]]);
    }
    expect(classOf(classify(values, 5, 'quantile'), 1000)).toBeNull();
    expect(classify([], 5, 'quantile').ranges).toEqual([]);
  });

  it('labels in UK number style', () => {
    expect(formatValue('count', 1234)).toBe('1,234');
    expect(formatValue('rate', 7.5)).toBe('7.50');
    expect(formatValue('pct-change', -2.25)).toBe('−2.3%');
  });
});
