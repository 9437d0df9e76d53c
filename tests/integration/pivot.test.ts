// Pivots on the real MPS files checked against sums computed here from the raw CSVs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { inYear, readCsv, sumWide, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

let ws: Workspace;
let historic: RawTable;
let recent: RawTable;
let ward: RawTable;

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [data.mpsBoroughHistoric, data.mpsBoroughRecent, data.mpsWard2022Recent, data.populationBorough]);
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
  historic = readCsv(data.mpsBoroughHistoric);
  recent = readCsv(data.mpsBoroughRecent);
  ward = readCsv(data.mpsWard2022Recent);
});
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

const residential = (t: RawTable, spelling: string) => (row: string[]) => row[t.col('Minor Category')] === spelling;
const inBorough = (t: RawTable, name: string, column = 'Borough') => (row: string[]) => row[t.col(column)] === name;

describe('borough × year pivots (older MPS scheme)', () => {
  it('counts residential burglary per borough and year across both extracts, despite the renaming', () => {
    const result = runPivot(ws.db, {
      dataset: 'mps-borough-old',
      rows: ['borough'],
      columns: ['year'],
      months: { from: '2016-01', to: '2017-12' },
      filters: { category: ['Burglary - Residential'] },
    });
    expect(result.columns.map((c) => c.keys[0])).toEqual(['2016', '2017']);
    const harrow = result.rows.findIndex((r) => r.labels[0] === 'Harrow');
    const expected2016 = sumWide(historic, inYear(2016), (r) => residential(historic, 'Burglary in a Dwelling')(r) && inBorough(historic, 'Harrow')(r));
    const expected2017 = sumWide(recent, inYear(2017), (r) => residential(recent, 'Burglary - Residential')(r) && inBorough(recent, 'Harrow')(r));
    expect(expected2016).toBeGreaterThan(0);
    expect(result.cells[harrow]!.map((c) => c.count)).toEqual([expected2016, expected2017]);
    expect(result.columnTotals[0]!.count).toBe(sumWide(historic, inYear(2016), residential(historic, 'Burglary in a Dwelling')));
    expect(result.grandTotal.count).toBe(expected2016Total() + sumWide(recent, inYear(2017), residential(recent, 'Burglary - Residential')));
  });

  it('gives rates per 1,000 from the population of each period’s own year, or of one fixed year', () => {
    const spec = { dataset: 'mps-borough-old', rows: ['borough' as const], columns: ['year' as const], months: { from: '2016-01', to: '2017-12' }, filters: { borough: ['Harrow'] }, measure: 'rate' as const };
    const own = runPivot(ws.db, spec);
    const count2016 = sumWide(historic, inYear(2016), inBorough(historic, 'Harrow'));
    const count2017 = sumWide(recent, inYear(2017), inBorough(recent, 'Harrow'));
    // Harrow's populations from PROVENANCE.md (GLA series): 2016 249,316; 2017 252,052.
    expect(own.cells[0]![0]!.value).toBeCloseTo((count2016 / 249_316) * 1000, 10);
    expect(own.cells[0]![1]!.value).toBeCloseTo((count2017 / 252_052) * 1000, 10);
    expect(own.cells[0]![1]!.populationYear).toBe(2017);
    expect(own.rowTotals[0]!.value).toBeNull(); // a rate across two years is not given
    const fixed = runPivot(ws.db, { ...spec, populationYear: 2016 });
    expect(fixed.cells[0]![1]!.value).toBeCloseTo((count2017 / 249_316) * 1000, 10);
  });

  it('computes change, % change and rate change against the year before', () => {
    const base = { dataset: 'mps-borough-old', rows: ['borough' as const], columns: ['year' as const], months: { from: '2017-01', to: '2017-12' }, filters: { borough: ['E09000015'] } };
    const count2016 = sumWide(historic, inYear(2016), inBorough(historic, 'Harrow'));
    const count2017 = sumWide(recent, inYear(2017), inBorough(recent, 'Harrow'));
    const change = runPivot(ws.db, { ...base, measure: 'change' }).cells[0]![0]!;
    expect(change.value).toBe(count2017 - count2016);
    expect(change.previousCount).toBe(count2016);
    const pct = runPivot(ws.db, { ...base, measure: 'pct-change' }).cells[0]![0]!;
    expect(pct.value).toBeCloseTo(((count2017 - count2016) / count2016) * 100, 10);
    const rate = runPivot(ws.db, { ...base, measure: 'rate-change' }).cells[0]![0]!;
    expect(rate.value).toBeCloseTo((count2017 / 252_052) * 1000 - (count2016 / 249_316) * 1000, 10);
  });

  it('withholds % change on small counts and flags them', () => {
    const result = runPivot(ws.db, {
      dataset: 'mps-borough-old',
      rows: ['borough'],
      columns: ['year'],
      months: { from: '2017-01', to: '2017-12' },
      filters: { borough: ['Harrow'], category: ['Murder'] },
      measure: 'pct-change',
    });
    const previous = sumWide(historic, inYear(2016), (r) => inBorough(historic, 'Harrow')(r) && r[historic.col('Minor Category')] === 'Murder');
    const cell = result.cells[0]![0]!;
    expect(previous).toBeLessThan(10);
    expect(cell.value).toBeNull();
    expect(cell.reason).toMatch(/fewer than 10|No crimes/);
    expect(cell.flags).toContain('small');
  });

  it('flags a period that misses months of the data', () => {
    const result = runPivot(ws.db, { dataset: 'mps-borough-old', rows: ['year'], columns: [], months: { from: '2018-01', to: '2018-06' } });
    expect(result.cells[0]![0]!.flags).toContain('incomplete');
    const whole = runPivot(ws.db, { dataset: 'mps-borough-old', rows: ['year'], columns: [], months: { from: '2018-01', to: '2018-12' } });
    expect(whole.cells[0]![0]!.flags).not.toContain('incomplete');
  });
});

