// Eight London wards kept their ONS code in the 2022 boundaries but not their name: three were
// truly renamed (E05011483 "Shirly South", as ONS misspelt it in 2018, is Shirley South;
// E05009317 Bethnal Green is Bethnal Green East; E05009331 St. Peter's is Bethnal Green West)
// and five lost the full stop of "St.". A partner sheet of either set's names must match.
// Sheets are built here from the real MPS ward files, each row named as the boundary files
// (read here, not through Wardlens) name its ward code in that set; every row must be stored
// with the raw file's figures.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../src/shared/importing';
import { importFile } from '../../src/core/importers/importFile';
import { previewFile } from '../../src/core/importers/preview';
import { AreaRegistry } from '../../src/core/store/areas';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir } from '../support/data';
import { monthColumns, readCsv, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

const BOUNDARIES = path.join(dataDir, 'boundaries');
/** Code → [2018 name, 2022 name, borough]. */
const RENAMED: Record<string, [string, string, string]> = {
  E05011483: ['Shirly South', 'Shirley South', 'Croydon'],
  E05009317: ['Bethnal Green', 'Bethnal Green East', 'Tower Hamlets'],
  E05009331: ["St. Peter's", 'Bethnal Green West', 'Tower Hamlets'],
};

/** Ward code → [name, borough name or null] in one boundary file. */
function boundaryNames(file: string, code: string, name: string, borough?: string): Map<string, [string, string | null]> {
  const features = (JSON.parse(readFileSync(path.join(BOUNDARIES, file), 'utf8')) as { features: { properties: Record<string, string> }[] }).features;
  return new Map(features.map(({ properties: p }) => [p[code]!, [p[name]!, borough ? p[borough]! : null]]));
}

/**
 * A long-enough partner sheet: a row per ward and category, months across, each ward under the
 * boundary set's name for its code. The borough is the 2022 boundaries' (the police file the
 * Heathrow wards under "Aviation Security (SO18)", no borough); the 2018 file has none such,
 * and its boundaries say "City of Westminster", so there the police's borough is kept.
 */
function partnerSheet(raw: RawTable, names: Map<string, [string, string | null]>, file: string): string[] {
  const months = monthColumns(raw);
  const quoted = (t: string) => (/[",]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const wardNames: string[] = [];
  const lines = raw.rows.map((r) => {
    const [ward, borough] = names.get(r[raw.col('WardCode')]!)!;
    wardNames.push(ward);
    const where = borough ?? r[raw.col('LookUp_BoroughName')]!;
    return [ward, where, r[raw.col('MajorText')]!, r[raw.col('MinorText')]!, ...months.map(([i]) => r[i]!)].map(quoted).join(',');
  });
  writeFileSync(file, [['Ward', 'Borough', 'Major', 'Minor', ...months.map(([, m]) => String(m))].join(','), ...lines, ''].join('\n'));
  return wardNames;
}

/** code|major|minor|month → figure, the raw file's non-zero cells (zeros are not stored). */
function rawFigures(raw: RawTable): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of raw.rows) {
    for (const [i, m] of monthColumns(raw)) {
      const n = Number(r[i]);
      if (n === 0) continue;
      const key = `${r[raw.col('WardCode')]}|${r[raw.col('MajorText')]!.toLowerCase()}|${r[raw.col('MinorText')]!.toLowerCase()}|${m}`;
      out.set(key, (out.get(key) ?? 0) + n);
    }
  }
  return out;
}

function storedFigures(ws: Workspace, importId: number): Map<string, number> {
  const rows = ws.db
    .prepare(
      `SELECT a.code, c.major, c.minor, m.month, m.count FROM current_monthly_counts m
       JOIN areas a ON a.id = m.area_id JOIN categories c ON c.id = m.category_id WHERE m.import_id = ?`,
    )
    .all(importId) as { code: string; major: string; minor: string; month: number; count: number }[];
  return new Map(rows.map((r) => [`${r.code}|${r.major.toLowerCase()}|${r.minor.toLowerCase()}|${r.month}`, r.count]));
}

/** Imports the sheet after checking it, and expects every row stored with the raw file's figures. */
async function importsEveryRow(ws: Workspace, raw: RawTable, file: string, vintage: string): Promise<void> {
  const mapping: ColumnMapping = { area: 'Ward', areaLevel: 'ward', vintage, borough: 'Borough', major: 'Major', category: 'Minor', monthsAcrossColumns: true };
  const preview = await previewFile(ws, file, undefined, mapping);
  expect(preview.problem).toBeNull();
  expect(preview.areas).toMatchObject({ unmatched: [], inSeveralWardSets: [], inSeveralBoroughs: [], rowsStored: raw.rows.length });
  const result = await importFile(ws, file, { mapping });
  expect(result.status, result.error?.message).toBe('imported');
  expect(result.rowsStored).toBe(raw.rows.length);
  expect(result.unmatchedNames).toEqual([]);
  const expected = rawFigures(raw);
  expect(expected.size).toBeGreaterThan(100_000);
  expect(storedFigures(ws, result.importId!)).toEqual(expected);
}

afterAll(() => cleanupTempDirs());

describe('a partner sheet of 2022 ward names', () => {
  let raw: RawTable;
  let ws: Workspace;
  let file: string;
  let names: string[];
  beforeAll(() => {
    raw = readCsv(data.mpsWard2022Recent);
    file = path.join(tempDir(), 'wards-2022-names.csv');
    names = partnerSheet(raw, boundaryNames('london_wards_2022_merged.geojson', 'WD25CD', 'WD25NM', 'LAD25NM'), file);
    ws = tempWorkspace();
  });
  afterAll(() => ws.close());

  it('matches every row, Shirley South and the Bethnal Greens among them, storing the raw file’s figures', async () => {
    for (const [, name2022] of Object.values(RENAMED)) expect(names).toContain(name2022);
    await importsEveryRow(ws, raw, file, '2022');
  });

  it('shows the renamed wards by their 2022 names, in the 2022 set and when no set is said', () => {
    const areas = new AreaRegistry(ws.db);
    for (const [code, [, name2022]] of Object.entries(RENAMED)) {
      expect(areas.candidates('ward', name2022, '2022').map((a) => [a.code, a.name])).toEqual([[code, name2022]]);
      expect(areas.candidates('ward', name2022).map((a) => [a.code, a.name])).toEqual([[code, name2022]]);
    }
  });
});

describe('a partner sheet of 2018 ward names', () => {
  let raw: RawTable;
  let ws: Workspace;
  let file: string;
  let names: string[];
  beforeAll(() => {
    raw = readCsv(data.mpsWard2018);
    file = path.join(tempDir(), 'wards-2018-names.csv');
    const wards2018 = boundaryNames('london_wards_2018_mapinfo/London_Ward_CityMerged_2018_wgs84_simplified10m.geojson', 'GSS_CODE', 'NAME');
    names = partnerSheet(raw, wards2018, file);
    ws = tempWorkspace();
  });
  afterAll(() => ws.close());

  it('still matches every row, "Shirly South" and "St. Peter’s" among them, storing the raw file’s figures', async () => {
    for (const [name2018] of Object.values(RENAMED)) expect(names).toContain(name2018);
    await importsEveryRow(ws, raw, file, '2018');
  });

  it('finds each renamed ward by its 2018 name in the 2018 set and its borough, named as it was there', () => {
    const areas = new AreaRegistry(ws.db);
    for (const [code, [name2018, , borough]] of Object.entries(RENAMED)) {
      const boroughId = areas.resolve('borough', borough)!.id;
      expect(areas.candidates('ward', name2018, '2018', boroughId).map((a) => [a.code, a.name])).toEqual([[code, name2018]]);
    }
    // Islington had a St. Peter's too: without the borough the name is two wards, as before.
    expect(areas.candidates('ward', "St. Peter's", '2018').map((a) => a.code).sort()).toEqual(['E05000380', 'E05009331']);
  });

  it('in the 2022 set, gives "Bethnal Green West" to E05009331 and still finds a ward by a name no 2022 ward bears', () => {
    const areas = new AreaRegistry(ws.db);
    expect(areas.resolve('ward', 'Bethnal Green West', '2022')?.code).toBe('E05009331');
    // The MPS's own 2022-ward files still say "St Peter's" and "Bethnal Green".
    expect(areas.resolve('ward', "St Peter's", '2022')?.code).toBe('E05009331');
    expect(areas.resolve('ward', 'Bethnal Green', '2022')?.code).toBe('E05009317');
    expect(areas.resolve('ward', 'Shirly South', '2022')).toMatchObject({ code: 'E05011483', name: 'Shirley South' });
  });
});

describe('a workspace made before the gazetteer knew the renames', () => {
  it('still finds each ward by either name, showing the name of the set asked for, else the newest', () => {
    const ws = tempWorkspace();
    try {
      // Such a workspace was seeded with the first name seen, the 2014 or 2018 one.
      const rename = ws.db.prepare('UPDATE areas SET name = ?, match_name = ? WHERE kind = ? AND code = ?');
      rename.run('Shirly South', 'shirly south', 'ward', 'E05011483');
      rename.run("St. Peter's", 'st peters', 'ward', 'E05009331');
      const areas = new AreaRegistry(ws.db);
      expect(areas.resolve('ward', 'Shirley South', '2022')).toMatchObject({ code: 'E05011483', name: 'Shirley South' });
      expect(areas.resolve('ward', 'Shirly South', '2018')).toMatchObject({ code: 'E05011483', name: 'Shirly South' });
      expect(areas.resolve('ward', 'Bethnal Green West', '2022')).toMatchObject({ code: 'E05009331', name: 'Bethnal Green West' });
      expect(areas.resolve('ward', 'Bethnal Green West')).toMatchObject({ code: 'E05009331', name: 'Bethnal Green West' });
      expect(areas.resolve('ward', 'Shirly South')).toMatchObject({ code: 'E05011483', name: 'Shirley South' });
    } finally {
      ws.close();
    }
  });
});
