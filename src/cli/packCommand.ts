/**
 * `wardlens pack`: the assessment pack for a borough, a year and a list of categories.
 * The command line writes the workbook, the HTML report and the charts' data; it says
 * plainly that chart images and the PDF need the app.
 */
import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import type { ExportPackResult } from '../shared/export';
import { WardlensError } from '../core/errors';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { n } from './format';

interface PackOptions {
  db?: string;
  dataset?: string;
  area: string;
  year: string;
  compare?: string;
  financial?: boolean;
  categories: string;
  neighbours?: string;
  populationYear?: string;
  out: string;
  force?: boolean;
  json?: boolean;
}

const list = (text: string | undefined) =>
  text
    ? text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

function wholeNumber(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text.trim()))
    throw new WardlensError('bad-request', `${option} takes a year such as 2017, not "${text}".`);
  return Number(text);
}

export function packResultText(r: ExportPackResult): string {
  const lines = [`✓ Assessment pack in ${r.folder}`];
  for (const f of r.files) lines.push(`  ${relative(r.folder, f.path)}  (${n(f.bytes)} bytes)`);
  lines.push(`  Workbook sheets: ${r.sheets.join(', ')}`);
  for (const note of r.notes) lines.push(`  note: ${note}`);
  if (r.images.rendered) lines.push('', r.images.note);
  else
    lines.push(
      '',
      'Chart images were not made: the command line cannot draw PNG or SVG images, nor the PDF report.',
      `Export the pack from the Wardlens app for those. ${r.images.note}`,
    );
  // The ward maps need no browser: the engine draws them as SVG, from the command line too.
  if (r.maps?.length)
    lines.push(
      `The ward maps are drawn here, as SVG (with their wards as GeoJSON): ${r.maps.map((m) => m.title).join('; ')}.`,
    );
  return lines.join('\n');
}

export function addPackCommand(program: Command): void {
  program
    .command('pack')
    .description(
      'Write the assessment pack for a borough: an Excel workbook of every table, a self-contained HTML report with charts, and the charts\u2019 data.',
    )
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .option('--dataset <key>', 'the dataset (default: one holding both years, ward level preferred)')
    .requiredOption('--area <name-or-code>', 'the borough')
    .requiredOption('--year <year>', 'the year reported on')
    .requiredOption(
      '--categories <list>',
      'comma-separated categories, e.g. "Burglary,Robbery" (minor categories or major categories)',
    )
    .option('--compare <year>', 'the year compared with (default: the year before)')
    .option('--financial', 'financial years (April–March) instead of calendar years')
    .option('--neighbours <boroughs>', 'comma-separated boroughs for the nearest-neighbour tables')
    .option('--population-year <year>', 'use this population year for both years')
    .requiredOption('--out <folder>', 'the folder to write the pack into (created if missing)')
    .option('--force', "replace the pack's files if they exist (other files in the folder are never touched)")
    .option('--json', 'print the result as JSON')
    .action(async (o: PackOptions) => {
      const categories = list(o.categories);
      if (!categories.length)
        throw new WardlensError('bad-request', '--categories needs at least one category.');
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      process.once('SIGINT', onInterrupt);
      try {
        const result = await dispatch(
          {
            workspace,
            signal: controller.signal,
            onProgress:
              o.json || !process.stderr.isTTY ? undefined : (p) => process.stderr.write(`\r\x1b[K${p.file}…`),
          },
          'export/pack',
          {
            area: o.area,
            year: wholeNumber(o.year, '--year')!,
            compare: wholeNumber(o.compare, '--compare'),
            yearKind: o.financial ? 'financial' : 'calendar',
            categories,
            neighbours: o.neighbours ? list(o.neighbours) : undefined,
            populationYear: wholeNumber(o.populationYear, '--population-year'),
            dataset: o.dataset,
            folder: resolve(o.out),
            force: o.force === true,
          },
        );
        if (process.stderr.isTTY && !o.json) process.stderr.write('\r\x1b[K');
        console.log(o.json ? JSON.stringify(result, null, 2) : packResultText(result));
      } finally {
        process.off('SIGINT', onInterrupt);
        workspace.close();
      }
    });
}
