// An export's file name says its measure in the measure's own words: review 4 found the % change
// export named "change-on-a-year-earlier-…", which reads as the change in crimes, another measure.
// The titles are the app's own, of real pivots on the real borough file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import type { Measure } from '../../src/shared/pivot';
import { titleFileName } from '../../src/shared/fileNames';
import { chartFileName } from '../../src/renderer/charts/assessment';
import { chartTitle } from '../../src/renderer/charts/figure';
import { data } from '../support/data';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

afterAll(cleanupTempDirs);

let ws: Workspace;
beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [data.mpsBoroughRecent, data.populationBorough]);
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
});

const titleOf = (measure: Measure) =>
  chartTitle(
    runPivot(ws.db, {
      dataset: 'mps-borough-old',
      rows: ['borough'],
      columns: ['year'],
      measures: [measure],
      filters: { major: ['Burglary'] },
      months: { from: '2018-01', to: '2018-12' },
      ...(measure.startsWith('rate') ? { populationYear: 2018 } : {}),
    }),
  );

describe('export file names', () => {
  it('name the % change by its own words, apart from the change in crimes', () => {
    const pct = titleOf('pct-change');
    const change = titleOf('change');
    expect(pct).toMatch(/^% change on a year earlier/);
    expect(chartFileName(pct)).toMatch(/^per-cent-change-on-a-year-earlier-/);
    expect(chartFileName(change)).toMatch(/^change-in-crimes-on-a-year-earlier-/);
    expect(chartFileName(pct)).not.toBe(chartFileName(change).replace('-in-crimes', ''));
  });

  it('give every measure a name of its own, thousands written plainly', () => {
    const measures: Measure[] = ['count', 'rate', 'share', 'change', 'pct-change', 'rate-change'];
    const names = measures.map((m) => titleFileName(titleOf(m)));
    expect(new Set(names).size).toBe(measures.length);
    expect(names[measures.indexOf('rate')]).toMatch(/^crimes-per-1000-residents/);
    expect(names[measures.indexOf('share')]).toMatch(/^per-cent-of-crimes/);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(titleFileName('%')).toBe('per-cent');
    expect(titleFileName('')).toBe('wardlens-chart');
  });
});
