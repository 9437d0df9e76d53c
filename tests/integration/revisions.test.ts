// Revisions between two real overlapping extracts (the 2022-ward historical file and the
// newer 24-month file share Jan and Feb 2024), checked against differences computed here.
// The files are imported in both orders: "was" must always be the historical (superseded)
// figure and "now" the 24-month file's, which is also what the pivot shows.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { revisionReport } from '../../src/core/analysis/trust/revisions';
import { importFiles } from '../../src/core/importers/importFiles';
import { categoryKey } from '../../src/core/store/categories';
import { workspaceInfo } from '../../src/core/store/info';
import type { Workspace } from '../../src/core/store/workspace';
import { revisionsText } from '../../src/cli/revisionsCommand';
import { revisableDatasets, separateExtracts } from '../../src/renderer/views/revisions/revisable';
import type { RevisionReport } from '../../src/shared/revisions';
import { buildCli, wardlens } from '../support/cli';
import { data } from '../support/data';
import { readCsv, sumWide, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

const DATASET = 'mps-ward-ho-2022';
const SHARED = [202401, 202402];
const HIST = path.basename(data.mpsWard2022Historical);
const RECENT = path.basename(data.mpsWard2022Recent);

let ws: Workspace; // historical imported first
let wsReversed: Workspace; // the 24-month file imported first, the historical one after it
let older: RawTable;
let newer: RawTable;
let scheme: string;
const ids: number[] = [];
const idsReversed: Record<'hist' | 'recent', number> = { hist: 0, recent: 0 };

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [data.mpsWard2022Historical, data.mpsWard2022Recent]);
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
  ids.push(...results.map((r) => r.importId!));
  wsReversed = tempWorkspace();
  const reversed = await importFiles(wsReversed, [data.mpsWard2022Recent, data.mpsWard2022Historical]);
  expect(reversed.map((r) => r.status)).toEqual(['imported', 'imported']);
  idsReversed.recent = reversed[0]!.importId!;
  idsReversed.hist = reversed[1]!.importId!;
  older = readCsv(data.mpsWard2022Historical);
  newer = readCsv(data.mpsWard2022Recent);
  scheme = (ws.db.prepare('SELECT category_scheme AS s FROM datasets WHERE key = ?').get(DATASET) as { s: string }).s;
}, 180_000);
afterAll(() => {
  ws.close();
  wsReversed.close();
  cleanupTempDirs();
});

/** (ward code, category key, month) → count, for the shared months, from a raw file. */
function cells(t: RawTable, months: number[]): Map<string, number> {
  const out = new Map<string, number>();
  const [ward, major, minor] = ['WardCode', 'MajorText', 'MinorText'].map((c) => t.col(c));
  for (const m of months) {
    const i = t.header.findIndex((h) => h.trim() === String(m));
    for (const row of t.rows) {
      const key = `${row[ward!]}|${categoryKey(scheme, row[major!]!, row[minor!]!)}|${m}`;
      out.set(key, (out.get(key) ?? 0) + Number(row[i]));
    }
  }
  return out;
}

const rowKey = (r: RevisionReport['rows'][number]) => `${r.areaKey}|${r.categoryKey}|${r.month.replace('-', '')}`;
const isoMonth = (m: number) => `${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`;

/** The current figure the pivot gives for each (ward, category, month) of the shared months. */
function pivotFigures(w: Workspace): Map<string, number> {
  const p = runPivot(w.db, {
    dataset: DATASET,
    rows: ['ward', 'category'],
    columns: ['month'],
    months: { from: isoMonth(SHARED[0]!), to: isoMonth(SHARED.at(-1)!) },
  });
  const out = new Map<string, number>();
  p.rows.forEach((r, i) =>
    p.columns.forEach((c, j) => out.set(`${r.keys[0]}|${r.keys[1]}|${c.keys[0]!.replace('-', '')}`, p.cells[i]![j]!.count)),
  );
  return out;
}

describe('revisions between the two 2022-ward extracts', () => {
  it('lists every changed figure in the months both cover, with the same totals as the raw files', () => {
    const report = revisionReport(ws.db, { dataset: DATASET });
    expect(report.from.id).toBe(ids[0]);
    expect(report.to.id).toBe(ids[1]);
    expect(report.months).toEqual(['2024-01', '2024-02']);
    const before = cells(older, SHARED);
    const after = cells(newer, SHARED);
    let changed = 0;
    for (const key of new Set([...before.keys(), ...after.keys()]))
      if ((before.get(key) ?? 0) !== (after.get(key) ?? 0)) changed++;
    expect(changed).toBeGreaterThan(0);
    expect(report.totals.figuresChanged).toBe(changed);
    expect(report.rows.length).toBe(changed);
    for (const m of SHARED) {
      const row = report.byMonth.find((b) => b.month === isoMonth(m))!;
      expect(row.old).toBe(sumWide(older, (x) => x === m));
      expect(row.new).toBe(sumWide(newer, (x) => x === m));
    }
    expect(report.totals.difference).toBe(report.rows.reduce((t, r) => t + r.difference, 0));
  });

  it('reproduces the older extract exactly “as of” it, and today’s figures otherwise', () => {
    const spec = {
      dataset: DATASET,
      rows: ['month' as const],
      columns: [],
      months: { from: '2023-12', to: '2024-02' },
    };
    const asOf = runPivot(ws.db, { ...spec, asOfImport: ids[0] });
    const now = runPivot(ws.db, spec);
    expect(asOf.cells.map((r) => r[0]!.count)).toEqual(
      [202312, 202401, 202402].map((m) => sumWide(older, (x) => x === m)),
    );
    expect(now.cells.map((r) => r[0]!.count)).toEqual([
      sumWide(older, (x) => x === 202312),
      ...[202401, 202402].map((m) => sumWide(newer, (x) => x === m)),
    ]);
  });

  it('refuses an import that is not an extract of the dataset', () => {
    expect(() => revisionReport(ws.db, { dataset: DATASET, fromImport: 999 })).toThrow(/not an extract/);
  });
});

