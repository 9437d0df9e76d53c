// Which lines a chart keeps: counts by their crimes, changes by their biggest move either way.
import { describe, expect, it } from 'vitest';
import type { PivotCell } from '../../shared/pivot';
import { keptWords, largestBy, largestMove, pickSeries, type Series } from './seriesPick';

const cell = (value: number | null, count = 0): PivotCell => ({ value, count, flags: [] });
const series = (name: string, total: number, values: (number | null)[]): Series => ({
  name,
  total,
  cells: values.map((v) => cell(v)),
});

describe('picking the series a chart draws', () => {
  const wards = [
    series('Edgware', 173, [9.4, -35.2]),
    series('Belmont', 59, [-22.7, 147.1]),
    series('Roxeth', 195, [41, 37.8]),
    series('Canons', 120, [-2.1, -6.5]),
    series('Kenton West', 70, [null, null]),
  ];

  it('keeps the largest counts for a count, in the table’s order', () => {
    expect(pickSeries('count', wards, 3).map((s) => s.name)).toEqual(['Edgware', 'Roxeth', 'Canons']);
  });

  it('keeps the biggest moves, up or down, for a change: the small ward that rose most is drawn', () => {
    expect(pickSeries('pct-change', wards, 3).map((s) => s.name)).toEqual(['Edgware', 'Belmont', 'Roxeth']);
    expect(pickSeries('change', wards, 2).map((s) => s.name)).toEqual(['Belmont', 'Roxeth']);
    expect(pickSeries('rate-change', wards, 2).map((s) => s.name)).toEqual(['Belmont', 'Roxeth']);
  });

  it('ranks a series with no figure last, and ties to the earlier series', () => {
    expect(largestMove([cell(null), cell(-3)])).toBe(3);
    expect(largestMove([cell(null)])).toBe(-1);
    expect(largestBy(['a', 'b', 'c'], 2, () => 1)).toEqual(['a', 'b']);
    expect(pickSeries('pct-change', wards, 4).map((s) => s.name)).not.toContain('Kenton West');
  });

  it('keeps them all when there are few enough', () => {
    expect(pickSeries('pct-change', wards, 8)).toHaveLength(5);
  });

  it('says what it kept in the analyst’s words', () => {
    expect(keptWords('count', 8, 22, ['ward'], 'lines')).toBe('the 8 largest of 22 lines');
    expect(keptWords('pct-change', 8, 22, ['ward'], 'lines')).toBe(
      'the 8 of 22 wards with the largest % changes, up or down',
    );
    expect(keptWords('change', 8, 12, ['minor'], 'columns')).toBe(
      'the 8 of 12 minor categories with the largest changes, up or down',
    );
    expect(keptWords('rate-change', 8, 40, ['borough', 'major'], 'rows')).toBe(
      'the 8 of 40 rows with the largest rate changes, up or down',
    );
  });
});
