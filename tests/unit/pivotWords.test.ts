// One wording for a pivot: the app's chart title and an exported table's title say the same
// thing for the same pivot, police.uk incidents included; the phrase itself in UK English.
import { describe, expect, it } from 'vitest';
import type { ReportSource } from '../../src/shared/export';
import type { Dimension, Measure, PivotResult } from '../../src/shared/pivot';
import {
  dimensionsPhrase,
  filterWords,
  measureUnit,
  MEASURE_UNITS,
  periodWords,
  pivotPhrase,
  pivotTitle,
} from '../../src/shared/pivotWords';
import { pivotTable } from '../../src/core/export/pivotTable';
import { chartTitle } from '../../src/renderer/charts/figure';
import { MEASURE_UNITS as CHART_UNITS } from '../../src/renderer/charts/labels';

const MEASURES = Object.keys(MEASURE_UNITS) as Measure[];

/** A pivot with one row and one column: enough for its title. */
function pivot(measure: Measure, rows: Dimension[], columns: Dimension[], kind: string): PivotResult {
  const cell = { value: 1, count: 1, flags: [] };
  return {
    spec: { dataset: 'd', rows, columns, measure },
    dataset: { key: 'd', name: 'A dataset', kind },
    measure,
    rowDimensions: rows,
    columnDimensions: columns,
    rows: [{ keys: rows.map(() => 'k'), labels: rows.map(() => 'K') }],
    columns: [{ keys: columns.map(() => 'c'), labels: columns.map(() => 'C') }],
    cells: [[cell]],
    rowTotals: [cell],
    columnTotals: [cell],
    grandTotal: cell,
    notes: [],
    span: { from: '2021-01', to: '2021-12' },
  };
}

const source: ReportSource = {
  dataset: { key: 'd', name: 'A dataset' },
  months: { first: '2021-01', last: '2021-12' },
  comparedWith: null,
  asOf: null,
  imports: [],
  populations: null,
  exportedAt: '2026-01-01T00:00:00Z',
};

describe('the words for a pivot', () => {
  it('lists dimensions as UK English does, LSOA in capitals', () => {
    expect(dimensionsPhrase([])).toBe('');
    expect(dimensionsPhrase(['ward'])).toBe('ward');
    expect(dimensionsPhrase(['lsoa', 'month'])).toBe('LSOA and month');
    expect(dimensionsPhrase(['borough', 'financial-year', 'major'])).toBe(
      'borough, financial year and major category',
    );
  });

  it('words every change as against a year earlier, the rate change too', () => {
    for (const m of ['change', 'pct-change', 'rate-change'] as const)
      expect(MEASURE_UNITS[m]).toMatch(/ on a year earlier$/);
    expect(measureUnit('rate-change')).toBe('Change in rate per 1,000 residents on a year earlier');
  });

  it('counts police.uk figures as incidents, not crimes', () => {
    expect(measureUnit('count', 'incidents')).toBe('Incidents');
    expect(measureUnit('share', 'incidents')).toBe('% of incidents');
    expect(measureUnit('change', 'counts')).toBe('Change in crimes on a year earlier');
  });

  it('names a share of each row or column, but not a share of the whole', () => {
    expect(pivotPhrase({ measure: 'share', dimensions: ['ward', 'year'], shareOf: 'column' })).toBe(
      '% of crimes (of each column) by ward and year',
    );
    expect(pivotPhrase({ measure: 'share', dimensions: ['ward'], shareOf: 'total' })).toBe(
      '% of crimes by ward',
    );
    expect(pivotPhrase({ measure: 'count', dimensions: [] })).toBe('Crimes');
  });

  it('words periods as the pivot heads them', () => {
    expect(periodWords('month', '2022-01')).toBe('Jan 2022');
    expect(periodWords('month', '2022-12')).toBe('Dec 2022');
    expect(periodWords('quarter', '2022-Q3')).toBe('Q3 2022');
    expect(periodWords('financial-year', '2022/23')).toBe('2022/23');
    expect(periodWords('year', '2022')).toBe('2022');
    // Not a month: left as it came rather than guessed at.
    expect(periodWords('month', '2022-13')).toBe('2022-13');
    expect(periodWords('borough', '2022-01')).toBe('2022-01');
  });

  it('names filter values by the names given, in the spec’s order, codes only where no name is known', () => {
    const filters = {
      borough: ['E09000015'],
      category: ['burglary/residential'],
      month: ['2022-01'],
      ward: [],
    };
    const names = new Map([
      ['E09000015', 'Harrow'],
      ['burglary/residential', 'Burglary - Residential'],
    ]);
    expect(filterWords(filters, (_, v) => names.get(v))).toEqual([
      'Harrow',
      'Burglary - Residential',
      'Jan 2022',
    ]);
    expect(filterWords(filters)).toEqual(['E09000015', 'burglary/residential', 'Jan 2022']);
    expect(filterWords(undefined)).toEqual([]);
  });

  it('titles a filtered share with its phrase, a dash, then the filters by name', () => {
    const result = pivot('share', ['ward'], ['year'], 'counts');
    result.spec = { ...result.spec, shareOf: 'row', filters: { borough: ['E09000015'], month: ['2022-01'] } };
    expect(pivotTitle(result, (d, v) => (d === 'borough' && v === 'E09000015' ? 'Harrow' : undefined))).toBe(
      '% of crimes (of each row) by ward and year — Harrow, Jan 2022',
    );
  });

  it('is the one the app’s charts use', () => {
    expect(CHART_UNITS).toBe(MEASURE_UNITS);
  });
});

describe('the chart title and the exported table’s title', () => {
  const shapes: [Dimension[], Dimension[]][] = [
    [['ward'], ['year']],
    [['borough', 'ward'], ['month']],
    [['lsoa'], []],
    [['crime-type'], ['financial-year']],
  ];
  for (const kind of ['counts', 'incidents'])
    for (const measure of MEASURES)
      for (const [rows, columns] of shapes)
        it(`are identical: ${measure} by ${[...rows, ...columns].join(', ')} (${kind})`, () => {
          const result = pivot(measure, rows, columns, kind);
          const title = pivotTable(result, source).title;
          expect(title).toBe(chartTitle(result));
          expect(title).toBe(pivotPhrase({ measure, dimensions: [...rows, ...columns], datasetKind: kind }));
        });
});

describe('a filtered share, named', () => {
  it('has the same title on the chart and in the exported table, names not codes', () => {
    const result = pivot('share', ['ward'], ['month'], 'counts');
    result.spec = {
      ...result.spec,
      shareOf: 'column',
      filters: { borough: ['E09000015'], category: ['burglary/residential'] },
    };
    const names = new Map([
      ['E09000015', 'Harrow'],
      ['burglary/residential', 'Burglary - Residential'],
    ]);
    // The app words filters from the answers it holds; the engine from the workspace.
    const chart = chartTitle(result, ['Harrow', 'Burglary - Residential']);
    const exported = pivotTable(result, source, (_, v) => names.get(v)).title;
    expect(exported).toBe('% of crimes (of each column) by ward and month — Harrow, Burglary - Residential');
    expect(chart).toBe(exported);
  });
});
