/** `wardlens export`: a pivot to an xlsx or csv file, with the same options as `wardlens pivot`. */
import type { Command } from 'commander';
import { extname, resolve } from 'node:path';
import type { ExportTableResult } from '../shared/export';
import { WardlensError } from '../core/errors';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { n } from './format';
import { pivotSpecFromOptions } from './pivotCommand';

type PivotOptions = Parameters<typeof pivotSpecFromOptions>[0];

interface ExportOptions extends PivotOptions {
  out: string;
  force?: boolean;
  json?: boolean;
}

export function exportResultText(r: ExportTableResult): string {
  return [`✓ ${r.file.path}`, `  ${r.title}`, `  ${n(r.rows)} rows, ${n(r.file.bytes)} bytes`].join('\n');
}

export function addExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'Export a pivot to Excel (.xlsx) or CSV: real numbers with UK number formats, a title, and a source note naming the files behind it.',
    )
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .option('--dataset <key>', 'the dataset (default: the only one, or the first crime dataset)')
    .requiredOption('--rows <dims>', 'row dimensions, comma-separated')
    .option('--cols <dims>', 'column dimensions, comma-separated')
    .option('--measure <m>', 'count, rate, share, change, pct-change or rate-change', 'count')
    .option('--share <of>', 'for --measure share: row, column or total', 'total')
    .option(
      '--where <dim=v,v>',
      'keep only these values (repeatable); areas by name or code',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .option('--population-year <year>', 'use this population year for every period')
    .option('--as-of <import-id>', 'the figures as they stood when this import was the newest extract')
    .requiredOption(
      '--out <file>',
      'the file to write: FILE.xlsx or FILE.csv (the extension sets the format)',
    )
    .option('--force', 'replace the file if it exists')
    .option('--json', 'print the result as JSON')
    .action(async (o: ExportOptions) => {
      const path = resolve(o.out);
      const format = extname(path).toLowerCase().slice(1);
      if (format !== 'xlsx' && format !== 'csv')
        throw new WardlensError('bad-request', `--out must end in .xlsx or .csv, not "${o.out}".`);
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      try {
        const info = await dispatch({ workspace }, 'workspace/info', {});
        const dataset = o.dataset ?? info.datasets.find((d) => d.kind !== 'population')?.key;
        if (!dataset)
          throw new WardlensError(
            'not-found',
            'This workspace holds no crime data yet: import some files first.',
          );
        const result = await dispatch({ workspace }, 'export/table', {
          table: { pivot: pivotSpecFromOptions(o, dataset) },
          format,
          path,
          force: o.force === true,
        });
        console.log(o.json ? JSON.stringify(result, null, 2) : exportResultText(result));
      } finally {
        workspace.close();
      }
    });
}
