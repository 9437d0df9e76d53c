// A ward renamed between boundary sets is shown, on every screen, by the name its figures were
// published under: E05009331 is "St. Peter's" in the 2018 London ward set and "Bethnal Green
// West" in 2022; E05011483 is "Shirly South" (ONS's 2018 spelling), then "Shirley South". The
// real 2018-ward and 2022-ward MPS files go into one workspace (two datasets), and the pivot,
// the assessment's ward ranking and sentences, and an export of each must name those wards as
// the dataset's own set does, with the figures the raw file gives.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportTableArgs } from '../../src/shared/export';
import type { PivotSpec } from '../../src/shared/pivot';
import { buildFindings } from '../../src/core/analysis/findings/build';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { dispatch } from '../../src/core/handlers';
import { importFile } from '../../src/core/importers/importFile';
import { datasetContents } from '../../src/core/store/datasetContents';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir } from '../support/data';
import { monthColumns, readCsv, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

const ST_PETERS = 'E05009331';
const SHIRLEY_SOUTH = 'E05011483';
const RENAMED = [ST_PETERS, SHIRLEY_SOUTH] as const;

interface WardSet {
  file: string;
  set: string;
  key: string;
  year: number;
  names: Record<(typeof RENAMED)[number], string>;
}

/** Each file, its set, the dataset it lands in, a whole year it holds, and the two wards' names there. */
const SETS: WardSet[] = [
  { file: data.mpsWard2018, set: '2018', key: 'mps-ward-ho-2018', year: 2021, names: { [ST_PETERS]: "St. Peter's", [SHIRLEY_SOUTH]: 'Shirly South' } },
  { file: data.mpsWard2022Recent, set: '2022', key: 'mps-ward-ho-2022', year: 2025, names: { [ST_PETERS]: 'Bethnal Green West', [SHIRLEY_SOUTH]: 'Shirley South' } },
];

/** The names the boundary files themselves give a code, read here, not through Wardlens. */
function boundaryName(file: string, codeField: string, nameField: string, code: string): string {
  const features = (JSON.parse(readFileSync(path.join(dataDir, 'boundaries', file), 'utf8')) as { features: { properties: Record<string, string> }[] }).features;
  return features.find((f) => f.properties[codeField] === code)!.properties[nameField]!;
}

/** Sum of the raw file's cells for a ward code, over months `when` accepts and rows `where` accepts. */
function rawSum(raw: RawTable, code: string, when: (yyyymm: number) => boolean, where: (row: string[]) => boolean = () => true): number {
  const months = monthColumns(raw).filter(([, m]) => when(m));
  let total = 0;
  for (const r of raw.rows) if (r[raw.col('WardCode')] === code && where(r)) for (const [i] of months) total += Number(r[i]);
  return total;
}

const inYear = (year: number) => (m: number) => Math.floor(m / 100) === year;
const isRobbery = (raw: RawTable) => (r: string[]) => r[raw.col('MajorText')]!.toLowerCase() === 'robbery';

let ws: Workspace;
const raws = new Map<string, RawTable>();
const out = tempDir();
const exportTable = (args: ExportTableArgs) => dispatch({ workspace: ws }, 'export/table', args);

beforeAll(async () => {
  ws = tempWorkspace();
  for (const s of SETS) {
    const result = await importFile(ws, s.file);
    expect(result.status, result.error?.message).toBe('imported');
    raws.set(s.set, readCsv(s.file));
  }
  const B = path.join(dataDir, 'boundaries');
  for (const file of ['london_wards_2018_mapinfo/London_Ward_CityMerged_2018_wgs84_simplified10m.geojson', 'london_wards_2022_merged.geojson']) {
    const set = await dispatch({ workspace: ws }, 'boundaries/import', { path: path.join(B, file) });
    expect(set.status).toBe('imported');
  }
}, 180_000);
afterAll(() => {
  ws?.close();
  cleanupTempDirs();
});

it('the names expected are the boundary files’ own for each set', () => {
  expect(boundaryName('london_wards_2018_mapinfo/London_Ward_CityMerged_2018_wgs84_simplified10m.geojson', 'GSS_CODE', 'NAME', ST_PETERS)).toBe("St. Peter's");
  expect(boundaryName('london_wards_2018_mapinfo/London_Ward_CityMerged_2018_wgs84_simplified10m.geojson', 'GSS_CODE', 'NAME', SHIRLEY_SOUTH)).toBe('Shirly South');
  expect(boundaryName('london_wards_2022_merged.geojson', 'WD25CD', 'WD25NM', ST_PETERS)).toBe('Bethnal Green West');
  expect(boundaryName('london_wards_2022_merged.geojson', 'WD25CD', 'WD25NM', SHIRLEY_SOUTH)).toBe('Shirley South');
  // Both police files call E05009331 "St Peter's": the name shown comes from the set, not the file.
  for (const s of SETS) expect(raws.get(s.set)!.rows.find((r) => r[3] === ST_PETERS)![2]).toBe("St Peter's");
  const sets = ws.db.prepare('SELECT key, boundary_vintage AS set_ FROM datasets ORDER BY key').all();
  expect(sets).toEqual(SETS.map((s) => ({ key: s.key, set_: s.set })));
});

describe.each(SETS)('figures on the $set wards', (s) => {
  const raw = () => raws.get(s.set)!;
  const other = SETS.find((o) => o.set !== s.set)!;

  it('the pivot heads each renamed ward with its name in that set, beside the raw file’s sums', () => {
    const spec: PivotSpec = { dataset: s.key, rows: ['ward'], columns: ['year'], filters: { borough: ['Tower Hamlets', 'Croydon'] } };
    const result = runPivot(ws.db, spec);
    for (const code of RENAMED) {
      const i = result.rows.findIndex((r) => r.keys[0] === code);
      expect(result.rows[i]!.labels[0]).toBe(s.names[code]);
      const j = result.columns.findIndex((c) => c.keys[0] === String(s.year));
      expect(result.cells[i]![j]!.count).toBe(rawSum(raw(), code, inYear(s.year)));
      expect(result.rowTotals[i]!.count).toBe(rawSum(raw(), code, () => true));
    }
    const labels = result.rows.map((r) => r.labels[0]);
    for (const code of RENAMED) expect(labels).not.toContain(other.names[code]);
  });

  it('a filter takes the ward by its name in that set, as the filter’s suggestions offer it', () => {
    const spec: PivotSpec = { dataset: s.key, rows: ['ward'], columns: [], filters: { ward: [s.names[SHIRLEY_SOUTH]] } };
    const result = runPivot(ws.db, spec);
    expect(result.rows.map((r) => [r.keys[0], r.labels[0]])).toEqual([[SHIRLEY_SOUTH, s.names[SHIRLEY_SOUTH]]]);
    expect(result.grandTotal.count).toBe(rawSum(raw(), SHIRLEY_SOUTH, () => true));
  });

  it('the figure’s trail lists its source rows under that name, adding up to the raw sum', async () => {
    const spec: PivotSpec = { dataset: s.key, rows: ['ward'], columns: [], filters: { borough: ['Tower Hamlets'], major: ['Robbery'] }, months: { from: `${s.year}-01`, to: `${s.year}-12` } };
    const row = runPivot(ws.db, spec).rows.findIndex((r) => r.keys[0] === ST_PETERS);
    const trail = await dispatch({ workspace: ws }, 'pivot/explain', { pivot: spec, row, column: -1 });
    expect(trail.sourceRows.length).toBeGreaterThan(0);
    expect(new Set(trail.sourceRows.map((r) => r.area))).toEqual(new Set([s.names[ST_PETERS]]));
    expect(trail.sourceTotal).toBe(rawSum(raw(), ST_PETERS, inYear(s.year), isRobbery(raw())));
  });

  it('the assessment ranks and words the ward under that name, with its raw count', () => {
    const findings = buildFindings(ws.db, { dataset: s.key, area: 'Tower Hamlets', category: 'Robbery', year: s.year });
    const wards = findings.wards!;
    const row = wards.rows.find((w) => w.key === ST_PETERS)!;
    expect(row.name).toBe(s.names[ST_PETERS]);
    expect(row.current).toBe(rawSum(raw(), ST_PETERS, inYear(s.year), isRobbery(raw())));
    // The raw file puts this ward among Tower Hamlets' three highest for robbery that year, so the sentence names it.
    const byWard = new Map<string, number>();
    for (const r of raw().rows) {
      if (r[raw().col('LookUp_BoroughName')] !== 'Tower Hamlets' || !isRobbery(raw())(r)) continue;
      const code = r[raw().col('WardCode')]!;
      byWard.set(code, rawSum(raw(), code, inYear(s.year), isRobbery(raw())));
    }
    const third = [...byWard.values()].sort((a, b) => b - a)[2]!;
    expect(byWard.get(ST_PETERS)!).toBeGreaterThanOrEqual(third);
    expect(wards.highest.map((w) => w.name)).toContain(s.names[ST_PETERS]);
    const sentence = wards.sentences.find((t) => t.startsWith('The wards with the most'))!;
    expect(sentence).toContain(s.names[ST_PETERS]);
    expect(sentence).not.toContain(other.names[ST_PETERS]);
  });

  it('an export of the pivot and of the ward table names the ward as that set does', async () => {
    const spec: PivotSpec = { dataset: s.key, rows: ['ward'], columns: ['year'], filters: { borough: ['Tower Hamlets'], major: ['Robbery'] } };
    const file = path.join(out, `wards-${s.set}.csv`);
    await exportTable({ table: { pivot: spec }, format: 'csv', path: file });
    const records = parse(readFileSync(file), { bom: true, relax_column_count: true }) as string[][];
    const year = records[0]!.indexOf(String(s.year));
    const record = records.find((r) => r[0] === s.names[ST_PETERS])!;
    expect(Number(record[year])).toBe(rawSum(raw(), ST_PETERS, inYear(s.year), isRobbery(raw())));
    expect(records.map((r) => r[0])).not.toContain(other.names[ST_PETERS]);

    const filtered = path.join(out, `ward-${s.set}.csv`);
    await exportTable({ table: { pivot: { dataset: s.key, rows: ['year'], columns: [], filters: { ward: [ST_PETERS] } } }, format: 'csv', path: filtered });
    const text = readFileSync(filtered, 'utf8');
    expect(text).toContain(s.names[ST_PETERS]);
    expect(text).not.toContain(other.names[ST_PETERS]);

    const wardsFile = path.join(out, `ward-table-${s.set}.csv`);
    await exportTable({ table: { findings: { dataset: s.key, area: 'Tower Hamlets', category: 'Robbery', year: s.year }, block: 'wards' }, format: 'csv', path: wardsFile });
    const wardRows = parse(readFileSync(wardsFile), { bom: true, relax_column_count: true }) as string[][];
    const ward = wardRows.find((r) => r.includes(s.names[ST_PETERS]))!;
    expect(ward.map(Number)).toContain(rawSum(raw(), ST_PETERS, inYear(s.year), isRobbery(raw())));
  });

  it('the map’s hover names it so, on that set’s polygons, with the raw count', async () => {
    const pivot: PivotSpec = { dataset: s.key, rows: ['ward'], columns: [], filters: { borough: ['Tower Hamlets'] }, months: { from: `${s.year}-01`, to: `${s.year}-12` } };
    const map = await dispatch({ workspace: ws }, 'map/choropleth', { pivot });
    expect(map.vintage).toBe(s.set);
    const ward = map.features.features.find((f) => f.properties.code === ST_PETERS)!;
    expect(ward.properties.name).toBe(s.names[ST_PETERS]);
    expect(ward.properties.count).toBe(rawSum(raw(), ST_PETERS, inYear(s.year)));
    expect(map.features.features.map((f) => f.properties.name)).not.toContain(other.names[ST_PETERS]);
  });

  it('the Data view lists it under that name', () => {
    const areas = datasetContents(ws.db, s.key).areas;
    expect(areas.find((a) => a.code === ST_PETERS)!.name).toBe(s.names[ST_PETERS]);
    expect(areas.find((a) => a.code === SHIRLEY_SOUTH)!.name).toBe(s.names[SHIRLEY_SOUTH]);
    // In name order under the names shown, as the list is read.
    const towerHamlets = areas.filter((a) => a.borough === 'Tower Hamlets').map((a) => a.name);
    expect(towerHamlets).toEqual([...towerHamlets].sort());
  });
});

it('a 2018 name two boroughs’ wards bore is refused with both codes, not matched to either', () => {
  // "St. Peter's" was a 2018 ward of Islington (E05000380) and of Tower Hamlets (E05009331).
  expect(() => runPivot(ws.db, { dataset: 'mps-ward-ho-2018', rows: ['ward'], columns: [], filters: { ward: ["St. Peter's"] } })).toThrow(
    /names 2 wards in the 2018 set .*E05000380.*E05009331.*give the ONS code/,
  );
  // In 2022 the Tower Hamlets ward is Bethnal Green West, and that name is one ward's.
  const result = runPivot(ws.db, { dataset: 'mps-ward-ho-2022', rows: ['ward'], columns: [], filters: { ward: ['Bethnal Green West'] } });
  expect(result.rows.map((r) => r.keys[0])).toEqual([ST_PETERS]);
});

describe('the revision report on the 2018 wards', () => {
  it('names the revised ward as the 2018 set does', async () => {
    // An older extract made from the real file: a month shorter, and one St. Peter's robbery
    // figure of Jan 2021 two higher, as a revised-down figure would have stood before.
    const raw = raws.get('2018')!;
    const last = monthColumns(raw).at(-1)!;
    const jan = monthColumns(raw).find(([, m]) => m === 202101)![0];
    const revised = raw.rows.findIndex((r) => r[raw.col('WardCode')] === ST_PETERS && isRobbery(raw)(r) && Number(r[jan]) > 0);
    const quoted = (t: string) => (/[",]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
    const lines = [raw.header, ...raw.rows].map((r, i) =>
      r.filter((_, k) => k !== last[0]).map((cell, k) => (i - 1 === revised && k === jan ? String(Number(cell) + 2) : cell)).map(quoted).join(','),
    );
    const older = path.join(out, 'MPS Ward Level Crime (older extract).csv');
    writeFileSync(older, lines.join('\r\n') + '\r\n');
    expect((await importFile(ws, older)).status).toBe('imported');

    const report = await dispatch({ workspace: ws }, 'revisions/report', { dataset: 'mps-ward-ho-2018' });
    expect(report.rows).toHaveLength(1);
    const row = report.rows[0]!;
    expect(row).toMatchObject({ month: '2021-01', areaKey: ST_PETERS, area: "St. Peter's", borough: 'Tower Hamlets', difference: -2 });
    expect(row.new).toBe(Number(raw.rows[revised]![jan]));
  });
});
