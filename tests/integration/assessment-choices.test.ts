// The Assessment's choices for a dataset: its own crime types (once each, none from another
// dataset of the same scheme), its full years, and the question settled on when the dataset
// changes under a year or category it does not hold. Checked against the raw files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { importFiles } from '../../src/core/importers/importFiles';
import { workspaceInfo } from '../../src/core/store/info';
import type { Workspace } from '../../src/core/store/workspace';
import type { DatasetSummary } from '../../src/shared/workspace';
import {
  categoryChoices,
  settleSpec,
  yearsOf,
  type CategoryChoices,
} from '../../src/renderer/views/assessment/choices';
import { data } from '../support/data';
import { readCsv, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

let ws: Workspace;
let ward2022: RawTable;
let ward2018: RawTable;
let datasets: DatasetSummary[];

beforeAll(async () => {
  ws = tempWorkspace();
  // The 2022-ward file (UPPER-CASE names) first, then the 2018-ward file (Title Case, many more minor
  // categories) and the old-scheme borough file: the first two share the Home Office scheme.
  const results = await importFiles(ws, [data.mpsWard2022Recent, data.mpsWard2018, data.mpsBoroughRecent]);
  expect(results.every((r) => r.status === 'imported')).toBe(true);
  ward2022 = readCsv(data.mpsWard2022Recent);
  ward2018 = readCsv(data.mpsWard2018);
  datasets = workspaceInfo(ws).datasets;
}, 120_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

const dataset = (areaLevel: string, scheme: string) =>
  datasets.find(
    (d) => d.areaLevel === areaLevel && (d.boundaryVintage === scheme || d.categoryScheme === scheme),
  )!;
const choicesOf = (d: DatasetSummary) =>
  categoryChoices(runPivot(ws.db, { dataset: d.key, rows: ['major', 'category'], columns: [] }));
/** A raw file's categories, compared as the engine keys them: case and spacing aside. */
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const rawMajors = (t: RawTable) => new Set(t.rows.map((r) => norm(r[t.col('MajorText')]!)));
const rawPairs = (t: RawTable) =>
  new Set(t.rows.map((r) => `${norm(r[t.col('MajorText')]!)}|${norm(r[t.col('MinorText')]!)}`));
const majorsOf = (c: CategoryChoices) => c.majors.map((m) => norm(m.label));

describe('the crime types offered for a dataset', () => {
  it('are the 2022-ward file’s own major categories, once each', () => {
    const c = choicesOf(dataset('ward', '2022'));
    expect(new Set(majorsOf(c))).toEqual(rawMajors(ward2022));
    expect(majorsOf(c)).toHaveLength(rawMajors(ward2022).size);
    // Nothing of the 2018-ward file's that the 2022 file lacks (e.g. "Bigamy"), though the scheme holds it.
    expect(c.minors.some((m) => /bigamy/i.test(m.label))).toBe(false);
    expect(c.minors).toHaveLength(rawPairs(ward2022).size);
  });

  it('are the 2018-ward file’s own, once each, though some were first spelt in UPPER CASE by the other file', () => {
    const c = choicesOf(dataset('ward', '2018'));
    expect(new Set(majorsOf(c))).toEqual(rawMajors(ward2018));
    expect(majorsOf(c)).toHaveLength(rawMajors(ward2018).size);
    expect(c.majors.filter((m) => norm(m.label) === 'burglary')).toHaveLength(1);
    expect(c.minors.some((m) => /bigamy/i.test(m.label))).toBe(true);
  });
});

describe('the question settled on when the dataset changes', () => {
  it('offers only full years: 2025 for Jan 2024 – Dec 2025, 2021 for Sep 2020 – Aug 2022', () => {
    const months = (t: RawTable) => t.header.filter((h) => /^\d{6}$/.test(h)).sort();
    expect([months(ward2022)[0], months(ward2022).at(-1)]).toEqual(['202401', '202512']);
    expect([months(ward2018)[0], months(ward2018).at(-1)]).toEqual(['202009', '202208']);
    expect(yearsOf(dataset('ward', '2022'))).toEqual([2025]);
    expect(yearsOf(dataset('ward', '2018'))).toEqual([2021]);
    // Financial years run April to March: 2020/21 lacks Apr–Aug 2020, 2022/23 is not held.
    expect(yearsOf(dataset('ward', '2018'), 'financial')).toEqual([2021]);
  });

  it('replaces a year and category the new dataset lacks, and keeps the borough it holds', () => {
    const asked = settleSpec(
      { area: 'Harrow', category: 'BURGLARY', year: 2025, compare: 2024 },
      dataset('ward', '2022'),
      ['Brent', 'Harrow'],
      choicesOf(dataset('ward', '2022')),
    );
    expect(asked).toMatchObject({
      dataset: dataset('ward', '2022').key,
      area: 'Harrow',
      // Asked for in the file's capitals, settled on the spelling the workspace shows.
      category: 'Burglary',
      year: 2025,
    });
    const old = dataset('borough', 'mps-old');
    const oldChoices = choicesOf(old);
    const switched = settleSpec({ ...asked, dataset: old.key }, old, ['Barnet', 'Harrow'], oldChoices);
    // The old-scheme file runs Jan 2017 – Dec 2018: its latest full year, and its own spelling of burglary.
    expect(switched).toMatchObject({
      dataset: old.key,
      area: 'Harrow',
      year: 2018,
      compare: undefined,
      category: 'Burglary',
    });
    expect(oldChoices.majors.map((m) => m.value)).toContain('Burglary');
    // A minor category of the other scheme falls back to burglary, not to a key this dataset lacks.
    const minor = choicesOf(dataset('ward', '2022')).minors[0]!.value;
    expect(settleSpec({ ...asked, category: minor }, old, ['Harrow'], oldChoices).category).toBe('Burglary');
  });
});
