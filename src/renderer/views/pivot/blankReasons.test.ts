// Blank figures' reasons, told once per kind: a ward × year rate table without populations for
// its wards gave one note per ward and year (44 for Harrow's 22 wards over two years).
import { describe, expect, it } from 'vitest';
import type { PivotCell, PivotResult } from '../../../shared/pivot';
import { blankReasons } from './blankReasons';

const noPopulation = (code: string, year: number): PivotCell => ({
  value: null,
  count: 5,
  flags: [],
  reason: `No ${year} population for ${code} in this workspace: import population estimates to see rates.`,
});
const acrossYears: PivotCell = {
  value: null,
  count: 10,
  flags: [],
  reason: 'A rate across several years is not given: choose one year.',
};

function table(wards: string[], years: number[]): PivotResult {
  return {
    spec: { dataset: 'd', rows: ['ward'], columns: ['year'], measure: 'rate' },
    dataset: { key: 'd', name: 'D', kind: 'counts' },
    measure: 'rate',
    rowDimensions: ['ward'],
    columnDimensions: ['year'],
    rows: wards.map((w) => ({ keys: [w], labels: [w] })),
    columns: years.map((y) => ({ keys: [String(y)], labels: [String(y)] })),
    cells: wards.map((w) => years.map((y) => noPopulation(w, y))),
    rowTotals: wards.map(() => acrossYears),
    columnTotals: years.map(() => ({ value: 1.5, count: 40, flags: [] })),
    grandTotal: acrossYears,
    notes: [],
    span: { from: '2024-01', to: '2025-12' },
  };
}

describe('blankReasons', () => {
  it('tells 44 missing populations (22 wards × 2 years) as one kind, with how many figures, and the other reason once', () => {
    const wards = Array.from({ length: 22 }, (_, i) => `E05013${542 + i}`);
    const lines = blankReasons(table(wards, [2024, 2025]));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('(44 figures)');
    expect(lines[0]).toContain('No 2024 population for E05013542');
    expect(lines.filter((l) => /E05013543/.test(l))).toEqual([]);
    expect(lines[1]).toBe('Where a cell shows “–”: A rate across several years is not given: choose one year.');
  });

  it('groups by the engine’s kind of reason where the words name each ward', () => {
    const result = table(['E05013542', 'E05013543', 'E05013544'], [2024, 2025]);
    const names = ['Belmont', 'Canons', 'Centenary'];
    result.cells = names.map((name) =>
      [2024, 2025].map(() => ({
        value: null,
        count: 5,
        flags: [],
        reason: `No population for ${name} in this workspace: the ward populations it holds are for other ward boundaries.`,
        reasonKind: 'no-population' as const,
      })),
    );
    const lines = blankReasons(result);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('(6 figures)');
    expect(lines[0]).toContain('No population for Belmont');
    expect(lines.join(' ')).not.toMatch(/Canons|Centenary/);
  });

  it('keeps a reason that only one figure gives as it is', () => {
    const lines = blankReasons(table(['E05013542'], [2024]));
    expect(lines[0]).toBe(
      'Where a cell shows “–”: No 2024 population for E05013542 in this workspace: import population estimates to see rates.',
    );
  });

  it('says nothing when every figure is given', () => {
    const result = table([], []);
    result.grandTotal = { value: 2, count: 3, flags: [] };
    expect(blankReasons(result)).toEqual([]);
  });
});
