// The same pivot is named the same way on screen and in an exported table: its filters by
// name ("Harrow", never "E09000015"), months as "Jan 2025", a share of each column said so.
// Real file: the 2022-ward MPS extract (Jan 2024 – Dec 2025), exported through the real
// `export/table` handler to CSV and xlsx; the figures under the title are checked against the
// raw file, so the title is shown to head the table it names.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportTableArgs } from '../../src/shared/export';
import type { PivotResult, PivotSpec } from '../../src/shared/pivot';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { dispatch } from '../../src/core/handlers';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { pivotFigure } from '../../src/renderer/charts/figure';
import { data } from '../support/data';
import { parseCsvText, readCsv } from '../support/raw';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

const HARROW = 'E09000015';
const RESIDENTIAL = 'burglary/res-burglary-of-a-home';

let ws: Workspace;
let out: string;
let dataset: string;

beforeAll(async () => {
  ws = tempWorkspace();
  const [result] = await importFiles(ws, [data.mpsWard2022Recent]);
  expect(result!.status).toBe('imported');
  dataset = ws.db.prepare("SELECT key FROM datasets WHERE kind = 'counts'").pluck().get() as string;
  out = tempDir();
});
afterAll(() => {
  ws?.close();
  cleanupTempDirs();
});

/** Exports through the real handler; gives back the handler's title, the file's title and its rows. */
async function exported(spec: PivotSpec, format: 'csv' | 'xlsx', name: string) {
  const file = path.join(out, `${name}.${format}`);
  const args: ExportTableArgs = { table: { pivot: spec }, format, path: file };
  const answer = await dispatch({ workspace: ws }, 'export/table', args);
  if (format === 'xlsx') {
    const sheet = XLSX.read(readFileSync(file), { type: 'buffer' }).Sheets['Pivot']!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: null });
    // The sheet begins with the title, then the subtitle, then the table.
    return { answer: answer.title, title: String(rows[0]![0]), rows };
  }
  // The CSV begins with the table; its title follows it after a blank row.
  const rows = parseCsvText(readFileSync(file, 'utf8'));
  const blank = rows.findIndex((r) => r.every((field) => field === ''));
  return { answer: answer.title, title: rows[blank + 1]![0]!, rows };
}

/**
 * The chart's title as the app builds it: names for keys come from the answers the app has
 * already shown (a borough table, a category table), and PivotOutput words each filter value
 * by them (names.get(v) ?? v), then figure.ts titles the chart of the same pivot result.
 */
function appChartTitle(result: PivotResult): string {
  const names = new Map<string, string>();
  for (const rows of [['borough'], ['category'], ['major']] as const) {
    const seen = runPivot(ws.db, { dataset, rows: [...rows], columns: [], measure: 'count' });
    for (const h of seen.rows) h.keys.forEach((k, i) => names.set(k, h.labels[i] ?? k));
  }
  const filters = Object.values(result.spec.filters ?? {}).flatMap((values) =>
    (values ?? []).map((v) => names.get(v) ?? v),
  );
  return pivotFigure(result, {
    datasetName: result.dataset.name,
    first: result.span.from,
    last: result.span.to,
    filters,
  }).title;
}

/** Crimes by ward code and year (2024, 2025) in Harrow, for one minor category, from the raw file. */
function rawHarrow(minorText: string): Map<string, number[]> {
  const raw = readCsv(data.mpsWard2022Recent);
  const [ward, borough, minor] = [raw.col('WardCode'), raw.col('LookUp_BoroughName'), raw.col('MinorText')];
  const byWard = new Map<string, number[]>();
  for (const r of raw.rows) {
    if (r[borough] !== 'Harrow' || r[minor] !== minorText) continue;
    const years = byWard.get(r[ward]!) ?? byWard.set(r[ward]!, [0, 0]).get(r[ward]!)!;
    raw.header.forEach((h, i) => {
      const year = /^(2024|2025)\d\d$/.exec(h)?.[1];
      if (year) years[Number(year) - 2024]! += Number(r[i]);
    });
  }
  return byWard;
}

describe('an exported pivot filtered to a borough and a category', () => {
  const spec = (): PivotSpec => ({
    dataset,
    rows: ['ward'],
    columns: ['year'],
    measure: 'count',
    filters: { borough: [HARROW], category: [RESIDENTIAL] },
  });
  // The file spells the category in capitals; the app and its exports show it in careful title case.
  const title = 'Crimes by ward and year — Harrow, Res Burglary of a Home';

  it('names the borough and the category in its title, in CSV and xlsx alike, never their codes', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await exported(spec(), format, `harrow-residential-${format}`);
      expect(file.title).toBe(title);
      expect(file.answer).toBe(title);
      expect(file.title).not.toContain(HARROW);
      expect(file.title).not.toContain(RESIDENTIAL);
    }
  });

  it('heads the figures it names: Harrow’s wards, residential burglaries, as the raw file counts them', async () => {
    const raw = rawHarrow('RES BURGLARY OF A HOME');
    expect(raw.size).toBeGreaterThan(15);
    const result = runPivot(ws.db, spec());
    expect(new Set(result.rows.map((r) => r.keys[0]))).toEqual(new Set(raw.keys()));
    result.rows.forEach((r, i) => expect(result.cells[i]!.map((c) => c.count)).toEqual(raw.get(r.keys[0]!)));
    // The exported total row is the raw file's total for both years.
    const { rows } = await exported(spec(), 'csv', 'harrow-residential-totals');
    const total = rows.find((r) => r[0] === 'Total')!;
    const rawTotal = [...raw.values()].reduce((n, [a, b]) => n + a! + b!, 0);
    expect(Number(total[3])).toBe(rawTotal);
  });

  it('has the title the app gives the chart of the same pivot', async () => {
    const result = runPivot(ws.db, spec());
    const { title: fileTitle } = await exported(spec(), 'xlsx', 'harrow-residential-chart');
    expect(appChartTitle(result)).toBe(fileTitle);
  });
});

describe('an exported share of each column, filtered by major category and by months', () => {
  const spec = (borough: string): PivotSpec => ({
    dataset,
    rows: ['ward'],
    columns: ['month'],
    measure: 'share',
    shareOf: 'column',
    filters: { borough: [borough], major: ['burglary'], month: ['2025-01', '2025-02'] },
  });
  const expected = '% of crimes (of each column) by ward and month — Harrow, Burglary, Jan 2025, Feb 2025';

  it('says “of each column”, names the months as “Jan 2025”, and matches the chart', async () => {
    const file = await exported(spec(HARROW), 'csv', 'harrow-burglary-share');
    expect(file.title).toBe(expected);
    const result = runPivot(ws.db, spec(HARROW));
    expect(result.columns.map((c) => c.labels[0])).toEqual(['Jan 2025', 'Feb 2025']);
    expect(appChartTitle(result)).toBe(expected);
  });

  it('names a borough typed in lower case as the workspace spells it', async () => {
    const file = await exported(spec('harrow'), 'xlsx', 'typed-harrow-share');
    expect(file.title).toBe(expected);
  });
});
