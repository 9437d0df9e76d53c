// `wardlens pivot --measure count,rate,pct-change`: several measures from one pivot, side by
// side, on the real MPS borough files and population table, each checked against figures
// computed here from the raw CSVs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { pivotSpecFromOptions } from '../../src/cli/pivotCommand';
import { renderPivot } from '../../src/cli/pivotFormat';
import { data } from '../support/data';
import { inYear, readCsv, sumWide } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

let ws: Workspace;
beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [data.mpsBoroughHistoric, data.mpsBoroughRecent, data.populationBorough]);
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
}, 120_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

const options = (measure: string) => ({
  rows: 'borough',
  cols: 'year',
  measure,
  where: ['borough=Harrow,Brent'],
  from: '2016-01',
  to: '2017-12',
  format: 'table',
});

/** The raw files' count for a borough and year, and the population table's figure. */
function raw(borough: string, year: number): { count: number; population: number } {
  const file = readCsv(year === 2016 ? data.mpsBoroughHistoric : data.mpsBoroughRecent);
  const count = sumWide(file, inYear(year), (row) => row[file.col('Borough')] === borough);
  const pop = readCsv(data.populationBorough);
  const row = pop.rows.find((r) => r[pop.col('Name')] === borough && r[pop.col('Year')] === String(year))!;
  return { count, population: Number(row[pop.col('Population')]) };
}

describe('several measures in one pivot', () => {
  it('gives count, rate and % change side by side, each as if asked for alone', () => {
    const spec = pivotSpecFromOptions(options('count,rate,pct-change'), 'mps-borough-old');
    expect(spec.measure).toBe('count');
    expect(spec.measures).toEqual(['count', 'rate', 'pct-change']);
    const result = runPivot(ws.db, spec);
    expect(result.byMeasure!.map((t) => t.measure)).toEqual(['count', 'rate', 'pct-change']);
    const harrow = result.rows.findIndex((r) => r.labels[0] === 'Harrow');
    const y2017 = result.columns.findIndex((c) => c.keys[0] === '2017');
    const [count, rate, pct] = result.byMeasure!.map((t) => t.cells[harrow]![y2017]!);
    const now = raw('Harrow', 2017);
    const before = raw('Harrow', 2016);
    expect(count!.value).toBe(now.count);
    expect(rate!.value).toBeCloseTo((1000 * now.count) / now.population, 9);
    expect(rate!.populationYear).toBe(2017);
    expect(pct!.value).toBeCloseTo((100 * (now.count - before.count)) / before.count, 9);
    for (const m of ['count', 'rate', 'pct-change'] as const) {
      const alone = runPivot(ws.db, { ...spec, measure: m, measures: undefined });
      expect(alone.byMeasure).toBeUndefined();
      expect(result.byMeasure!.find((t) => t.measure === m)!.cells).toEqual(alone.cells);
    }
  });

  it('renders each year with its measures next to it, UK-formatted', () => {
    const result = runPivot(ws.db, pivotSpecFromOptions(options('count,rate'), 'mps-borough-old'));
    const csv = renderPivot(result, 'csv').split('\n');
    expect(csv[0]).toBe('borough,2016 · count,2016 · rate,2017 · count,2017 · rate,Total · count,Total · rate');
    const harrow = csv.find((l) => l.startsWith('Harrow,'))!;
    const now = raw('Harrow', 2017);
    const cells = harrow.match(/("[^"]*"|[^,]+)/g)!.map((c) => c.replace(/"/g, ''));
    expect(cells[3]).toBe(now.count.toLocaleString('en-GB'));
    expect(cells[4]).toBe(((1000 * now.count) / now.population).toFixed(2));
    expect(renderPivot(result, 'table').split('\n')[0]).toBe(`${result.dataset.name} — count, rate`);
  });

  it('refuses a measure it does not know, naming the ones it does', () => {
    expect(() => pivotSpecFromOptions(options('count,rates'), 'mps-borough-old')).toThrow(/--measure takes one or more of count, rate, share/);
  });
});
