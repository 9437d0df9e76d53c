// Population tables: the GLA borough file (long, with Source), plain and wide tables, and the id2019 xlsx.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFileResult } from '../../src/shared/importing';
import { importFile } from '../../src/core/importers/importFile';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { readCsv, type RawTable } from '../support/raw';
import { cleanupTempDirs, scalar, tableCounts, tempDir, tempWorkspace } from '../support/workspace';
import { writeXlsx } from '../support/xlsx';

afterAll(cleanupTempDirs);

/** The figure in force for an area (by ONS code) and year. */
const population = (ws: Workspace, code: string, year: number) =>
  scalar(
    ws.db,
    'SELECT p.population FROM current_populations p JOIN areas a ON a.id = p.area_id WHERE a.code = ? AND p.year = ?',
    code,
    year,
  );

describe('GLA borough population file (long, with a Source column)', () => {
  let ws: Workspace;
  let result: ImportFileResult;
  let raw: RawTable;
  beforeAll(async () => {
    ws = tempWorkspace();
    result = await importFile(ws, data.populationBorough);
    raw = readCsv(data.populationBorough);
  });
  afterAll(() => ws.close());

  it('is recognised and imported', () => {
    expect([result.status, result.format, result.error]).toEqual(['imported', 'population', null]);
    expect(raw.rows).toHaveLength(1_872); // PROVENANCE.md
  });

  it('holds Harrow 2016 = 249,316 and 2017 = 252,052, as the raw file says', () => {
    expect(population(ws, 'E09000015', 2016)).toBe(249_316);
    expect(population(ws, 'E09000015', 2017)).toBe(252_052);
    const c = raw.col('Code');
    const y = raw.col('Year');
    const p = raw.col('Population');
    for (const code of ['E09000015', 'E09000003', 'E09000005']) {
      for (const year of ['2016', '2017', '2030']) {
        const row = raw.rows.find((r) => r[c] === code && r[y] === year)!;
        expect(population(ws, code, Number(year)), `${code} ${year}`).toBe(Number(row[p]));
      }
    }
    const source = ws.db
      .prepare(
        `SELECT p.source FROM populations p JOIN areas a ON a.id = p.area_id WHERE a.code = 'E09000015' AND p.year = 2016`,
      )
      .get() as { source: string };
    expect(source.source).toBe('GLA Population Projections');
  });

  it('stores every borough row, and names the region rows (not areas Wardlens reports on) as regions, not as unmatched names', () => {
    const c = raw.col('Code');
    const boroughRows = raw.rows.filter((r) => r[c]!.startsWith('E09'));
    expect(result.rowsStored).toBe(boroughRows.length);
    expect(scalar(ws.db, 'SELECT count(*) FROM populations')).toBe(boroughRows.length);
    // Region rows are skipped (said as "not a borough, ward or LSOA"), not rejected.
    expect(result.rowsRejected).toBe(0);
    expect(result.skipped?.rows).toBe(raw.rows.length - boroughRows.length);
    expect(result.skipped?.message).toMatch(/^\d+ rows skipped: not a borough, ward or LSOA \(London/);
    const regions: Record<string, number> = {};
    for (const r of raw.rows) if (!r[c]!.startsWith('E09')) regions[r[c]!] = (regions[r[c]!] ?? 0) + 1;
    expect(result.unmatchedNames).toEqual([]);
    expect(result.population?.regions.map((r) => r.code).sort()).toEqual(Object.keys(regions).sort());
    // The first row's name: the file calls the region "London", later "Greater London".
    const london = raw.rows.find((r) => r[c] === 'E12000007')!;
    expect(result.population?.regions.find((r) => r.code === 'E12000007')?.name).toBe(london[raw.col('Name')]);
  });
});

describe('population tables an analyst writes', () => {
  it('reads a plain Area, Year, Population csv by names and codes', async () => {
    const ws = tempWorkspace();
    const file = path.join(tempDir(), 'populations.csv');
    writeFileSync(
      file,
      [
        'Area,Year,Population',
        'Harrow,2016,249316',
        'kensington & chelsea,2016,"156,000"',
        'E09000005,2016,329093',
        'Headstone North,2016,10500',
        'Narnia,2016,5',
        'Narnia,2017,6',
      ].join('\n'),
    );
    const r = await importFile(ws, file);
    expect([r.status, r.format, r.rowsStored, r.rowsRejected]).toEqual(['imported', 'population', 4, 2]);
    expect(r.unmatchedNames).toEqual([{ name: 'Narnia', rows: 2 }]);
    expect(population(ws, 'E09000015', 2016)).toBe(249_316);
    expect(population(ws, 'E09000020', 2016)).toBe(156_000);
    expect(population(ws, 'E09000005', 2016)).toBe(329_093);
    expect(population(ws, 'E05000292', 2016)).toBe(10_500); // Headstone North ward, Harrow
    ws.close();
  });

  it('reads a wide xlsx with title rows above the header, years across', async () => {
    const ws = tempWorkspace();
    const file = writeXlsx(path.join(tempDir(), 'mid-year estimates.xlsx'), [
      ['Mid-year population estimates'],
      ['Source: ONS, persons, all ages'],
      [],
      ['Code', 'Borough', 'Mid-2016', 'Mid-2017'],
      ['E09000015', 'Harrow', 249316, 252052],
      ['E09000003', 'Barnet', 386198, 391446],
      ['E12000007', 'London', 8769659, 8825001],
    ]);
    const r = await importFile(ws, file);
    expect([r.status, r.format, r.rowsStored, r.rowsRejected, r.skipped?.rows, r.error]).toEqual([
      'imported',
      'population',
      2,
      0,
      1, // London: a region, skipped
      null,
    ]);
    expect(population(ws, 'E09000015', 2017)).toBe(252_052);
    expect(population(ws, 'E09000003', 2016)).toBe(386_198);
    expect(scalar(ws.db, 'SELECT count(*) FROM populations')).toBe(4);
    ws.close();
  });

  it('lets a later import supply the figure in force, keeping the earlier one', async () => {
    const ws = tempWorkspace();
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.csv'), 'Area,Year,Population\nHarrow,2016,249000\n');
    writeFileSync(path.join(dir, 'b.csv'), 'Area,Year,Population\nHarrow,2016,249316\n');
    expect((await importFile(ws, path.join(dir, 'a.csv'))).status).toBe('imported');
    expect((await importFile(ws, path.join(dir, 'b.csv'))).status).toBe('imported');
    expect(population(ws, 'E09000015', 2016)).toBe(249_316);
    expect(scalar(ws.db, 'SELECT count(*) FROM populations')).toBe(2);
    ws.close();
  });

  it('refuses the GLA id2019 ward xlsx, whose Population column gives no year, without changing anything', async () => {
    const ws = tempWorkspace();
    const before = tableCounts(ws.db);
    const r = await importFile(ws, data.wardsId2019Xlsx);
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('unknown-format');
    expect(r.error?.message).toContain('London wards id2019 summary measures.xlsx');
    expect(r.error?.message).toContain('Population');
    expect(tableCounts(ws.db)).toEqual(before);
    ws.close();
  });
});
