// Rates with no area on the rows or columns: "Keep only Borough: Harrow", rows by category.
// The rate is then per Harrow's residents (several boroughs: their populations added), as the
// analyst asked it. Real MPS borough and ward files with the real population tables; every
// expected rate is worked out here from the raw CSVs (count sum / population × 1,000).
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotResult, PivotSpec } from '../../src/shared/pivot';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { dispatch } from '../../src/core/handlers';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir } from '../support/data';
import { inYear, readCsv, sumWide, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

const historic = readCsv(data.mpsBoroughHistoric);
const recent = readCsv(data.mpsBoroughRecent);
const boroughPopulations = readCsv(data.populationBorough);
const AIRPORTS = 'London Heathrow and London City Airports';

/** Crimes in the raw borough files for these boroughs in a year, of one major category or all. */
function rawCount(boroughs: string[], year: number, major?: string): number {
  const file = year === 2016 ? historic : recent;
  return sumWide(
    file,
    inYear(year),
    (r) => boroughs.includes(r[file.col('Borough')]!) && (!major || r[file.col('Major Category')] === major),
  );
}

/** A borough's population for a year, from the raw population table (undefined when it has none). */
function rawPopulation(name: string, year: number): number | undefined {
  const t = boroughPopulations;
  const row = t.rows.find((r) => r[t.col('Name')] === name && Number(r[t.col('Year')]) === year);
  return row ? Number(row[t.col('Population')]) : undefined;
}
const sumPopulations = (names: string[], year: number) => names.reduce((s, n) => s + rawPopulation(n, year)!, 0);

const rate = (count: number, population: number) => (1000 * count) / population;
const majors = [...new Set(historic.rows.map((r) => r[historic.col('Major Category')]!))];
const cellAt = (result: PivotResult, row: string, year: string) =>
  result.cells[result.rows.findIndex((r) => r.labels[0] === row)]![result.columns.findIndex((c) => c.keys[0] === year)]!;
const yearTotal = (result: PivotResult, year: string) => result.columnTotals[result.columns.findIndex((c) => c.keys[0] === year)]!;

describe('rates for boroughs the filters keep', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = tempWorkspace();
    const results = await importFiles(ws, [data.mpsBoroughHistoric, data.mpsBoroughRecent, data.populationBorough]);
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
  }, 120_000);
  afterAll(() => {
    ws.close();
    cleanupTempDirs();
  });

  const spec = (boroughs: string[], measure: PivotSpec['measure'], from = '2016-01'): PivotSpec => ({
    dataset: 'mps-borough-old',
    rows: ['major'],
    columns: ['year'],
    measure,
    filters: { borough: boroughs },
    months: { from, to: '2017-12' },
  });

  it('gives Harrow’s rate per 1,000 Harrow residents, each year over its own population', () => {
    const result = runPivot(ws.db, spec(['Harrow'], 'rate'));
    expect(result.rows.map((r) => r.labels[0]).sort()).toEqual([...majors].sort());
    for (const year of [2016, 2017]) {
      const population = rawPopulation('Harrow', year)!;
      expect(population).toBeGreaterThan(200_000);
      for (const major of majors) {
        const cell = cellAt(result, major, String(year));
        expect(cell.value, `${major} ${year}`).toBeCloseTo(rate(rawCount(['Harrow'], year, major), population), 9);
        expect(cell.population).toBe(population);
        expect(cell.populationYear).toBe(year);
      }
      expect(yearTotal(result, String(year)).value).toBeCloseTo(rate(rawCount(['Harrow'], year), population), 9);
    }
    // A row's total spans two years' populations: still not given, as with an area on the rows.
    expect(result.rowTotals.every((c) => c.value === null)).toBe(true);
    expect(result.notes).toContain('Rates are per 1,000 residents of Harrow, the borough the filters keep.');
    expect(result.notes.join(' ')).not.toMatch(/Rates need an area/);
    expect(result.ratesPer).toEqual({ kind: 'borough', areas: ['E09000015'] });
  });

  it('gives the review’s case: Harrow burglary by minor category, 2016 and 2017', () => {
    const result = runPivot(ws.db, { ...spec(['Harrow'], 'rate'), rows: ['minor'], filters: { borough: ['Harrow'], major: ['Burglary'] } });
    expect(result.rows.length).toBeGreaterThanOrEqual(2);
    for (const year of [2016, 2017]) {
      const population = rawPopulation('Harrow', year)!;
      const column = result.columns.findIndex((c) => c.keys[0] === String(year));
      for (const row of result.cells) expect(row[column]!.value).toBeCloseTo(rate(row[column]!.count, population), 9);
      expect(yearTotal(result, String(year)).value).toBeCloseTo(rate(rawCount(['Harrow'], year, 'Burglary'), population), 9);
    }
  });

  it('adds the populations of several boroughs kept, and says whose they are', () => {
    const boroughs = ['Harrow', 'Brent', 'Barnet'];
    const result = runPivot(ws.db, spec(boroughs, 'rate'));
    for (const year of [2016, 2017]) {
      const population = sumPopulations(boroughs, year);
      for (const major of majors) {
        const cell = cellAt(result, major, String(year));
        expect(cell.value, `${major} ${year}`).toBeCloseTo(rate(rawCount(boroughs, year, major), population), 9);
        expect(cell.population).toBe(population);
      }
      expect(yearTotal(result, String(year)).value).toBeCloseTo(rate(rawCount(boroughs, year), population), 9);
    }
    expect(result.notes).toContain(
      'Rates are per 1,000 residents of Harrow, Brent and Barnet together: the 3 boroughs the filters keep, their populations added.',
    );
  });

  it('gives no rate when one borough kept has no population, and names it', () => {
    expect(rawPopulation(AIRPORTS, 2017)).toBeUndefined();
    expect(rawCount([AIRPORTS], 2017)).toBeGreaterThan(0);
    const result = runPivot(ws.db, spec(['Harrow', AIRPORTS], 'rate', '2017-01'));
    const all = [...result.cells.flat(), ...result.rowTotals, ...result.columnTotals, result.grandTotal];
    expect(all.every((c) => c.value === null)).toBe(true);
    expect(all.every((c) => c.reason === `No 2017 population for ${AIRPORTS}: a rate over the boroughs the filters keep needs each one’s population.`)).toBe(true);
    expect(result.notes).toContain(
      `Rates are blank in 2017: the workspace holds no population at all for ${AIRPORTS}, and a rate over the boroughs the filters keep needs each one’s population.`,
    );
    // No rate was given, so none is said to be per anyone's residents.
    expect(result.notes.join(' ')).not.toMatch(/Rates are per/);
  });

  it('gives the change in Harrow’s rate on a year earlier over each year’s population', () => {
    const result = runPivot(ws.db, spec(['Harrow'], 'rate-change', '2017-01'));
    const [now, before] = [rawPopulation('Harrow', 2017)!, rawPopulation('Harrow', 2016)!];
    expect(now).not.toBe(before);
    for (const major of majors) {
      const expected = rate(rawCount(['Harrow'], 2017, major), now) - rate(rawCount(['Harrow'], 2016, major), before);
      expect(cellAt(result, major, '2017').value, major).toBeCloseTo(expected, 9);
    }
    expect(yearTotal(result, '2017').value).toBeCloseTo(
      rate(rawCount(['Harrow'], 2017), now) - rate(rawCount(['Harrow'], 2016), before),
      9,
    );
  });

  it('still asks for an area when the filters keep none', () => {
    const result = runPivot(ws.db, { ...spec([], 'rate'), filters: { major: ['Burglary'] } });
    expect(result.cells.flat().every((c) => c.value === null)).toBe(true);
    expect(result.notes).toContain(
      'Rates need an area: add borough or ward to the rows or columns, or keep only some boroughs or wards with a filter.',
    );
    expect(result.ratesPer).toBeUndefined();
  });

  it('exports the same rates, naming the population file and whose residents they are per', async () => {
    const file = path.join(tempDir(), 'harrow-rates.csv');
    const pivot = spec(['Harrow'], 'rate');
    await dispatch({ workspace: ws }, 'export/table', { table: { pivot }, format: 'csv', path: file });
    const records = parse(readFileSync(file), { bom: true, relax_column_count: true }) as string[][];
    expect(records[0]).toEqual(['Major category', '2016', '2017', 'Total', 'Marks']);
    for (const major of majors) {
      const record = records.find((r) => r[0] === major)!;
      [2016, 2017].forEach((year, k) =>
        expect(Number(record[1 + k]), `${major} ${year}`).toBeCloseTo(rate(rawCount(['Harrow'], year, major), rawPopulation('Harrow', year)!), 9),
      );
    }
    const lines = records.map((r) => r[0]);
    expect(lines).toContain('Note: Rates are per 1,000 residents of Harrow, the borough the filters keep.');
    expect(lines.find((l) => l?.startsWith('Rates are per 1,000 residents, using'))).toContain('housing-density-borough.csv');
  });
});