describe('which extract is "was" and which is "now", whatever the import order', () => {
  it.each([
    ['historical file imported first', () => ws],
    ['historical file imported last', () => wsReversed],
  ])('%s: was = the historical figure, now = the 24-month file’s = the pivot’s', (_, workspace) => {
    const w = workspace();
    const report = revisionReport(w.db, { dataset: DATASET });
    expect([report.from.file, report.to.file]).toEqual([HIST, RECENT]);
    const was = cells(older, SHARED);
    const now = cells(newer, SHARED);
    const pivot = pivotFigures(w);
    expect(report.rows.length).toBeGreaterThan(0);
    for (const r of report.rows) {
      const k = rowKey(r);
      expect(r.old, `${k} was`).toBe(was.get(k) ?? 0);
      expect(r.new, `${k} now`).toBe(now.get(k) ?? 0);
      expect(r.new, `${k} against the pivot`).toBe(pivot.get(k) ?? 0);
      expect(r.difference).toBe(r.new - r.old);
    }
    for (const m of SHARED) {
      const month = report.byMonth.find((b) => b.month === isoMonth(m))!;
      expect(month.old).toBe(sumWide(older, (x) => x === m));
      expect(month.new).toBe(sumWide(newer, (x) => x === m));
    }
  });

  it('gives the same report in both orders, but for the import ids', () => {
    const strip = (r: RevisionReport) => ({ ...r, from: { ...r.from, id: 0, importedAt: '' }, to: { ...r.to, id: 0, importedAt: '' } });
    const a = revisionReport(ws.db, { dataset: DATASET });
    const b = revisionReport(wsReversed.db, { dataset: DATASET });
    expect(b.from.id).toBe(idsReversed.hist);
    expect(b.to.id).toBe(idsReversed.recent);
    expect(strip(b)).toEqual(strip(a));
  });

  it('turns a pair chosen the wrong way round, and says when nothing older overlaps', () => {
    const { hist, recent } = idsReversed;
    const turned = revisionReport(wsReversed.db, { dataset: DATASET, fromImport: recent, toImport: hist });
    expect([turned.from.id, turned.to.id]).toEqual([hist, recent]);
    expect(revisionReport(wsReversed.db, { dataset: DATASET, fromImport: hist }).to.id).toBe(recent);
    expect(revisionReport(wsReversed.db, { dataset: DATASET, toImport: recent }).from.id).toBe(hist);
    expect(() => revisionReport(wsReversed.db, { dataset: DATASET, toImport: hist })).toThrow(
      new RegExp(`No older extract .* covers any month of ${HIST}`),
    );
    expect(() => revisionReport(wsReversed.db, { dataset: DATASET, fromImport: hist, toImport: hist })).toThrow(
      /two different extracts/,
    );
  });

  it('offers the dataset in the Revisions view, by the months its extracts share', () => {
    const info = workspaceInfo(wsReversed);
    expect(revisableDatasets(info).map((d) => [d.key, d.revisedMonths])).toEqual([[DATASET, ['2024-01', '2024-02']]]);
    expect(separateExtracts(info)).toEqual([]);
  });

  it('`wardlens revisions` prints "was → now" from the historical figure to the current one', async () => {
    const build = buildCli();
    expect(build.status, build.stderr).toBe(0);
    const r = await wardlens('revisions', '--db', wsReversed.path, '--dataset', DATASET, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as RevisionReport;
    expect([report.from.file, report.to.file]).toEqual([HIST, RECENT]);
    // The largest revision, as the table prints it, with both figures from the raw files.
    const largest = [...report.rows].sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference))[0]!;
    const k = rowKey(largest);
    const expected = `${cells(older, SHARED).get(k) ?? 0} → ${cells(newer, SHARED).get(k) ?? 0}`;
    expect(revisionsText(report)).toContain(`${largest.area} (${largest.borough}), ${largest.category}: ${expected}`);
    expect(revisionsText(report).split('\n')[0]).toContain(`from ${HIST}`);
  }, 120_000);
});
