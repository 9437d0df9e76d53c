// Revisions between two real overlapping extracts (the 2022-ward historical file and the
// newer 24-month file share Jan and Feb 2024), checked against differences computed here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { revisionReport } from '../../src/core/analysis/trust/revisions';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { readCsv, sumWide, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

let ws: Workspace;
let older: RawTable;
let newer: RawTable;
const ids: number[] = [];

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [data.mpsWard2022Historical, data.mpsWard2022Recent]);
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
  ids.push(...results.map((r) => r.importId!));
  older = readCsv(data.mpsWard2022Historical);
  newer = readCsv(data.mpsWard2022Recent);
}, 120_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

/** (ward, major, minor, month) → count, for the shared months, from a raw file. */
function cells(t: RawTable, months: number[]): Map<string, number> {
  const out = new Map<string, number>();
  const [ward, major, minor] = ['WardCode', 'MajorText', 'MinorText'].map((c) => t.col(c));
  for (const m of months) {
    const i = t.header.findIndex((h) => h.trim() === String(m));
    for (const row of t.rows) {
      const key = `${row[ward!]}|${row[major!]!.toLowerCase()}|${row[minor!]!.toLowerCase()}|${m}`;
      out.set(key, (out.get(key) ?? 0) + Number(row[i]));
    }
  }
  return out;
}

describe('revisions between the two 2022-ward extracts', () => {
  it('lists every changed figure in the months both cover, with the same totals as the raw files', () => {
    const report = revisionReport(ws.db, { dataset: 'mps-ward-ho-2022' });
    expect(report.from.id).toBe(ids[0]);
    expect(report.to.id).toBe(ids[1]);
    expect(report.months).toEqual(['2024-01', '2024-02']);
    const before = cells(older, [202401, 202402]);
    const after = cells(newer, [202401, 202402]);
    let changed = 0;
    for (const key of new Set([...before.keys(), ...after.keys()]))
      if ((before.get(key) ?? 0) !== (after.get(key) ?? 0)) changed++;
    expect(report.totals.figuresChanged).toBe(changed);
    expect(report.rows.length).toBe(changed);
    for (const m of [202401, 202402]) {
      const row = report.byMonth.find((b) => b.month === `${Math.floor(m / 100)}-0${m % 100}`)!;
      expect(row.old).toBe(sumWide(older, (x) => x === m));
      expect(row.new).toBe(sumWide(newer, (x) => x === m));
    }
    expect(report.totals.difference).toBe(report.rows.reduce((t, r) => t + r.difference, 0));
  });

  it('reproduces the older extract exactly “as of” it, and today’s figures otherwise', () => {
    const spec = {
      dataset: 'mps-ward-ho-2022',
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
    expect(() => revisionReport(ws.db, { dataset: 'mps-ward-ho-2022', fromImport: 999 })).toThrow(
      /not an extract/,
    );
  });
});
