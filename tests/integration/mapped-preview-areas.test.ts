// The mapping check before an import says how many rows the import would store and which area
// names it would refuse (no match; in several ward sets; in several boroughs). Sheets made at
// run time from the real 2022-ward MPS file, some names deliberately misspelt: the check's
// figures must be the import's own, and both must match what the raw file says.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ColumnMapping, ImportFileResult } from '../../src/shared/importing';
import type { AreaCheck } from '../../src/shared/preview';
import { importFile } from '../../src/core/importers/importFile';
import { previewFile } from '../../src/core/importers/preview';
import { AreaRegistry } from '../../src/core/store/areas';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir } from '../support/data';
import { monthColumns, readCsv, type RawTable } from '../support/raw';
import { cleanupTempDirs, scalar, tempDir, tempWorkspace } from '../support/workspace';
import { excelMonthCell, writeXlsx } from '../support/xlsx';

const MINOR = 'RES BURGLARY OF A HOME';
const WARDS_2022 = path.join(dataDir, 'boundaries', 'london_wards_2022_merged.geojson');
/** Misspelt as a partner might: no ward anywhere in London has these names. */
const MISSPELT: Record<string, string> = { Stanmore: 'Stanmoor', 'Wealdstone North': 'Wealdstone Nroth' };

let raw: RawTable;
let ws: Workspace;
/** Ward names London's 2022 wards have in more than one borough (from the boundaries, not from Wardlens). */
let inTwoBoroughs: Set<string>;
/** "borough|ward" for every 2022 ward in the gazetteer the workspace starts with, under each name it has had, in a plain form. */
let gazetteer2022: Set<string>;
const plain = (name: string) => name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, ' ').trim();

