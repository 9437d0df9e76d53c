/** `wardlens pivot`: a pivot from the command line, as a table, CSV or JSON. */
import type { Command } from 'commander';
import type { Dimension, Measure, PivotResult, PivotSpec } from '../shared/pivot';
import { WardlensError } from '../core/errors';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace, type Workspace } from '../core/store/workspace';
import { renderPivot, trailText } from './pivotFormat';

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
  const measures = list(o.measure ?? 'count') as Measure[];
  const known: Measure[] = ['count', 'rate', 'share', 'change', 'pct-change', 'rate-change'];
  const unknown = measures.find((m) => !known.includes(m));
  if (unknown !== undefined || measures.length === 0) {
    throw new WardlensError('bad-request', `--measure takes one or more of ${known.join(', ')}, comma-separated; got "${o.measure ?? ''}".`);
  }
  return {
    dataset,
    rows: list(o.rows) as Dimension[],
    columns: list(o.cols) as Dimension[],
    filters,
    months: { from: o.from, to: o.to },
    measure: measures[0],
    measures: measures.length > 1 ? measures : undefined,
    shareOf: o.share as PivotSpec['shareOf'],
    populationYear: o.populationYear ? Number(o.populationYear) : undefined,
    asOfImport: o.asOf ? Number(o.asOf) : undefined,
  };
}

/** The options every pivot-shaped command takes (pivot, explain, export). */
export function withPivotOptions(command: Command): Command {
  return command
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .option('--dataset <key>', 'the dataset (default: the only one, or the first crime dataset)')
    .requiredOption('--rows <dims>', 'row dimensions, comma-separated')
    .option('--cols <dims>', 'column dimensions, comma-separated')
    .option('--measure <m[,m]>', 'count, rate, share, change, pct-change or rate-change; several, comma-separated, side by side', 'count')
    .option('--share <of>', 'for --measure share: row, column or total', 'total')
    .option('--where <dim=v,v>', 'keep only these values (repeatable); areas by name or code', (v: string, acc: string[]) => [...acc, v], [])
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .option('--population-year <year>', 'use this population year for every period')
    .option('--as-of <import-id>', 'the figures as they stood when this import was the newest extract');
}

/** The pivot spec the options describe, with the default dataset (the first crime dataset) filled in. */
export async function pivotSpecFor(workspace: Workspace, o: PivotOptions): Promise<PivotSpec> {
  const info = await dispatch({ workspace }, 'workspace/info', {});
  const dataset = o.dataset ?? info.datasets.find((d) => d.kind !== 'population')?.key;
  if (!dataset) throw new WardlensError('not-found', 'This workspace holds no crime data yet: import some files first.');
  return pivotSpecFromOptions(o, dataset);
}

export function addPivotCommand(program: Command): void {
  withPivotOptions(
    program
      .command('pivot')
      .description('Pivot a dataset by ward, borough, month, quarter, year, financial-year, major, minor, category, crime-type, outcome or lsoa.'),
  )
    .option('--format <f>', 'table, csv or json', 'table')
    .action(async (o: PivotOptions) => {
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      try {
        const result: PivotResult = await dispatch({ workspace }, 'pivot/run', await pivotSpecFor(workspace, o));
        console.log(renderPivot(result, o.format));
      } finally {
        workspace.close();
      }
    });

  withPivotOptions(program.command('explain').description('Where a pivot figure came from: its extracts, conditions, population and source rows.'))
    .requiredOption('--cell <row,col>', 'the cell, as 1-based row and column numbers of the pivot table ("total" for a total)')
    .option('--limit <n>', 'most source rows to list', '50')
    .option('--format <f>', 'text or json', 'text')
    .action(async (o: PivotOptions & { cell: string; limit: string }) => {
      const [row, column] = o.cell.split(',').map((x) => (x.trim().toLowerCase() === 'total' ? 0 : Number(x)));
      if (!Number.isInteger(row) || !Number.isInteger(column)) throw new WardlensError('bad-request', '--cell takes ROW,COL, e.g. --cell 3,2 (1-based; "total" for a total).');
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      try {
        const trail = await dispatch({ workspace }, 'pivot/explain', { pivot: await pivotSpecFor(workspace, o), row: row! - 1, column: column! - 1, limit: Number(o.limit) });
        console.log(o.format === 'json' ? JSON.stringify(trail, null, 2) : trailText(trail));
      } finally {
        workspace.close();
      }
    });
}
