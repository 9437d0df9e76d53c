/** `wardlens pivot`: a pivot from the command line, as a table, CSV or JSON. */
import type { Command } from 'commander';
import type { Dimension, Measure, PivotResult, PivotSpec } from '../shared/pivot';
import { WardlensError } from '../core/errors';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { renderPivot } from './pivotFormat';

interface PivotOptions {
  db?: string;
  dataset?: string;
  rows: string;
  cols?: string;
  measure?: string;
  where: string[];
  from?: string;
  to?: string;
  populationYear?: string;
  share?: string;
  asOf?: string;
  format: string;
}

const list = (text: string | undefined) => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : []);

export function pivotSpecFromOptions(o: PivotOptions, dataset: string): PivotSpec {
  const filters: Partial<Record<Dimension, string[]>> = {};
  for (const w of o.where) {
    const eq = w.indexOf('=');
    if (eq < 1) throw new WardlensError('bad-request', `--where takes DIMENSION=VALUE[,VALUE], e.g. --where borough=Harrow; got "${w}".`);
    filters[w.slice(0, eq).trim() as Dimension] = list(w.slice(eq + 1));
  }
  return {
    dataset,
    rows: list(o.rows) as Dimension[],
    columns: list(o.cols) as Dimension[],
    filters,
    months: { from: o.from, to: o.to },
    measure: (o.measure ?? 'count') as Measure,
    shareOf: o.share as PivotSpec['shareOf'],
    populationYear: o.populationYear ? Number(o.populationYear) : undefined,
    asOfImport: o.asOf ? Number(o.asOf) : undefined,
  };
}

export function addPivotCommand(program: Command): void {
  program
    .command('pivot')
    .description('Pivot a dataset by ward, borough, month, quarter, year, financial-year, major, minor, category, crime-type, outcome or lsoa.')
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .option('--dataset <key>', 'the dataset (default: the only one, or the first crime dataset)')
    .requiredOption('--rows <dims>', 'row dimensions, comma-separated')
    .option('--cols <dims>', 'column dimensions, comma-separated')
    .option('--measure <m>', 'count, rate, share, change, pct-change or rate-change', 'count')
    .option('--share <of>', 'for --measure share: row, column or total', 'total')
    .option('--where <dim=v,v>', 'keep only these values (repeatable); areas by name or code', (v: string, acc: string[]) => [...acc, v], [])
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .option('--population-year <year>', 'use this population year for every period')
    .option('--as-of <import-id>', 'the figures as they stood when this import was the newest extract')
    .option('--format <f>', 'table, csv or json', 'table')
    .action(async (o: PivotOptions) => {
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      try {
        const info = await dispatch({ workspace }, 'workspace/info', {});
        const crime = info.datasets.filter((d) => d.kind !== 'population');
        const dataset = o.dataset ?? crime[0]?.key;
        if (!dataset) throw new WardlensError('not-found', 'This workspace holds no crime data yet: import some files first.');
        const result: PivotResult = await dispatch({ workspace }, 'pivot/run', pivotSpecFromOptions(o, dataset));
        console.log(renderPivot(result, o.format));
      } finally {
        workspace.close();
      }
    });
}
