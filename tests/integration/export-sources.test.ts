// A pivot export's Sources name only the population files that gave a rate in that table: a
// ward table the ward populations, a borough table the borough ones, though both files hold
// the same years. Real files: the 2018-ward MPS file, the GLA ward and borough populations and
// the GLA ward profiles (2015). The rates are checked against the raw files, so "gave a rate" is
// shown, not assumed. Last, the chart's title and the export's are the same words.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportTableArgs } from '../../src/shared/export';
import type { PivotSpec } from '../../src/shared/pivot';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { dispatch } from '../../src/core/handlers';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { chartTitle } from '../../src/renderer/charts/figure';
import { buildReportTable } from '../../src/core/export/exportTable';
import { data, dataDir } from '../support/data';
import { readCsv } from '../support/raw';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

const wardPopulations = path.join(dataDir, 'population', 'housing-density-ward.csv');
/** GLA ward profiles: ward populations for 2015 only, imported last, so its 2015 figures are the current ones. */
const wardProfiles = path.join(dataDir, 'population', 'ward-profiles-excel-version.csv');
const HARROW = 'E09000015';

let ws: Workspace;
let out: string;
let dataset: string;

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [
    data.mpsWard2018,
    data.populationBorough,
    wardPopulations,
    wardProfiles,
  ]);
  expect(results.map((r) => [path.basename(r.file), r.status])).toEqual([
    [path.basename(data.mpsWard2018), 'imported'],
    ['housing-density-borough.csv', 'imported'],
    ['housing-density-ward.csv', 'imported'],
    ['ward-profiles-excel-version.csv', 'imported'],
  ]);
  dataset = ws.db.prepare("SELECT key FROM datasets WHERE kind = 'counts'").pluck().get() as string;
  out = tempDir();
});
afterAll(() => {
  ws?.close();
  cleanupTempDirs();
});

const year2021 = { from: '2021-01', to: '2021-12' };

/** Exports the pivot to csv and gives back the notes under the table, one line each. */
async function exportedNotes(spec: PivotSpec, name: string): Promise<string[]> {
  const file = path.join(out, name);
  const args: ExportTableArgs = { table: { pivot: spec }, format: 'csv', path: file };
  await dispatch({ workspace: ws }, 'export/table', args);
  const records = parse(readFileSync(file), { bom: true, relax_column_count: true }) as string[][];
  return records.map((r) => r[0] ?? '');
}

/** Population by ONS code for one year, read straight from a raw GLA file. */
function rawPopulations(file: string, year: number): Map<string, number> {
  const raw = readCsv(file);
  const [code, y, pop] = [raw.col('Code'), raw.col('Year'), raw.col('Population')];
  return new Map(raw.rows.filter((r) => r[y] === String(year)).map((r) => [r[code]!, Number(r[pop])]));
}

/** 2021 crimes by code of the given column (ward or borough), summed from the raw MPS file. */
function rawCounts2021(column: string): Map<string, number> {
  const raw = readCsv(data.mpsWard2018);
  const months = raw.header.map((h, i) => (/^2021\d\d$/.test(h) ? i : -1)).filter((i) => i >= 0);
  expect(months).toHaveLength(12);
  const key = raw.col(column);
  const counts = new Map<string, number>();
  for (const r of raw.rows)
    counts.set(r[key]!, (counts.get(r[key]!) ?? 0) + months.reduce((n, i) => n + Number(r[i]), 0));
  return counts;
}

/** Harrow's 21 wards (2014/2018 codes), their 2021 rates. */
const harrowWards = (): PivotSpec => ({
  dataset,
  rows: ['ward'],
  columns: [],
  measure: 'rate',
  months: year2021,
  filters: { borough: [HARROW] },
});

/** Each ward's rate is its raw 2021 count over its population in the given raw figures. */
function expectWardRates(spec: PivotSpec, populations: Map<string, number>): void {
  const result = runPivot(ws.db, spec);
  const counts = rawCounts2021('WardCode');
  expect(result.rows).toHaveLength(21);
  result.rows.forEach((r, i) => {
    const ward = r.keys[0]!;
    const expected = (1000 * counts.get(ward)!) / populations.get(ward)!;
    expect(result.cells[i]![0]!.value, r.labels[0]).toBeCloseTo(expected, 9);
  });
}

