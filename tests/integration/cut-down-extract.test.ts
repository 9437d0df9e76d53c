// A cut-down extract (the first data rows of the 2018-ward file, one ward) supersedes all 24
// of that file's months. The import must say so in numbers worked out here from the raw file,
// and taking the import back out must leave the dataset's figures exactly as they were.
// Also the Data view's lists (datasets/contents): areas by kind and categories with their
// crimes, against the raw files.
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/handlers';
import type { ImportFileResult } from '../../src/shared/importing';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { monthColumns, readCsv } from '../support/raw';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

const raw = readCsv(data.mpsWard2018);
const months = monthColumns(raw);
const code = raw.col('WardCode');
const minor = raw.col('MinorText');
const hasCrimes = (r: string[]) => months.some(([c]) => Number(r[c]) > 0);
const distinct = (rows: string[][], col: number) => new Set(rows.filter(hasCrimes).map((r) => r[col]!)).size;

let ws: Workspace;
let full: ImportFileResult;
let cut: ImportFileResult;
let cutFile: string;
let datasetKey: string;
const pivot = () =>
  dispatch({ workspace: ws }, 'pivot/run', { dataset: datasetKey, rows: ['ward'], columns: ['year'], measure: 'count' });
let before: Awaited<ReturnType<typeof pivot>>;

beforeAll(async () => {
  ws = tempWorkspace();
  full = (await dispatch({ workspace: ws }, 'import/files', { paths: [data.mpsWard2018] }))[0]!;
  datasetKey = (await dispatch({ workspace: ws }, 'workspace/info', {})).datasets[0]!.key;
  before = await pivot();
  // The header and the first 4 data rows, written as the file came (a later copy, so it is newer on a tie).
  const lines = readFileSync(data.mpsWard2018, 'utf8').split(/\r?\n/);
  cutFile = path.join(tempDir(), 'MPS Ward Level Crime (most recent 24 months).csv');
  writeFileSync(cutFile, `${lines.slice(0, 5).join('\n')}\n`);
  cut = (await dispatch({ workspace: ws }, 'import/files', { paths: [cutFile] }))[0]!;
}, 120_000);
afterAll(() => {
  ws?.close();
  cleanupTempDirs();
});

describe('a cut-down extract', () => {
  it('joins the same dataset and supersedes every month it holds', () => {
    expect([full.status, cut.status, cut.dataset]).toEqual(['imported', 'imported', full.dataset]);
    expect(cut.supersededMonths).toHaveLength(months.length);
  });

  it('is named as such, with the areas and categories counted from the raw file', () => {
    const rows = raw.rows.slice(0, 4);
    const wardsNow = distinct(rows, code);
    const wardsBefore = distinct(raw.rows, code);
    expect(wardsNow).toBe(1);
    expect(wardsBefore).toBeGreaterThan(600);
    expect(cut.cutDown?.areas).toEqual({ now: wardsNow, before: wardsBefore });
    expect(cut.cutDown?.categories).toEqual({ now: distinct(rows, minor), before: distinct(raw.rows, minor) });
    const first = months[0]![1];
    const last = months.at(-1)![1];
    const short = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const name = (m: number) => `${short[(m % 100) - 1]} ${Math.floor(m / 100)}`;
    expect(cut.cutDown?.message).toBe(
      `This file replaces ${name(first)} – ${name(last)} (${months.length} months), but holds 1 ward where the figures it replaces held ${wardsBefore.toLocaleString('en-GB')}` +
        `, and ${distinct(rows, minor)} categories where they held ${distinct(raw.rows, minor)}. If it is a cut-down extract, undo this import.`,
    );
    expect(cut.warnings[0]).toBe(cut.cutDown?.message);
  });

  it('no warning when the full file comes again as a newer copy', async () => {
    const again = path.join(tempDir(), 'copy.csv');
    writeFileSync(again, `${readFileSync(data.mpsWard2018, 'utf8')}\n`);
    const ws2 = tempWorkspace();
    try {
      const [a, b] = await dispatch({ workspace: ws2 }, 'import/files', { paths: [data.mpsWard2018, again] });
      expect([a!.status, b!.status, b!.supersededMonths.length]).toEqual(['imported', 'imported', months.length]);
      expect(b!.cutDown).toBeUndefined();
    } finally {
      ws2.close();
    }
  }, 120_000);

  it('once removed, leaves the figures exactly as before it', async () => {
    const after = await pivot();
    expect(after.rows.length).toBe(1);
    expect(before.rows.length).toBe(distinct(raw.rows, code));
    const deleted = await dispatch({ workspace: ws }, 'imports/delete', { importId: cut.importId! });
    expect(deleted.restoredMonths).toHaveLength(months.length);
    const restored = await pivot();
    expect(restored.rows).toEqual(before.rows);
    expect(restored.cells).toEqual(before.cells);
  });
});

