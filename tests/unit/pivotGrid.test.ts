// The pivot grid on integer ids: headers, placement of counts and the covered periods filled
// in, on each of its three ways of numbering header tuples (array, Map of codes, Map of text).
import { describe, expect, it } from 'vitest';
import type { Dimension } from '../../src/shared/pivot';
import { Grid } from '../../src/core/analysis/pivot/grid';
import type { Aggregate } from '../../src/core/analysis/pivot/query';

/** An aggregate whose non-time ids name themselves: id 7 of "ward" is key "ward-0007". */
function aggregate(dims: Dimension[], groups: number[][], counts: number[]): Aggregate {
  return {
    size: groups.length,
    ids: dims.map((_, i) => groups.map((g) => g[i]!)),
    counts,
    lookups: dims.map((d) => (id: number | null) => [`${d}-${String(id).padStart(4, '0')}`, `${d} ${String(id).padStart(4, '0')}`] as const),
  };
}

const monthKey = (m: number) => `${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`;

/** Months from 2000-01 on, n of them, as yyyymm. */
const months = (n: number) => Array.from({ length: n }, (_, i) => (2000 + Math.floor(i / 12)) * 100 + (i % 12) + 1);

function check(dims: Dimension[], groups: number[][]) {
  const counts = groups.map((_, i) => i + 1);
  const grid = new Grid({ dims, rowDims: dims.length, current: aggregate(dims, groups, counts), previous: null, areaIndex: -1, timeIndex: -1, periods: [] });
  const keyOf = (g: number[]) => g.map((id, i) => (dims[i] === 'month' ? monthKey(id) : `${dims[i]}-${String(id).padStart(4, '0')}`));
  const expected = groups.map((g, i) => ({ keys: keyOf(g), count: counts[i]! })).sort((a, b) => a.keys.join('|').localeCompare(b.keys.join('|')));
  expect(grid.rowHeaders.map((h) => h.keys)).toEqual(expected.map((e) => e.keys));
  expect(grid.rowHeaders.map((_, i) => grid.rowFacts(i).count)).toEqual(expected.map((e) => e.count));
  expect(grid.grandFacts().count).toBe(counts.reduce((a, b) => a + b, 0));
}

describe('pivot grid', () => {
  it('numbers few tuples through an array', () => {
    check(['ward', 'category'], [[3, 1], [1, 2], [2, 2], [1, 1]]);
  });

  it('numbers a sparse tuple space through a Map of codes', () => {
    // 70 distinct keys in each of three dimensions: 343,000 possible tuples for 70 groups.
    const ms = months(70);
    check(['ward', 'category', 'month'], ms.map((m, i) => [i + 1, 70 - i, m]));
  });

  it('numbers tuples by their text when codes would pass 2^53', () => {
    // 500 distinct keys in each of six dimensions: 1.6e16 possible tuples.
    const ms = months(500);
    check(['borough', 'ward', 'lsoa', 'category', 'outcome', 'month'], ms.map((m, i) => [i + 1, 1000 - i, i + 3, 2000 - i, i + 7, m]));
  });

  it('shows every covered period for each ward met, 0 where a ward had no rows, and no other period', () => {
    const dims: Dimension[] = ['ward', 'month', 'category'];
    const current = aggregate(dims, [[1, 202201, 5], [2, 202203, 5], [1, 202203, 6]], [4, 2, 9]);
    const grid = new Grid({ dims, rowDims: 2, current, previous: null, areaIndex: 0, timeIndex: 1, periods: [202201, 202202, 202203] });
    expect(grid.rowHeaders.map((h) => h.keys.join(' '))).toEqual([
      'ward-0001 2022-01', 'ward-0001 2022-02', 'ward-0001 2022-03',
      'ward-0002 2022-01', 'ward-0002 2022-02', 'ward-0002 2022-03',
    ]);
    expect(grid.columnHeaders.map((h) => h.keys[0])).toEqual(['category-0005', 'category-0006']);
    const table = grid.rowHeaders.map((_, i) => grid.columnHeaders.map((_c, j) => grid.cellFacts(i, j).count));
    expect(table).toEqual([[4, 0], [0, 0], [0, 9], [0, 0], [0, 0], [2, 0]]);
    expect(grid.grandFacts().periods).toEqual(['2022-01', '2022-02', '2022-03']);
  });
});
