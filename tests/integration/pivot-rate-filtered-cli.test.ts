// `wardlens pivot --measure rate --where borough=Harrow` with no area on the rows: the built
// command gives Harrow's rate per 1,000 Harrow residents and says so. Real MPS borough files
// and population table; expected rates from the raw CSVs (count sum / population × 1,000).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotResult } from '../../src/shared/pivot';
import { buildCli, wardlens } from '../support/cli';
import { data } from '../support/data';
import { inYear, readCsv, sumWide } from '../support/raw';
import { cleanupTempDirs, tempDir } from '../support/workspace';

let db: string;
beforeAll(async () => {
  const build = buildCli();
  expect(build.status, build.stderr).toBe(0);
  db = path.join(tempDir(), 'rates.wardlens.sqlite');
  const r = await wardlens('import', data.mpsBoroughHistoric, data.mpsBoroughRecent, data.populationBorough, '--db', db, '--json');
  expect(r.code, r.stderr).toBe(0);
}, 180_000);
afterAll(cleanupTempDirs);

function rawRate(year: number, major: string): number {
  const file = readCsv(year === 2016 ? data.mpsBoroughHistoric : data.mpsBoroughRecent);
  const count = sumWide(file, inYear(year), (r) => r[file.col('Borough')] === 'Harrow' && r[file.col('Major Category')] === major);
  const pop = readCsv(data.populationBorough);
  const row = pop.rows.find((r) => r[pop.col('Name')] === 'Harrow' && Number(r[pop.col('Year')]) === year)!;
  return (1000 * count) / Number(row[pop.col('Population')]);
}

const pivot = (measure: string, ...more: string[]) =>
  wardlens('pivot', '--db', db, '--rows', 'major', '--cols', 'year', '--measure', measure, '--where', 'borough=Harrow', '--to', '2017-12', ...more);

describe('wardlens pivot --measure rate with a borough filter', () => {
  it('gives Harrow’s rates per 1,000 Harrow residents as JSON', async () => {
    const r = await pivot('rate', '--from', '2016-01', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as PivotResult;
    const row = result.rows.findIndex((h) => h.labels[0] === 'Robbery');
    result.columns.forEach((c, j) => expect(result.cells[row]![j]!.value, c.keys[0]).toBeCloseTo(rawRate(Number(c.keys[0]), 'Robbery'), 9));
    expect(result.columns.map((c) => c.keys[0])).toEqual(['2016', '2017']);
    expect(result.notes).toContain('Rates are per 1,000 residents of Harrow, the borough the filters keep.');
  });

  it('gives the change in rate, and says whose residents in the table’s notes', async () => {
    const r = await pivot('rate-change', '--from', '2017-01');
    expect(r.code, r.stderr).toBe(0);
    const expected = rawRate(2017, 'Burglary') - rawRate(2016, 'Burglary');
    const line = r.stdout.split('\n').find((l) => l.startsWith('Burglary'))!;
    // The table prints two decimals, then "~" when the change is within the noise.
    expect(line).toMatch(new RegExp(`^Burglary\\s+${expected.toFixed(2)}~?$`));
    expect(r.stdout).toContain('note: Rates are per 1,000 residents of Harrow, the borough the filters keep.');
    expect(r.stdout).not.toContain('Rates need an area');
  });
});