describe('datasets/contents', () => {
  it('lists the wards and categories holding figures, with crimes per category as the raw file sums them', async () => {
    const contents = await dispatch({ workspace: ws }, 'datasets/contents', { dataset: datasetKey });
    expect(contents.areas.every((a) => a.kind === 'ward')).toBe(true);
    expect(contents.areas.length).toBe(distinct(raw.rows, code));
    const crimes = new Map<string, number>();
    for (const r of raw.rows) crimes.set(r[minor]!, (crimes.get(r[minor]!) ?? 0) + months.reduce((s, [c]) => s + Number(r[c]), 0));
    const listed = new Map(contents.categories.map((c) => [c.minor.toLowerCase(), c.crimes]));
    for (const [name, n] of crimes) if (n > 0) expect(listed.get(name.toLowerCase()), name).toBe(n);
    expect(contents.categories.length).toBe(distinct(raw.rows, minor));
  });

  it('counts a population dataset’s boroughs and wards apart', async () => {
    const ws3 = tempWorkspace();
    try {
      const wardFile = path.join(path.dirname(data.populationBorough), 'housing-density-ward.csv');
      const results = await dispatch({ workspace: ws3 }, 'import/files', { paths: [data.populationBorough, wardFile] });
      expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
      const contents = await dispatch({ workspace: ws3 }, 'datasets/contents', { dataset: 'population' });
      const codes = (file: string, prefix: string) => {
        const t = readCsv(file);
        return new Set(t.rows.map((r) => r[t.col('Code')]!).filter((c) => c.startsWith(prefix))).size;
      };
      const kinds = (k: string) => contents.areas.filter((a) => a.kind === k).length;
      expect(kinds('borough')).toBe(codes(data.populationBorough, 'E09'));
      expect(kinds('ward')).toBe(codes(wardFile, 'E05'));
      expect(contents.categories).toEqual([]);
    } finally {
      ws3.close();
    }
  });

  it('lists a borough dataset’s boroughs as the raw file names them', async () => {
    const ws4 = tempWorkspace();
    try {
      const [r] = await dispatch({ workspace: ws4 }, 'import/files', { paths: [data.mpsNewcatRecent] });
      expect(r!.status).toBe('imported');
      const key4 = (await dispatch({ workspace: ws4 }, 'workspace/info', {})).datasets[0]!.key;
      const contents = await dispatch({ workspace: ws4 }, 'datasets/contents', { dataset: key4 });
      const t = readCsv(data.mpsNewcatRecent);
      const cols = monthColumns(t);
      const named = new Set(t.rows.filter((row) => cols.some(([c]) => Number(row[c]) > 0)).map((row) => row[t.col('BoroughName')]!.toLowerCase()));
      expect(contents.areas.every((a) => a.kind === 'borough')).toBe(true);
      expect(new Set(contents.areas.map((a) => a.name.toLowerCase()))).toEqual(named);
    } finally {
      ws4.close();
    }
  });

  it('refuses a dataset the workspace does not hold', async () => {
    await expect(dispatch({ workspace: ws }, 'datasets/contents', { dataset: 'no-such' })).rejects.toThrow(/No dataset "no-such"/);
    await expect(dispatch({ workspace: ws }, 'datasets/contents', { dataset: 3 } as never)).rejects.toThrow(/Give the dataset/);
  });
});
