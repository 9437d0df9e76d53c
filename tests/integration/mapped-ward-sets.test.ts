// A partner sheet of Harrow's 22 wards (2022 boundaries), by name only, made at run time from
// the real 2022-ward MPS file: most of the names were also ward names in 2014 and 2018, with
// other boundaries. The import must say how to choose the set in words that suit both the
// app's mapping form and a CLI mapping file, and with the set chosen keep every ward's figures.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../src/shared/importing';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { importFile } from '../../src/core/importers/importFile';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir } from '../support/data';
import { monthColumns, readCsv } from '../support/raw';
import { cleanupTempDirs, scalar, tempDir, tempWorkspace } from '../support/workspace';
import { excelMonthCell, writeXlsx } from '../support/xlsx';

const MINOR = 'RES BURGLARY OF A HOME';
const WARDS_2022 = path.join(dataDir, 'boundaries', 'london_wards_2022_merged.geojson');
let ws: Workspace;
let file: string;
let wards: { name: string; cells: number[] }[];
let months: number[];

beforeAll(() => {
  const raw = readCsv(data.mpsWard2022Recent);
  months = monthColumns(raw).map(([, m]) => m).filter((m) => m < 202500);
  const cols = monthColumns(raw).filter(([, m]) => m < 202500).map(([i]) => i);
  wards = raw.rows
    .filter((r) => r[raw.col('LookUp_BoroughName')] === 'Harrow' && r[raw.col('MinorText')] === MINOR)
    .map((r) => ({ name: r[raw.col('WardName')]!, cells: cols.map((i) => Number(r[i])) }));
  file = writeXlsx(path.join(tempDir(), 'harrow-partner-burglary.xlsx'), [
    ['Harrow Community Safety Partnership'],
    ['Residential burglary by ward, 2024'],
    [],
    ['Ward', ...months.map((m) => excelMonthCell(Math.floor(m / 100), m % 100))],
    ...wards.map((w) => [w.name, ...w.cells]),
  ]);
  ws = tempWorkspace();
});
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

const mapping: ColumnMapping = { headerRow: 4, area: 'Ward', areaLevel: 'ward', monthsAcrossColumns: true, categoryValue: 'Residential burglary' };