describe('rates for a ward the filters keep', () => {
  const wardFile = data.mpsWard2018;
  const wardPopulationsFile = path.join(dataDir, 'population', 'housing-density-ward.csv');
  let ws: Workspace;
  let wards: RawTable;
  let wardPopulations: RawTable;
  beforeAll(async () => {
    ws = tempWorkspace();
    const results = await importFiles(ws, [wardFile, wardPopulationsFile]);
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
    wards = readCsv(wardFile);
    wardPopulations = readCsv(wardPopulationsFile);
  }, 120_000);
  afterAll(() => {
    ws.close();
    cleanupTempDirs();
  });

  const wardCount = (codes: string[], year: number) =>
    sumWide(wards, inYear(year), (r) => codes.includes(r[wards.col('WardCode')]!));
  const wardPopulation = (code: string, year: number) =>
    Number(
      wardPopulations.rows.find((r) => r[wardPopulations.col('Code')] === code && Number(r[wardPopulations.col('Year')]) === year)![
        wardPopulations.col('Population')
      ],
    );

  it('gives one ward’s rate over its own population, and several wards’ over theirs added', () => {
    const dataset = (ws.db.prepare("SELECT key FROM datasets WHERE kind = 'counts'").pluck().get() as string);
    const run = (codes: string[], boroughs?: string[]) =>
      runPivot(ws.db, {
        dataset,
        rows: ['major'],
        columns: ['year'],
        measure: 'rate',
        filters: { ward: codes, ...(boroughs ? { borough: boroughs } : {}) },
        months: { from: '2021-01', to: '2021-12' },
      });
    const belmont = run(['E05000285']);
    expect(yearTotal(belmont, '2021').value).toBeCloseTo(rate(wardCount(['E05000285'], 2021), wardPopulation('E05000285', 2021)), 9);
    expect(belmont.notes).toContain('Rates are per 1,000 residents of Belmont, the ward the filters keep.');
    const two = ['E05000285', 'E05000286'];
    const both = run(two);
    const population = wardPopulation(two[0]!, 2021) + wardPopulation(two[1]!, 2021);
    expect(yearTotal(both, '2021').value).toBeCloseTo(rate(wardCount(two, 2021), population), 9);
    expect(yearTotal(both, '2021').population).toBe(population);
    // Kept to Harrow too, Brent's Alperton (E05000085) has no crimes in the table: nor is its population counted.
    const harrowOnly = run(['E05000285', 'E05000085'], ['Harrow']);
    expect(yearTotal(harrowOnly, '2021').count).toBe(wardCount(['E05000285'], 2021));
    expect(yearTotal(harrowOnly, '2021').population).toBe(wardPopulation('E05000285', 2021));
    expect(harrowOnly.ratesPer).toEqual({ kind: 'ward', areas: ['E05000285'] });
  });
});