describe('ward pivots (2022 wards)', () => {
  it('ward × month for one borough matches the raw file, with totals', () => {
    const result = runPivot(ws.db, { dataset: 'mps-ward-ho-2022', rows: ['ward'], columns: ['month'], filters: { borough: ['Harrow'] } });
    const isHarrow = inBorough(ward, 'Harrow', 'LookUp_BoroughName');
    expect(result.rows).toHaveLength(new Set(ward.rows.filter(isHarrow).map((r) => r[ward.col('WardCode')])).size);
    expect(result.columns).toHaveLength(24);
    expect(result.columns[0]!.labels[0]).toBe('Jan 2024');
    const first = result.rows[0]!;
    const inWard = (r: string[]) => r[ward.col('WardCode')] === first.keys[0];
    expect(result.cells[0]![0]!.count).toBe(sumWide(ward, (m) => m === 202401, inWard));
    expect(result.rowTotals[0]!.count).toBe(sumWide(ward, () => true, inWard));
    expect(result.grandTotal.count).toBe(sumWide(ward, () => true, isHarrow));
  });

  it('ward × month × category (each stored figure its own cell, read without adding up) matches the raw file', () => {
    const result = runPivot(ws.db, { dataset: 'mps-ward-ho-2022', rows: ['ward', 'month'], columns: ['category'], filters: { borough: ['Harrow'] } });
    const isHarrow = inBorough(ward, 'Harrow', 'LookUp_BoroughName');
    const wards = [...new Set(ward.rows.filter(isHarrow).map((r) => r[ward.col('WardCode')]!))];
    expect(result.rows).toHaveLength(wards.length * 24);
    expect(result.columns).toHaveLength(new Set(ward.rows.filter(isHarrow).map((r) => r[ward.col('MinorText')])).size);
    for (const i of [0, 13, result.rows.length - 1]) {
      const [code, month] = result.rows[i]!.keys;
      const m = Number(month!.replace('-', ''));
      const inWard = (r: string[]) => r[ward.col('WardCode')] === code;
      expect(result.rowTotals[i]!.count).toBe(sumWide(ward, (x) => x === m, inWard));
      expect(result.cells[i]!.reduce((n, c) => n + c.count, 0)).toBe(result.rowTotals[i]!.count);
    }
    expect(result.grandTotal.count).toBe(sumWide(ward, () => true, isHarrow));
  });

  it('says ward figures do not add up to the borough’s when both are asked for', () => {
    const result = runPivot(ws.db, { dataset: 'mps-ward-ho-2022', rows: ['borough', 'ward'], columns: ['year'], filters: { borough: ['Harrow'] } });
    expect(result.notes.join(' ')).toMatch(/do not add up/);
  });

  it('treats filter values as data, never as SQL', () => {
    expect(() =>
      runPivot(ws.db, { dataset: 'mps-ward-ho-2022', rows: ['ward'], columns: [], filters: { ward: ["'); DROP TABLE imports;--"] } }),
    ).toThrow(/There is no ward/);
    expect((ws.db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n).toBe(4);
  });

  it('lists near matches for an unknown area name', () => {
    expect(() => runPivot(ws.db, { dataset: 'mps-ward-ho-2022', rows: ['ward'], columns: [], filters: { borough: ['Harow'] } })).toThrow(/Did you mean: Harrow/);
  });
});

function expected2016Total(): number {
  return sumWide(historic, inYear(2016), residential(historic, 'Burglary in a Dwelling'));
}