describe('ward names found in more than one ward set', () => {
  it('says to choose the ward boundaries, in the app’s words and the mapping file’s', async () => {
    expect(wards).toHaveLength(22);
    const r = await importFile(ws, file, { mapping });
    expect(r.status).toBe('imported');
    const warning = r.warnings.find((w) => w.includes('more than one ward boundary set'))!;
    expect(warning, r.warnings.join('\n')).toBeDefined();
    expect(warning).toContain('choose which ward boundaries the sheet uses (2014, 2018 or 2022; "vintage" in a mapping file).');
    expect(warning).not.toContain('say which set');
    const held = Number(/^(\d+) ward names/.exec(warning)![1]);
    expect(r.rowsStored + held).toBe(22);
  });

  it('keeps every ward’s figures once the 2022 wards are chosen, but for names another borough’s 2022 ward also has', async () => {
    // Independently, from the real 2022 boundaries: Harrow ward names that a ward of another
    // London borough also has (a sheet with no borough column cannot say which is meant).
    const features = (JSON.parse(readFileSync(WARDS_2022, 'utf8')) as { features: { properties: { WD25NM: string; LAD25NM: string } }[] }).features;
    const elsewhere = new Set(features.filter((f) => f.properties.LAD25NM !== 'Harrow').map((f) => f.properties.WD25NM.toLowerCase()));
    const twice = wards.filter((w) => elsewhere.has(w.name.toLowerCase()));
    expect(twice.length).toBeGreaterThan(0);
    const r = await importFile(ws, file, { mapping: { ...mapping, vintage: '2022' } });
    expect([r.status, r.rowsStored]).toEqual(['imported', 22 - twice.length]);
    expect(r.warnings.join(' ')).not.toContain('more than one ward boundary set');
    expect(r.unmatchedNames.map((u) => u.name).sort()).toEqual(twice.map((w) => w.name).sort());
    const kept = wards.filter((w) => !twice.includes(w));
    const total = kept.reduce((t, w) => t + w.cells.reduce((a, b) => a + b, 0), 0);
    expect(total).toBeGreaterThan(0);
    expect(scalar(ws.db, 'SELECT sum(count) FROM current_monthly_counts WHERE import_id = ?', r.importId)).toBe(total);
    // Stored on the 2022 wards' own codes (E05013542–E05013563), not on older wards of the same name.
    expect(scalar(ws.db, `SELECT count(DISTINCT a.code) FROM monthly_counts c JOIN areas a ON a.id = c.area_id WHERE c.import_id = ? AND a.code BETWEEN 'E05013542' AND 'E05013563'`, r.importId)).toBe(kept.length);
  });

  it('says which boroughs a repeated ward name belongs to, and how to say which is meant', async () => {
    // A workspace of its own: the one above holds this very import already.
    const fresh = tempWorkspace();
    const r = await importFile(fresh, file, { mapping: { ...mapping, vintage: '2022' } });
    fresh.close();
    const warning = r.warnings.find((w) => w.includes('more than one borough'))!;
    expect(warning, r.warnings.join('\n')).toBeDefined();
    for (const u of r.unmatchedNames) expect(warning).toContain(`${u.name} (`);
    expect(warning).toMatch(/\(Barnet or Harrow\)|\(Harrow or Sutton\)/);
    expect(warning).toContain('say the borough in the mapping');
  });

  const allWards = () => wards.reduce((t, w) => t + w.cells.reduce((a, b) => a + b, 0), 0);

  it('keeps all 22 wards when the mapping says every row is in Harrow', async () => {
    const r = await importFile(ws, file, { mapping: { ...mapping, vintage: '2022', boroughValue: 'Harrow' } });
    expect([r.status, r.rowsStored, r.unmatchedNames]).toEqual(['imported', 22, []]);
    expect(r.warnings.join(' ')).not.toContain('more than one borough');
    expect(scalar(ws.db, 'SELECT sum(count) FROM current_monthly_counts WHERE import_id = ?', r.importId)).toBe(allWards());
    expect(scalar(ws.db, `SELECT count(DISTINCT a.code) FROM monthly_counts c JOIN areas a ON a.id = c.area_id WHERE c.import_id = ? AND a.code BETWEEN 'E05013542' AND 'E05013563'`, r.importId)).toBe(22);
  });

  it('reads each row’s borough from a borough column, by name or code', async () => {
    const withBorough = writeXlsx(path.join(tempDir(), 'harrow-partner-burglary-boroughs.xlsx'), [
      ['Ward', 'Borough', ...months.map((m) => excelMonthCell(Math.floor(m / 100), m % 100))],
      // By code on odd rows: E09000015 is Harrow.
      ...wards.map((w, i) => [w.name, i % 2 ? 'E09000015' : 'Harrow', ...w.cells]),
    ]);
    const r = await importFile(ws, withBorough, { mapping: { ...mapping, headerRow: 1, vintage: '2022', borough: 'Borough' } });
    expect([r.status, r.rowsStored, r.unmatchedNames]).toEqual(['imported', 22, []]);
    expect(scalar(ws.db, 'SELECT sum(count) FROM current_monthly_counts WHERE import_id = ?', r.importId)).toBe(allWards());
  });

  it('refuses a borough that is not one, naming the file, row and column, and keeps nothing', async () => {
    const bad = writeXlsx(path.join(tempDir(), 'harrow-partner-bad-borough.xlsx'), [
      ['Ward', 'Borough', ...months.map((m) => excelMonthCell(Math.floor(m / 100), m % 100))],
      ...wards.map((w, i) => [w.name, i === 3 ? 'Harow' : 'Harrow', ...w.cells]),
    ]);
    const imports = scalar(ws.db, 'SELECT count(*) FROM imports');
    const figures = scalar(ws.db, 'SELECT count(*) FROM monthly_counts');
    const r = await importFile(ws, bad, { mapping: { ...mapping, headerRow: 1, vintage: '2022', borough: 'Borough' } });
    expect(r.status).toBe('failed');
    expect(r.error?.message).toContain('harrow-partner-bad-borough.xlsx');
    expect(r.error?.message).toContain('"Harow" is not a London borough');
    expect(r.error?.details).toMatchObject({ row: 5, column: 'Borough' });
    expect(scalar(ws.db, 'SELECT count(*) FROM imports')).toBe(imports);
    expect(scalar(ws.db, 'SELECT count(*) FROM monthly_counts')).toBe(figures);
  });
});

// A partner sheet on the 2018 wards, made from the real 2018-ward MPS file: Tower Hamlets'
// E05009331 was "St. Peter's" then, and is "Bethnal Green West" in the 2022 set (the newest).
// Once the sheet says its set, the pivot names its wards as the sheet did.
describe('a sheet on the 2018 wards', () => {
  it('is shown with its 2018 ward names, not the newest ones', async () => {
    const raw = readCsv(data.mpsWard2018);
    const cols = monthColumns(raw);
    const rows = raw.rows.filter((r) => r[raw.col('LookUp_BoroughName')] === 'Tower Hamlets' && r[raw.col('MinorText')] === 'Domestic Burglary');
    const sheet = writeXlsx(path.join(tempDir(), 'tower-hamlets-2018-burglary.xlsx'), [
      ['Ward', ...cols.map(([, m]) => excelMonthCell(Math.floor(m / 100), m % 100))],
      ...rows.map((r) => [r[raw.col('WardName')]!, ...cols.map(([i]) => Number(r[i]))]),
    ]);
    const stPeters = rows.find((r) => r[raw.col('WardCode')] === 'E05009331')!;
    expect(stPeters[raw.col('WardName')]).toBe("St Peter's");
    const fresh = tempWorkspace();
    try {
      const r = await importFile(fresh, sheet, { mapping: { ...mapping, headerRow: 1, vintage: '2018', boroughValue: 'Tower Hamlets' } });
      expect([r.status, r.unmatchedNames]).toEqual(['imported', []]);
      const pivot = runPivot(fresh.db, { dataset: r.dataset!, rows: ['ward'], columns: [], measure: 'count' });
      const row = pivot.rows.find((p) => p.keys[0] === 'E05009331')!;
      // The 2018 set's own spelling of the name (the sheet's "St Peter's" matched it).
      expect(row.labels[0]).toBe("St. Peter's");
      const total = cols.reduce((t, [i]) => t + Number(stPeters[i]), 0);
      expect(pivot.cells[pivot.rows.indexOf(row)]![0]!.count).toBe(total);
    } finally {
      fresh.close();
    }
  });
});
