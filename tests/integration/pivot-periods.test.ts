// Periods with no crimes: a month (quarter, year) the dataset covers shows as 0, while a
// month it does not cover is never invented. Expected months and counts are worked out here
// from the raw police.uk and MPS files.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { monthColumns, readCsv, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

// Jan–Jun 2017 without May: May is a month the workspace does not cover.
const POLICE_MONTHS = ['2017-01', '2017-02', '2017-03', '2017-04', '2017-06'];
const policeFiles = readdirSync(data.policeUkDir)
  .filter((f) => POLICE_MONTHS.some((m) => f.startsWith(`${m}-`)))
  .sort()
  .map((f) => path.join(data.policeUkDir, f));

let ws: Workspace;
let ward: RawTable;
/** Crimes per crime type per month, counted from the raw police.uk files. */
const byType = new Map<string, Map<string, number>>();

beforeAll(async () => {
  expect(policeFiles).toHaveLength(POLICE_MONTHS.length);
  ws = tempWorkspace();
  const results = await importFiles(ws, [...policeFiles, data.mpsWard2022Recent]);
  expect(results.map((r) => r.status)).toEqual(results.map(() => 'imported'));
  for (const file of policeFiles) {
    const t = readCsv(file);
    for (const row of t.rows) {
      const type = row[t.col('Crime type')]!;
      const month = row[t.col('Month')]!;
      const months = byType.get(type) ?? new Map<string, number>();
      months.set(month, (months.get(month) ?? 0) + 1);
      byType.set(type, months);
    }
  }
  ward = readCsv(data.mpsWard2022Recent);
});
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

/** A crime type with no crimes in at least one imported month (Robbery: none in March 2017). */
function sparseType(): string {
  const type = [...byType.keys()].sort().find((t) => POLICE_MONTHS.some((m) => !byType.get(t)!.has(m)));
  if (!type) throw new Error('every crime type has crimes in every month: the test data changed');
  return type;
}

describe('periods with no crimes (police.uk incidents)', () => {
  it('shows each month the dataset covers, 0 where there were none, and never a month it does not cover', () => {
    const type = sparseType();
    const result = runPivot(ws.db, {
      dataset: 'policeuk-city-of-london-police',
      rows: ['month'],
      columns: [],
      filters: { 'crime-type': [type] },
      months: { from: '2017-01', to: '2017-06' },
    });
    expect(result.rows.map((r) => r.keys[0])).toEqual(POLICE_MONTHS);
    const expected = POLICE_MONTHS.map((m) => byType.get(type)!.get(m) ?? 0);
    expect(expected).toContain(0);
    expect(result.cells.map((row) => row[0]!.count)).toEqual(expected);
    const zero = expected.indexOf(0);
    expect(result.cells[zero]![0]).toMatchObject({ value: 0, count: 0 });
    expect(result.cells[zero]![0]!.flags).toEqual(['small']);
    expect(result.grandTotal.count).toBe(expected.reduce((a, b) => a + b, 0));
  });

  it('fills every covered month for each crime type when month shares the axis, and flags the quarter missing May', () => {
    const type = sparseType();
    const byMonth = runPivot(ws.db, {
      dataset: 'policeuk-city-of-london-police',
      rows: ['crime-type', 'month'],
      columns: [],
      months: { from: '2017-01', to: '2017-06' },
    });
    expect(byMonth.rows).toHaveLength(byType.size * POLICE_MONTHS.length);
    const mine = byMonth.rows.flatMap((r, i) => (r.labels[0] === type ? [[r.keys[1], byMonth.cells[i]![0]!.count]] : []));
    expect(mine).toEqual(POLICE_MONTHS.map((m) => [m, byType.get(type)!.get(m) ?? 0]));

    const byQuarter = runPivot(ws.db, {
      dataset: 'policeuk-city-of-london-police',
      rows: ['quarter'],
      columns: [],
      filters: { 'crime-type': [type] },
      months: { from: '2017-01', to: '2017-06' },
    });
    expect(byQuarter.rows.map((r) => r.keys[0])).toEqual(['2017-Q1', '2017-Q2']);
    const count = (months: string[]) => months.reduce((n, m) => n + (byType.get(type)!.get(m) ?? 0), 0);
    expect(byQuarter.cells.map((row) => row[0]!.count)).toEqual([count(['2017-01', '2017-02', '2017-03']), count(['2017-04', '2017-06'])]);
    expect(byQuarter.cells[0]![0]!.flags).not.toContain('incomplete');
    expect(byQuarter.cells[1]![0]!.flags).toContain('incomplete');
  });

  it('does not invent months outside the imported ones when the range asks for more', () => {
    const result = runPivot(ws.db, {
      dataset: 'policeuk-city-of-london-police',
      rows: ['month'],
      columns: [],
      filters: { 'crime-type': [sparseType()] },
      months: { from: '2016-10', to: '2017-08' },
    });
    expect(result.rows.map((r) => r.keys[0])).toEqual(POLICE_MONTHS);
    expect(result.span).toEqual({ from: '2016-10', to: '2017-08' });
    expect(result.rows.map((r) => r.keys[0])).not.toContain('2017-05');
  });
});

describe('periods with no crimes (MPS ward file)', () => {
  it('a ward drilled to one category shows all 24 months, with the zero months the raw row holds', () => {
    const months = monthColumns(ward);
    const col = (name: string) => ward.col(name);
    // The first robbery row (by ward code) with some months of 0 and some crimes.
    const row = ward.rows
      .filter((r) => /robbery/i.test(r[col('MajorText')]!))
      .sort((a, b) => (a[col('WardCode')]! + a[col('MinorText')]!).localeCompare(b[col('WardCode')]! + b[col('MinorText')]!))
      .find((r) => months.some(([i]) => Number(r[i]) === 0) && months.some(([i]) => Number(r[i]) > 0));
    if (!row) throw new Error('no robbery row with months of 0 in the ward file');
    const result = runPivot(ws.db, {
      dataset: 'mps-ward-ho-2022',
      rows: ['ward'],
      columns: ['month'],
      filters: { ward: [row[col('WardCode')]!], category: [row[col('MinorText')]!] },
    });
    const key = (m: number) => `${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`;
    expect(result.columns.map((c) => c.keys[0])).toEqual(months.map(([, m]) => key(m)));
    expect(result.rows).toHaveLength(1);
    expect(result.cells[0]!.map((c) => c.count)).toEqual(months.map(([i]) => Number(row[i])));
    expect(result.cells[0]!.filter((c) => c.count === 0).length).toBe(months.filter(([i]) => Number(row[i]) === 0).length);
  });
});
