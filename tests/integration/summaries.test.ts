// The summary tables (migration 007, store/summaries.ts) on the real files: every pivot the
// planner answers from a summary equals the same pivot read from the base rows (an "as of"
// pivot at the newest extract reads the full history, never a summary), through a revised
// extract, its withdrawal, and placing incidents in wards; and figures from the summaries
// match sums computed here from the raw CSVs.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAggregateSql } from '../../src/core/analysis/pivot/query';
import { sql as migration007 } from '../../src/core/store/migrations/007-summaries';
import { sql as migration009 } from '../../src/core/store/migrations/009-import-crime-types';
import { sql as migration010 } from '../../src/core/store/migrations/010-ward-totals';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { dispatch } from '../../src/core/handlers';
import type { PivotResult, PivotSpec } from '../../src/shared/pivot';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir } from '../support/data';
import { inYear, readCsv, sumWide } from '../support/raw';
import { cleanupTempDirs, datasetId, scalar, tempDir, tempWorkspace } from '../support/workspace';

const BOROUGH = 'mps-borough-ho';
const WARD = 'mps-ward-ho-2022';
const INCIDENTS = 'policeuk-city-of-london-police';

let ws: Workspace;
beforeAll(async () => {
  ws = tempWorkspace();
  const police = readdirSync(data.policeUkDir).filter((f) => f.endsWith('.csv')).map((f) => path.join(data.policeUkDir, f));
  const results = await dispatch({ workspace: ws }, 'import/files', {
    paths: [data.mpsNewcatHistorical, data.mpsNewcatRecent, data.mpsWard2022Recent, ...police, path.join(dataDir, 'boundaries', 'london_wards_2022_merged.geojson')],
  });
  expect(results.filter((r) => r.status !== 'imported').map((r) => r.file)).toEqual([]);
  await dispatch({ workspace: ws }, 'incidents/assign-areas', { dataset: INCIDENTS, vintage: '2022' });
}, 300_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

const newestImport = (dataset: string) => scalar(ws.db, 'SELECT max(id) FROM imports WHERE dataset_id = ?', datasetId(ws.db, dataset));

/** The table the planner reads for a spec's rows and columns (and filters), over its months. */
function tableFor(spec: PivotSpec, first: number, last: number): string {
  const kind = spec.dataset === INCIDENTS ? 'incidents' : 'counts';
  const filters = Object.fromEntries(Object.keys(spec.filters ?? {}).map((d) => [d, ['x']]));
  const { sql } = buildAggregateSql({ datasetId: 1, kind, dimensions: [...spec.rows, ...spec.columns], filters, firstMonth: first, lastMonth: last, incidentSummaries: true });
  return /FROM (\w+) f/.exec(sql)![1]!;
}

/** Every cell, row and column total as key → count. */
function figures(r: PivotResult): Map<string, number> {
  const out = new Map<string, number>();
  r.rows.forEach((row, i) => {
    r.columns.forEach((col, j) => out.set(`${row.keys.join('|')} / ${col.keys.join('|')}`, r.cells[i]![j]!.count));
    out.set(`${row.keys.join('|')} / total`, r.rowTotals[i]!.count);
  });
  r.columns.forEach((col, j) => out.set(`total / ${col.keys.join('|')}`, r.columnTotals[j]!.count));
  out.set('total', r.grandTotal.count);
  return out;
}

function expectSummaryEqualsBase(spec: PivotSpec): PivotResult {
  const summary = runPivot(ws.db, spec);
  const base = runPivot(ws.db, { ...spec, asOfImport: newestImport(spec.dataset) });
  expect(figures(summary)).toEqual(figures(base));
  expect(summary.grandTotal.count).toBeGreaterThan(0);
  return summary;
}

const cases: [string, PivotSpec, string][] = [
  ['borough × year, whole years', { dataset: BOROUGH, rows: ['borough'], columns: ['year'], months: { from: '2011-01', to: '2024-12' } }, 'yearly_totals'],
  ['major × year, one borough', { dataset: BOROUGH, rows: ['major'], columns: ['year'], filters: { borough: ['Harrow'] }, months: { from: '2015-01', to: '2022-12' } }, 'yearly_totals'],
  ['category × year, part years', { dataset: BOROUGH, rows: ['category'], columns: ['year'], months: { from: '2016-04', to: '2023-09' } }, 'monthly_totals'],
  ['borough × financial year', { dataset: BOROUGH, rows: ['borough'], columns: ['financial-year'], months: { from: '2017-04', to: '2023-03' } }, 'monthly_totals'],
  ['ward × year in one borough', { dataset: WARD, rows: ['ward'], columns: ['year'], filters: { borough: ['Harrow'] }, months: { from: '2024-01', to: '2025-12' } }, 'ward_totals'],
  ['every ward × month, the whole file', { dataset: WARD, rows: ['ward'], columns: ['month'] }, 'ward_totals'],
  ['borough × ward × quarter', { dataset: WARD, rows: ['borough', 'ward'], columns: ['quarter'], months: { from: '2024-02', to: '2025-11' } }, 'ward_totals'],
  ['ward × category × year in one borough', { dataset: WARD, rows: ['ward', 'category'], columns: ['year'], filters: { borough: ['Harrow'] } }, 'monthly_counts'],
  ['ward × year, one category', { dataset: WARD, rows: ['ward'], columns: ['year'], filters: { major: ['THEFT'] } }, 'monthly_counts'],
  ['borough × category × year of the ward file', { dataset: WARD, rows: ['borough', 'category'], columns: ['year'], months: { from: '2024-01', to: '2025-12' } }, 'yearly_totals'],
  ['incident ward × crime type, whole years', { dataset: INCIDENTS, rows: ['ward'], columns: ['crime-type'], months: { from: '2017-01', to: '2018-12' } }, 'incident_yearly'],
  ['incident ward × outcome by month', { dataset: INCIDENTS, rows: ['ward', 'month'], columns: ['outcome'], months: { from: '2017-03', to: '2018-05' } }, 'incident_summary'],
  ['incident crime type × quarter, one ward', { dataset: INCIDENTS, rows: ['crime-type'], columns: ['quarter'], filters: { ward: ['E05009292'] } }, 'incident_summary'],
  ['incident LSOA × year (not summarised)', { dataset: INCIDENTS, rows: ['lsoa'], columns: ['year'] }, 'current_incidents'],
];

describe('pivots from summaries equal pivots from the base rows', () => {
  it.each(cases)('%s', (_name, spec, table) => {
    const r = expectSummaryEqualsBase(spec);
    expect(tableFor(spec, Number(r.span.from.replace('-', '')), Number(r.span.to.replace('-', '')))).toBe(table);
  });

  it('change measures compare with the year before from the same summary', () => {
    const spec: PivotSpec = { dataset: BOROUGH, rows: ['borough'], columns: ['year'], measure: 'pct-change', months: { from: '2019-01', to: '2022-12' } };
    const summary = runPivot(ws.db, spec);
    const base = runPivot(ws.db, { ...spec, asOfImport: newestImport(BOROUGH) });
    expect(summary.cells.map((row) => row.map((c) => [c.count, c.previousCount, c.value]))).toEqual(base.cells.map((row) => row.map((c) => [c.count, c.previousCount, c.value])));
  });
});

describe('summaries against the raw files', () => {
  it('Harrow’s yearly totals come from yearly_totals and equal the CSVs’ sums', () => {
    const historical = readCsv(data.mpsNewcatHistorical);
    const recent = readCsv(data.mpsNewcatRecent);
    const harrow = (t: typeof historical) => (row: string[]) => row[t.col('BoroughName')] === 'Harrow';
    const r = runPivot(ws.db, { dataset: BOROUGH, rows: ['borough'], columns: ['year'], filters: { borough: ['Harrow'] }, months: { from: '2020-01', to: '2024-12' } });
    for (const year of [2020, 2021, 2022, 2023, 2024]) {
      const raw = sumWide(historical, inYear(year), harrow(historical)) + sumWide(recent, inYear(year), harrow(recent));
      const j = r.columns.findIndex((c) => c.keys[0] === String(year));
      expect(r.cells[0]![j]!.count).toBe(raw);
    }
  });

  it('incident ward totals from the summaries equal the placements assign-areas reports', async () => {
    const placed = await dispatch({ workspace: ws }, 'incidents/assign-areas', { dataset: INCIDENTS, vintage: '2022' });
    const r = runPivot(ws.db, { dataset: INCIDENTS, rows: ['ward'], columns: [] });
    const byWard = new Map(r.rows.map((row, i) => [row.keys[0], r.rowTotals[i]!.count]));
    for (const w of placed.wards) expect(byWard.get(w.code)).toBe(w.incidents);
    expect(byWard.get('outside') ?? 0).toBe(placed.outside);
    expect(byWard.get('no-location') ?? 0).toBe(placed.noLocation);
    expect(r.grandTotal.count).toBe(placed.incidents);
  });
});

describe('summaries stay exact through revisions', () => {
  it('a revised extract supersedes its months in the summaries; "as of" and withdrawal bring the old figures back', async () => {
    const spec: PivotSpec = { dataset: BOROUGH, rows: ['borough'], columns: ['year'], filters: { borough: ['Harrow'] }, months: { from: '2024-01', to: '2024-12' } };
    const before = runPivot(ws.db, spec).grandTotal.count;
    const firstImport = newestImport(BOROUGH);
    // The same extract with Harrow's arson in January 2024 five higher: a later reading of the same months.
    const lines = readFileSync(data.mpsNewcatRecent, 'utf8').split('\n');
    const header = lines[0]!.split(',');
    const col = header.indexOf('202401');
    const at = lines.findIndex((l) => l.startsWith('ARSON AND CRIMINAL DAMAGE,ARSON,Harrow,'));
    const cells = lines[at]!.split(',');
    cells[col] = String(Number(cells[col]) + 5);
    lines[at] = cells.join(',');
    const revised = path.join(tempDir(), 'MPS Borough Level Crime (most recent 24 months) revised.csv');
    writeFileSync(revised, lines.join('\n'));
    const imported = await dispatch({ workspace: ws }, 'import/files', { paths: [revised] });
    expect(imported[0]!.status).toBe('imported');
    expect(tableFor(spec, 202401, 202412)).toBe('yearly_totals');
    expect(runPivot(ws.db, spec).grandTotal.count).toBe(before + 5);
    expect(runPivot(ws.db, { ...spec, asOfImport: firstImport }).grandTotal.count).toBe(before);
    expectSummaryEqualsBase({ ...spec, filters: {}, rows: ['borough', 'category'], months: { from: '2023-01', to: '2024-12' } });

    await dispatch({ workspace: ws }, 'imports/delete', { importId: imported[0]!.importId! });
    expect(runPivot(ws.db, spec).grandTotal.count).toBe(before);
    expectSummaryEqualsBase({ ...spec, filters: {}, rows: ['borough', 'category'], months: { from: '2023-01', to: '2024-12' } });
  });

  it('the summaries hold exactly what re-summing the current figures gives', () => {
    const id = datasetId(ws.db, BOROUGH);
    const fromTotals = scalar(ws.db, 'SELECT sum(count) FROM monthly_totals WHERE dataset_id = ?', id);
    expect(scalar(ws.db, 'SELECT sum(count) FROM yearly_totals WHERE dataset_id = ?', id)).toBe(fromTotals);
    expect(scalar(ws.db, 'SELECT sum(count) FROM monthly_counts WHERE dataset_id = ?', id)).toBe(fromTotals);
    const incidents = datasetId(ws.db, INCIDENTS);
    expect(scalar(ws.db, 'SELECT sum(count) FROM incident_summary WHERE dataset_id = ?', incidents)).toBe(scalar(ws.db, 'SELECT count(*) FROM current_incidents WHERE dataset_id = ?', incidents));
    expect(scalar(ws.db, 'SELECT sum(count) FROM incident_yearly WHERE dataset_id = ?', incidents)).toBe(scalar(ws.db, 'SELECT count(*) FROM current_incidents WHERE dataset_id = ?', incidents));
  });
});


describe('workspace/info reads the dataset summary', () => {
  it('gives the same rows, categories and areas as counting the tables', async () => {
    const info = await dispatch({ workspace: ws }, 'workspace/info', {});
    for (const key of [BOROUGH, WARD, INCIDENTS]) {
      const d = info.datasets.find((x) => x.key === key)!;
      const id = datasetId(ws.db, key);
      const counts = key !== INCIDENTS;
      expect(d.currentRows).toBe(scalar(ws.db, `SELECT count(*) FROM ${counts ? 'monthly_counts' : 'current_incidents'} WHERE dataset_id = ?`, id));
      expect(d.currentRows + d.supersededRows).toBe(scalar(ws.db, `SELECT count(*) FROM ${counts ? 'all_monthly_counts' : 'incidents'} WHERE dataset_id = ?`, id));
      expect(d.categories).toBe(scalar(ws.db, `SELECT count(DISTINCT category_id) FROM ${counts ? 'monthly_counts' : 'incidents'} WHERE dataset_id = ?`, id));
      expect(d.areas).toBe(scalar(ws.db, `SELECT count(DISTINCT ${counts ? 'area_id' : 'lsoa_id'}) FROM ${counts ? 'monthly_counts' : 'incidents'} WHERE dataset_id = ?`, id));
      expect(d.currentRows).toBeGreaterThan(0);
    }
  });
});

describe('migration 007 on a workspace made before it', () => {
  it('builds the same summaries the imports keep', () => {
    const tables = ['yearly_totals', 'incident_summary', 'incident_yearly', 'dataset_summary', 'summarised_incidents'];
    const snapshot = () => tables.map((t) => (ws.db.prepare(`SELECT * FROM ${t}`).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort());
    const kept = snapshot();
    expect(kept.every((rows) => rows.length > 0)).toBe(true);
    ws.db.transaction(() => {
      for (const t of tables) ws.db.exec(`DROP TABLE ${t}`);
      ws.db.exec(migration007);
    })();
    expect(snapshot()).toEqual(kept);
  });
});

describe('migration 010 on a workspace made before it', () => {
  it('sums the same ward totals the imports keep', () => {
    const snapshot = () => (ws.db.prepare('SELECT * FROM ward_totals').raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
    const kept = snapshot();
    expect(kept.length).toBeGreaterThan(0);
    ws.db.transaction(() => {
      ws.db.exec('DROP TABLE ward_totals');
      ws.db.exec(migration010);
    })();
    expect(snapshot()).toEqual(kept);
  });
});

describe('migration 009 on a workspace made before it', () => {
  it('lists the same crime types and LSOAs per import as the police.uk importer wrote', () => {
    const tables = ['import_crime_types', 'import_lsoas'];
    const snapshot = () => tables.map((t) => (ws.db.prepare(`SELECT * FROM ${t}`).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort());
    const kept = snapshot();
    // Each import's list is what its incidents hold, counted here from the rows themselves.
    expect(kept[0]!.length).toBe(scalar(ws.db, 'SELECT count(*) FROM (SELECT DISTINCT import_id, category_id FROM incidents)'));
    expect(kept[1]!.length).toBe(scalar(ws.db, 'SELECT count(*) FROM (SELECT DISTINCT import_id, lsoa_id FROM incidents WHERE lsoa_id IS NOT NULL)'));
    expect(kept[1]!.length).toBeGreaterThan(0);
    ws.db.transaction(() => {
      for (const t of tables) ws.db.exec(`DROP TABLE ${t}`);
      ws.db.exec(migration009);
    })();
    expect(snapshot()).toEqual(kept);
  });
});

describe('before placing, and after deleting', () => {
  it('reads a never-placed incident dataset from its base rows, and deleting every import removes the dataset and its summaries', async () => {
    const ws2 = tempWorkspace();
    try {
      const files = readdirSync(data.policeUkDir).filter((f) => f.endsWith('.csv')).slice(0, 2).map((f) => path.join(data.policeUkDir, f));
      const imported = await dispatch({ workspace: ws2 }, 'import/files', { paths: [...files, data.mpsNewcatRecent] });
      expect(imported.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
      const id = datasetId(ws2.db, INCIDENTS);
      expect(scalar(ws2.db, 'SELECT count(*) FROM incident_summary WHERE dataset_id = ?', id)).toBe(0);
      const r = runPivot(ws2.db, { dataset: INCIDENTS, rows: ['ward'], columns: [] });
      expect(r.rows.map((h) => h.keys[0]).sort()).toEqual(['no-location', 'not-assigned'].filter((k) => r.rows.some((h) => h.keys[0] === k)));
      expect(r.grandTotal.count).toBe(scalar(ws2.db, 'SELECT count(*) FROM incidents WHERE dataset_id = ?', id));
      // Categories are found in the rows themselves while there are no summaries.
      const theft = runPivot(ws2.db, { dataset: INCIDENTS, rows: ['crime-type'], columns: [], filters: { 'crime-type': ['Other theft'] } });
      expect(theft.grandTotal.count).toBe(scalar(ws2.db, "SELECT count(*) FROM incidents i JOIN categories c ON c.id = i.category_id WHERE i.dataset_id = ? AND c.minor = 'Other theft'", id));
      expect(theft.grandTotal.count).toBeGreaterThan(0);
      for (const result of imported) {
        const deleted = await dispatch({ workspace: ws2 }, 'imports/delete', { importId: result.importId! });
        expect(deleted.rowsRemoved).toBeGreaterThan(0);
      }
      expect(scalar(ws2.db, 'SELECT count(*) FROM datasets')).toBe(0);
      for (const table of ['yearly_totals', 'incident_summary', 'incident_yearly', 'summarised_incidents', 'dataset_summary', 'import_crime_types', 'import_lsoas', 'ward_totals']) {
        expect(scalar(ws2.db, `SELECT count(*) FROM ${table}`)).toBe(0);
      }
    } finally {
      ws2.close();
    }
  });
});
