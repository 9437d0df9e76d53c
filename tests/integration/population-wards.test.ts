// The GLA population files. The ward file: every ward keeps its own name and its borough (54 of
// its wards have 2011 codes the gazetteer lacks and are added from the file), figures are as the
// raw file says, they are stored as projections, and workspaces an earlier Wardlens got wrong are
// put right. The borough file: estimates and projections as its Source column says, down to a
// pivot figure's tooltip and trail.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { cellTrail } from '../../src/core/analysis/trust/trail';
import { importFile } from '../../src/core/importers/importFile';
import { workspaceInfo } from '../../src/core/store/info';
import { deleteImport } from '../../src/core/store/imports';
import { openWorkspace, type Workspace } from '../../src/core/store/workspace';
import { dataDir, data } from '../support/data';
import { readCsv, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';
import { basesSummary, populationYearOption } from '../../src/shared/populationBasis';

afterAll(cleanupTempDirs);

const wardFile = path.join(dataDir, 'population', 'housing-density-ward.csv');

interface RawWard {
  name: string;
  borough: string;
}

/** The file's wards by code, and the codes the shipped gazetteer holds (read independently of the app). */
function rawWards(raw: RawTable): Map<string, RawWard> {
  const [c, b, n] = [raw.col('Code'), raw.col('Borough'), raw.col('Ward_Name')];
  return new Map(raw.rows.map((r) => [r[c]!, { name: r[n]!, borough: r[b]! }]));
}
const gazetteerCodes = () =>
  new Set(
    (JSON.parse(readFileSync(data.gazetteer, 'utf8')) as { wards: { code: string }[] }).wards.map(
      (w) => w.code,
    ),
  );

interface StoredWard {
  code: string;
  name: string;
  borough: string | null;
}
const storedWards = (ws: Workspace) =>
  new Map(
    (
      ws.db
        .prepare(
          `SELECT w.code, w.name, b.name AS borough FROM areas w LEFT JOIN areas b ON b.id = w.parent_id
           WHERE w.kind = 'ward' AND w.id IN (SELECT area_id FROM populations)`,
        )
        .all() as StoredWard[]
    ).map((w) => [w.code, w]),
  );

/** The stored ward populations of one borough and year, summed through the stored borough of each ward. */
const boroughSum = (ws: Workspace, borough: string, year: number) =>
  (
    ws.db
      .prepare(
        `SELECT sum(p.population) AS n FROM current_populations p JOIN areas w ON w.id = p.area_id
         JOIN areas b ON b.id = w.parent_id WHERE w.kind = 'ward' AND b.name = ? AND p.year = ?`,
      )
      .get(borough, year) as { n: number | null }
  ).n;

/** The raw file's sum of one borough's ward rows for a year. */
function rawSum(raw: RawTable, borough: string, year: number): number {
  const [b, y, p] = [raw.col('Borough'), raw.col('Year'), raw.col('Population')];
  return raw.rows
    .filter((r) => r[b] === borough && r[y] === String(year))
    .reduce((s, r) => s + Number(r[p]), 0);
}

describe('GLA ward population file (housing-density-ward.csv)', () => {
  let ws: Workspace;
  let raw: RawTable;
  let wards: Map<string, RawWard>;
  beforeAll(async () => {
    ws = tempWorkspace();
    const result = await importFile(ws, wardFile);
    expect([result.status, result.error]).toEqual(['imported', null]);
    raw = readCsv(wardFile);
    wards = rawWards(raw);
  });
  afterAll(() => ws.close());

  it('stores all 624 wards, each in the borough the file gives', () => {
    expect(wards.size).toBe(624); // PROVENANCE.md
    const stored = storedWards(ws);
    expect(stored.size).toBe(624);
    const wrong = [...wards].filter(([code, w]) => stored.get(code)?.borough !== w.borough);
    expect(wrong.map(([code]) => code)).toEqual([]);
  });

  it('names each ward the gazetteer lacks by its own name, never its borough’s', () => {
    const known = gazetteerCodes();
    const added = [...wards].filter(([code]) => !known.has(code));
    expect(added).toHaveLength(54);
    const stored = storedWards(ws);
    for (const [code, w] of added) expect(stored.get(code)?.name, code).toBe(w.name);
    expect([...stored.values()].filter((w) => w.name === w.borough)).toEqual([]);
  });

  it('sums each borough’s wards to the raw file’s sum (Harrow 2016 = 249,316; Hackney, whose wards were added)', () => {
    expect(rawSum(raw, 'Harrow', 2016)).toBe(249_316); // PROVENANCE.md
    for (const [borough, year] of [
      ['Harrow', 2016],
      ['Harrow', 2017],
      ['Hackney', 2016],
      ['Kensington and Chelsea', 2030],
      ['Tower Hamlets', 2011],
    ] as const) {
      expect(boroughSum(ws, borough, year), `${borough} ${year}`).toBe(rawSum(raw, borough, year));
    }
  });

  it('stores the figures as GLA projections, and the workspace says every year is a projection', () => {
    const sources = ws.db.prepare('SELECT DISTINCT source FROM populations').pluck().all();
    expect(sources).toEqual(['GLA Population Projections']);
    const bases = workspaceInfo(ws).populations.bases!;
    expect(bases).toHaveLength(40);
    expect(new Set(bases.map((b) => b.basis))).toEqual(new Set(['projection']));
  });
});

describe('a workspace whose ward names an earlier Wardlens took from the Borough column', () => {
  it('gets the boroughs back on opening, and the names on importing the file again', async () => {
    const first = tempWorkspace();
    const dbPath = first.path;
    const { importId } = await importFile(first, wardFile);
    const added = [...rawWards(readCsv(wardFile))].filter(([code]) => !gazetteerCodes().has(code));
    // What the importer did before 012: the borough's name as the ward's, and no borough.
    const damage = first.db.prepare(
      `UPDATE areas SET name = ?, match_name = lower(?), parent_id = NULL WHERE kind = 'ward' AND code = ?`,
    );
    for (const [code, w] of added) damage.run(w.borough, w.borough, code);
    first.db.pragma('user_version = 11');
    first.close();

    const ws = openWorkspace(dbPath);
    try {
      const stored = storedWards(ws);
      for (const [code, w] of added) expect(stored.get(code)?.borough, code).toBe(w.borough);
      expect(workspaceInfo(ws).populations.misnamedWards).toBe(54);

      deleteImport(ws.db, importId!);
      await importFile(ws, wardFile);
      const again = storedWards(ws);
      for (const [code, w] of added)
        expect([again.get(code)?.name, again.get(code)?.borough], code).toEqual([w.name, w.borough]);
      expect(workspaceInfo(ws).populations.misnamedWards).toBe(0);
    } finally {
      ws.close();
    }
  });
});

describe('GLA borough population file: mid-year estimates and projections as its Source column says', () => {
  let ws: Workspace;
  let raw: RawTable;
  beforeAll(async () => {
    ws = tempWorkspace();
    for (const file of [data.populationBorough, data.mpsBoroughHistoric]) {
      const r = await importFile(ws, file);
      expect([r.status, r.error], file).toEqual(['imported', null]);
    }
    raw = readCsv(data.populationBorough);
  });
  afterAll(() => ws.close());

  /** Year → the raw file's Source for it (one per year in this file, checked here). */
  const rawSources = () => {
    const [y, s] = [raw.col('Year'), raw.col('Source')];
    const byYear = new Map<number, Set<string>>();
    for (const r of raw.rows) byYear.set(Number(r[y]), (byYear.get(Number(r[y])) ?? new Set()).add(r[s]!));
    return byYear;
  };

  it('marks each year held as the raw Source column says: ONS MYE an estimate, GLA Population Projections a projection', () => {
    const sources = rawSources();
    expect(new Set([...sources.values()].flatMap((s) => [...s]))).toEqual(
      new Set(['ONS MYE', 'GLA Population Projections']),
    );
    const expected = [...sources].map(([year, s]) => ({
      year,
      basis: s.size > 1 ? 'mixed' : s.has('ONS MYE') ? 'estimate' : 'projection',
    }));
    const bases = workspaceInfo(ws).populations.bases!;
    expect(bases).toEqual(expected.sort((a, b) => a.year - b.year));
    const lastEstimate = Math.max(...[...sources].filter(([, s]) => s.has('ONS MYE')).map(([y]) => y));
    expect(basesSummary(bases)).toBe(
      `mid-year estimates to ${lastEstimate}, projections from ${lastEstimate + 1}`,
    );
    expect(populationYearOption(2024, bases)).toBe('2024 (projection)');
    expect(populationYearOption(2009, bases)).toBe('2009');
  });

  it('gives a rate figure, and its trail, the basis of the population it is per', () => {
    const dataset = workspaceInfo(ws).datasets.find((d) => d.kind === 'counts')!.key;
    const spec = {
      dataset,
      rows: ['borough' as const],
      columns: ['year' as const],
      measure: 'rate' as const,
      months: { from: '2009-01', to: '2016-12' },
    };
    const result = runPivot(ws.db, spec);
    const row = result.rows.findIndex((r) => r.keys[0] === 'E09000015');
    const col = (year: number) => result.columns.findIndex((c) => c.keys[0] === String(year));
    const sources = rawSources();
    for (const year of [2009, 2010, 2011, 2016]) {
      const cell = result.cells[row]![col(year)]!;
      expect(cell.populationYear, `${year}`).toBe(year);
      expect(cell.populationBasis, `${year}`).toBe(
        sources.get(year)!.has('ONS MYE') ? 'estimate' : 'projection',
      );
    }
    const trail = cellTrail(ws.db, { pivot: spec, row, column: col(2016) });
    expect(trail.population).toMatchObject({ year: 2016, basis: 'projection' });
  });
});
