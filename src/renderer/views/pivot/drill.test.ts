// Drilling down as the committee asks: a ward → its months × categories; a month → the wards.
import { describe, expect, it } from 'vitest';
import type { PivotResult } from '../../../shared/pivot';
import { drillSpec } from './drill';

const ward = { kind: 'counts' as const, areaLevel: 'ward' as const };
const base = (over: Partial<PivotResult>): PivotResult => ({
  spec: {
    dataset: 'd',
    rows: ['ward'],
    columns: ['year'],
    filters: { borough: ['Harrow'] },
    measure: 'count',
  },
  dataset: { key: 'd', name: 'D', kind: 'counts' },
  measure: 'count',
  rowDimensions: ['ward'],
  columnDimensions: ['year'],
  rows: [{ keys: ['E05013542'], labels: ['Belmont'] }],
  columns: [{ keys: ['2024'], labels: ['2024'] }],
  cells: [[{ value: 1, count: 1, flags: [] }]],
  rowTotals: [],
  columnTotals: [],
  grandTotal: { value: 1, count: 1, flags: [] },
  notes: [],
  span: { from: '2024-01', to: '2025-12' },
  ...over,
});

describe('drillSpec', () => {
  it('turns a ward row into that ward’s months across the major categories', () => {
    const d = drillSpec(base({}), { row: 0 }, ward)!;
    expect(d.label).toBe('Belmont');
    expect(d.spec).toMatchObject({
      rows: ['month'],
      columns: ['major'],
      filters: { borough: ['Harrow'], ward: ['E05013542'] },
    });
  });

  it('narrows a ward × year cell to that year’s months', () => {
    const d = drillSpec(base({}), { row: 0, column: 0 }, ward)!;
    expect(d.label).toBe('Belmont · 2024');
    expect(d.spec.months).toEqual({ from: '2024-01', to: '2024-12' });
    expect(d.spec.rows).toEqual(['month']);
  });

  it('turns a month column into the wards for that month', () => {
    const result = base({
      rowDimensions: ['major'],
      columnDimensions: ['month'],
      rows: [{ keys: ['burglary'], labels: ['Burglary'] }],
      columns: [{ keys: ['2024-03'], labels: ['Mar 2024'] }],
    });
    const d = drillSpec(result, { column: 0 }, ward)!;
    expect(d.spec).toMatchObject({
      rows: ['ward'],
      columns: ['major'],
      months: { from: '2024-03', to: '2024-03' },
    });
  });

  it('keeps the financial year’s April-to-March months', () => {
    const result = base({
      columnDimensions: ['financial-year'],
      columns: [{ keys: ['2024/25'], labels: ['2024/25'] }],
    });
    expect(drillSpec(result, { column: 0 }, ward)!.spec.months).toEqual({ from: '2024-04', to: '2025-03' });
  });
});

describe('drillSpec from one ward’s months × categories', () => {
  // Greenhill's drill-down: month rows, major-category columns, the ward held by a filter.
  const greenhill = (): PivotResult => ({
    ...base({}),
    spec: {
      dataset: 'd',
      rows: ['month'],
      columns: ['major'],
      filters: { borough: ['Harrow'], ward: ['E05013549'] },
      measure: 'count',
      months: { from: '2024-01', to: '2025-12' },
    },
    rowDimensions: ['month'],
    columnDimensions: ['major'],
    rows: [{ keys: ['2024-01'], labels: ['Jan 2024'] }],
    columns: [{ keys: ['MISCELLANEOUS CRIMES AGAINST SOCIETY'], labels: ['MISCELLANEOUS CRIMES AGAINST SOCIETY'] }],
  });

  it('turns a figure into the borough’s wards for that month and category, not Greenhill alone', () => {
    const d = drillSpec(greenhill(), { row: 0, column: 0 }, ward)!;
    expect(d.label).toBe('Jan 2024 · MISCELLANEOUS CRIMES AGAINST SOCIETY');
    expect(d.spec.rows).toEqual(['ward']);
    expect(d.spec.filters).toEqual({ borough: ['Harrow'], major: ['MISCELLANEOUS CRIMES AGAINST SOCIETY'] });
    expect(d.spec.months).toEqual({ from: '2024-01', to: '2024-01' });
  });

  it('turns a month row into the borough’s wards across the categories', () => {
    const d = drillSpec(greenhill(), { row: 0 }, ward)!;
    expect(d.spec).toMatchObject({ rows: ['ward'], columns: ['major'], filters: { borough: ['Harrow'] } });
    expect(d.spec.filters?.ward).toBeUndefined();
  });
});