beforeAll(() => {
  raw = readCsv(data.mpsWard2022Recent);
  const features = (JSON.parse(readFileSync(WARDS_2022, 'utf8')) as { features: { properties: { WD25NM: string; LAD25NM: string } }[] }).features;
  const boroughsOf = new Map<string, Set<string>>();
  for (const { properties: p } of features) boroughsOf.set(p.WD25NM, (boroughsOf.get(p.WD25NM) ?? new Set()).add(p.LAD25NM));
  inTwoBoroughs = new Set([...boroughsOf].filter(([, b]) => b.size > 1).map(([name]) => name));
  const g = JSON.parse(readFileSync(data.gazetteer, 'utf8')) as { boroughs: { code: string; name: string }[]; wards: { name: string; boroughCode: string; vintages: string[]; earlierNames?: Record<string, string> }[] };
  const boroughName = new Map(g.boroughs.map((b) => [b.code, b.name]));
  gazetteer2022 = new Set(
    g.wards
      .filter((w) => w.vintages.includes('2022'))
      .flatMap((w) => [w.name, ...Object.values(w.earlierNames ?? {})].map((n) => `${plain(boroughName.get(w.boroughCode)!)}|${plain(n)}`)),
  );
  ws = tempWorkspace();
});
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Every name the check would refuse, with its rows, as the import's result lists them. */
function refusedByCheck(check: AreaCheck): { name: string; rows: number }[] {
  return [...check.unmatched, ...check.inSeveralWardSets, ...check.inSeveralBoroughs]
    .map(({ name, rows }) => ({ name: name || '(blank)', rows }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The check and the import of the same file through the same mapping. */
async function checkThenImport(file: string, mapping: ColumnMapping): Promise<{ check: AreaCheck; result: ImportFileResult }> {
  const preview = await previewFile(ws, file, undefined, mapping);
  expect(preview.problem).toBeNull();
  const check = preview.areas!;
  const result = await importFile(ws, file, { mapping });
  expect(result.status, result.error?.message).toBe('imported');
  expect(result.rowsRead).toBe(check.rows);
  expect(result.rowsStored).toBe(check.rowsStored);
  expect(result.areas).toBe(check.areas);
  expect(result.rowsRejected).toBe(refusedByCheck(check).reduce((t, u) => t + u.rows, 0));
  expect(result.skipped?.rows ?? 0).toBe(check.totalsRows);
  expect([...result.unmatchedNames].sort((a, b) => a.name.localeCompare(b.name))).toEqual(refusedByCheck(check));
  return { check, result };
}

describe('a Harrow partner sheet by ward name, months across, two names misspelt', () => {
  let file: string;
  let wards: { name: string; sheetName: string; cells: number[] }[];
  const mapping: ColumnMapping = { headerRow: 3, area: 'Ward', areaLevel: 'ward', monthsAcrossColumns: true, categoryValue: 'Residential burglary' };

  beforeAll(() => {
    const months = monthColumns(raw).filter(([, m]) => m < 202500);
    wards = raw.rows
      .filter((r) => r[raw.col('LookUp_BoroughName')] === 'Harrow' && r[raw.col('MinorText')] === MINOR)
      .map((r) => {
        const name = r[raw.col('WardName')]!;
        return { name, sheetName: MISSPELT[name] ?? name, cells: months.map(([i]) => Number(r[i])) };
      });
    const totals = months.map((_, k) => wards.reduce((t, w) => t + w.cells[k]!, 0));
    file = writeXlsx(path.join(tempDir(), 'harrow-burglary-misspelt.xlsx'), [
      ['Residential burglary by ward, 2024'],
      [],
      ['Ward', ...months.map(([, m]) => excelMonthCell(Math.floor(m / 100), m % 100))],
      ...wards.map((w) => [w.sheetName, ...w.cells]),
      ['Total', ...totals],
    ]);
  });

  it('with the 2022 wards and Harrow said: all but the misspelt names recognised, before and after', async () => {
    expect(wards).toHaveLength(22);
    const { check, result } = await checkThenImport(file, { ...mapping, vintage: '2022', boroughValue: 'Harrow' });
    expect(check).toMatchObject({ level: 'ward', vintage: '2022', rows: 23, rowsStored: 20, areas: 20, totalsRows: 1, inSeveralWardSets: [], inSeveralBoroughs: [] });
    expect(check.unmatched).toEqual([
      { name: 'Stanmoor', rows: 1 },
      { name: 'Wealdstone Nroth', rows: 1 },
    ]);
    // What was stored is the 20 correctly spelt wards' figures, from the raw file.
    const kept = wards.filter((w) => !(w.name in MISSPELT));
    const total = kept.reduce((t, w) => t + w.cells.reduce((a, b) => a + b, 0), 0);
    expect(scalar(ws.db, 'SELECT sum(count) FROM current_monthly_counts WHERE import_id = ?', result.importId)).toBe(total);
  });

  it('with the 2022 wards but no borough: the names other boroughs also have are held back, and said so', async () => {
    const twice = wards.filter((w) => inTwoBoroughs.has(w.name)).map((w) => w.name).sort();
    expect(twice.length).toBeGreaterThan(0);
    const { check } = await checkThenImport(file, { ...mapping, vintage: '2022' });
    expect(check.rowsStored).toBe(22 - twice.length - 2);
    expect(check.inSeveralBoroughs.map((u) => u.name).sort()).toEqual(twice);
    for (const u of check.inSeveralBoroughs) expect(u.boroughs).toContain('Harrow');
    expect(check.unmatched.map((u) => u.name)).toEqual(['Stanmoor', 'Wealdstone Nroth']);
  });

  it('with no ward set chosen: names in several sets are held back, naming the sets', async () => {
    const { check } = await checkThenImport(file, mapping);
    expect(check.inSeveralWardSets.length).toBeGreaterThan(0);
    for (const u of check.inSeveralWardSets) expect(u.sets).toContain('2022');
    expect(check.unmatched.map((u) => u.name)).toEqual(['Stanmoor', 'Wealdstone Nroth']);
  });
});

describe('a London-wide long sheet: a row per ward and category, with a borough column', () => {
  let file: string;
  let rows: { ward: string; borough: string }[];
  const mapping: ColumnMapping = { area: 'Ward', areaLevel: 'ward', vintage: '2022', borough: 'Borough', month: 'Month', count: 'Crimes', category: 'Category' };

  beforeAll(() => {
    const [col, month] = monthColumns(raw).find(([, m]) => m === 202412)!;
    const quoted = (t: string) => (/[",]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
    // The police's own "Aviation Security (SO18)" is no borough: a partner sheet would not have it.
    const london = raw.rows.filter((r) => r[raw.col('LookUp_BoroughName')] !== 'Aviation Security (SO18)');
    rows = london.map((r) => {
      const ward = r[raw.col('WardName')]!;
      const borough = r[raw.col('LookUp_BoroughName')]!;
      return { ward: borough === 'Harrow' ? (MISSPELT[ward] ?? ward) : ward, borough };
    });
    const lines = london.map((r, i) => [rows[i]!.ward, rows[i]!.borough, String(month), r[raw.col('MinorText')]!, r[col]!].map(quoted).join(','));
    file = path.join(tempDir(), 'london-wards-dec-2024.csv');
    writeFileSync(file, ['Ward,Borough,Month,Category,Crimes', ...lines, ''].join('\n'));
  });

  it('counts the misspelt names’ rows as the import refuses them, resolving each name once', async () => {
    expect(rows.length).toBeGreaterThan(15_000);
    // Independently: rows whose ward is no 2022 ward of its borough in the gazetteer, by any name
    // it has had: only the two misspelt names. (The file's "Shirley South" is that ward's 2022
    // name, "Shirly South" in ONS's 2018 set; its "St Peter's" and "Bethnal Green" are the 2018
    // names of what 2022 calls Bethnal Green West and East: all three match.)
    const refused = new Map<string, number>();
    for (const r of rows) if (!gazetteer2022.has(`${plain(r.borough)}|${plain(r.ward)}`)) refused.set(r.ward, (refused.get(r.ward) ?? 0) + 1);
    expect([...refused.keys()].sort()).toEqual(['Stanmoor', 'Wealdstone Nroth']);
    const pairs = new Set(rows.map((r) => `${r.borough}|${r.ward}`));
    const boroughs = new Set(rows.map((r) => r.borough));
    const lookups = vi.spyOn(AreaRegistry.prototype, 'candidates');
    const preview = await previewFile(ws, file, undefined, mapping);
    // Once per ward name and borough, once per borough: not once per row.
    expect(lookups.mock.calls.length).toBeLessThanOrEqual(pairs.size + boroughs.size);
    lookups.mockRestore();
    expect(preview.problem).toBeNull();
    const byRows = [...refused].map(([name, n]) => ({ name, rows: n })).sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
    expect(preview.areas!.unmatched).toEqual(byRows);
    const { check } = await checkThenImport(file, mapping);
    expect(check).toEqual(preview.areas);
    expect(check.rows).toBe(rows.length);
    expect(check.rowsStored).toBe(rows.length - [...refused.values()].reduce((a, b) => a + b, 0));
    expect(check.areas).toBe(pairs.size - refused.size);
  });
});

describe('a sheet whose names match nothing', () => {
  it('is refused by the check, as the import refuses it', async () => {
    const file = path.join(tempDir(), 'nowhere.csv');
    writeFileSync(file, ['Ward,Month,Crimes', 'Narnia Central,2024-01,4', 'Stanmoor,2024-01,2', ''].join('\n'));
    const mapping: ColumnMapping = { area: 'Ward', month: 'Month', count: 'Crimes', categoryValue: 'Burglary' };
    const preview = await previewFile(ws, file, undefined, mapping);
    expect(preview.problem).toBe('No row would be stored: no area name in the sheet resolves to one ward in the workspace.');
    expect(preview.areas!.unmatched).toEqual([
      { name: 'Narnia Central', rows: 1 },
      { name: 'Stanmoor', rows: 1 },
    ]);
    const result = await importFile(ws, file, { mapping });
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('no rows could be imported');
  });

  it('fails the check on a borough that is not one, with the error the import gives', async () => {
    const file = path.join(tempDir(), 'bad-borough.csv');
    writeFileSync(file, ['Ward,Borough,Month,Crimes', 'Belmont,Harrow,2024-01,4', 'Belmont,Harow,2024-01,2', ''].join('\n'));
    const mapping: ColumnMapping = { area: 'Ward', borough: 'Borough', month: 'Month', count: 'Crimes', categoryValue: 'Burglary', vintage: '2022' };
    const preview = await previewFile(ws, file, undefined, mapping);
    const result = await importFile(ws, file, { mapping });
    expect(result.status).toBe('failed');
    expect(preview.problem).toBe(result.error?.message);
    expect(preview.problem).toContain('"Harow" is not a London borough');
  });
});