const ratesLines = (notes: string[]) => notes.filter((n) => n.startsWith('Rates are'));

describe('the population files a pivot export names', () => {
  it('a ward rate table names the ward populations only, whose figures are the rates’ denominators', async () => {
    expectWardRates(harrowWards(), rawPopulations(wardPopulations, 2021));
    const notes = await exportedNotes(harrowWards(), 'ward-rates.csv');
    expect(ratesLines(notes)).toEqual([
      'Rates are per 1,000 residents, using each period’s own population (the 2021 projection) from housing-density-ward.csv.',
    ]);
    expect(notes.join('\n')).not.toContain('housing-density-borough.csv');
  });

  it('a borough rate table names the borough populations only', async () => {
    const spec: PivotSpec = { dataset, rows: ['borough'], columns: [], measure: 'rate', months: year2021 };
    const result = runPivot(ws.db, spec);
    const i = result.rows.findIndex((r) => r.keys[0] === HARROW);
    const harrowCount = [...rawCounts2021('WardCode')]
      .filter(([code]) => code >= 'E05000285' && code <= 'E05000305')
      .reduce((n, [, c]) => n + c, 0);
    const population = rawPopulations(data.populationBorough, 2021).get(HARROW)!;
    expect(result.cells[i]![0]!.value).toBeCloseTo((1000 * harrowCount) / population, 9);
    const notes = await exportedNotes(spec, 'borough-rates.csv');
    expect(ratesLines(notes)).toEqual([
      'Rates are per 1,000 residents, using each period’s own population (the 2021 projection) from housing-density-borough.csv.',
    ]);
    expect(notes.join('\n')).not.toContain('housing-density-ward.csv');
  });

  it('with one population year for all, names only the file whose figures for that year are current', async () => {
    const spec: PivotSpec = { ...harrowWards(), populationYear: 2015 };
    // Both ward files hold 2015; the ward profiles came later, so their figures are the denominators.
    const raw = readCsv(wardProfiles);
    const [code, pop] = [raw.col('New code'), raw.col('Population - 2015')];
    expectWardRates(spec, new Map(raw.rows.map((r) => [r[code]!, Number(r[pop])])));
    expect(ratesLines(await exportedNotes(spec, 'ward-rates-2015.csv'))).toEqual([
      'Rates are per 1,000 residents, using the 2015 population for every period from ward-profiles-excel-version.csv.',
    ]);
  });

  it('a rate change names the files of both years’ populations, and a count table names none', async () => {
    const change: PivotSpec = { ...harrowWards(), measure: 'rate-change' };
    expect(ratesLines(await exportedNotes(change, 'ward-rate-change.csv'))).toEqual([
      'Rates are per 1,000 residents, using each period’s own population (the 2020 and 2021 projections) from housing-density-ward.csv.',
    ]);
    const counts = await exportedNotes({ ...change, measure: 'count' }, 'ward-counts.csv');
    expect(counts.some((n) => n.includes('housing-density'))).toBe(false);
  });
});

describe('one wording for a pivot on screen and in the export', () => {
  it('gives the chart and the exported table the same title for the same pivot', () => {
    const specs: PivotSpec[] = [
      { dataset, rows: ['ward'], columns: ['year'], measure: 'rate-change', months: year2021 },
      { dataset, rows: ['borough', 'ward'], columns: ['month'], measure: 'rate', months: year2021 },
      { dataset, rows: ['major'], columns: ['quarter'], measure: 'pct-change', months: year2021 },
    ];
    for (const spec of specs) {
      const result = runPivot(ws.db, spec);
      expect(buildReportTable(ws.db, { pivot: spec }).table.title).toBe(chartTitle(result));
    }
    expect(chartTitle(runPivot(ws.db, specs[0]!))).toBe(
      'Change in rate per 1,000 residents on a year earlier by ward and year',
    );
  });
});
