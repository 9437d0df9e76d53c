/**
 * `wardlens map`: a ward or borough heat map's data (the pivot joined to its polygons, with a
 * classed legend) as GeoJSON, for QGIS or to check what the app's map view will draw.
 */
import type { Command } from 'commander';
import type { ChoroplethResult, ClassMethod } from '../shared/geo';
import { WardlensError } from '../core/errors';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { checkOutputs, n, writeOutput } from './geoOutput';
import { pivotSpecFor, withPivotOptions } from './pivotCommand';
import { counted } from '../shared/counted';

export function choroplethText(r: ChoroplethResult, file: string | null): string {
  const lines = [
    `${r.dataset.name}: ${r.measure} by ${r.level}${r.vintage ? ` (${r.vintage} wards)` : ''}, ${r.span.from} to ${r.span.to}; ${counted(r.features.features.length, 'area')} drawn`,
    `  legend (${r.legend.method === 'quantile' ? 'quantiles' : 'natural breaks'}):`,
    ...r.legend.classes.map((c, i) => `    ${i + 1}. ${c.label.padEnd(24)} ${counted(c.areas, 'area')}`),
    `    no data: ${n(r.legend.noData)}    small counts: ${n(r.legend.small)}`,
  ];
  for (const note of r.notes) lines.push(`  note: ${note}`);
  if (file) lines.push(`  wrote ${file}`);
  return lines.join('\n');
}

export function addMapCommand(program: Command): void {
  withPivotOptions(program.command('map').description('A ward or borough heat map: the pivot joined to its boundaries and classed, written as GeoJSON.'))
    .option('--vintage <year>', "the ward set to draw (must be the dataset's own; detected when omitted)")
    .option('--method <m>', 'quantile or natural-breaks', 'quantile')
    .option('--classes <n>', 'number of classes (2–9)', '5')
    .option('--out <file.geojson>', 'write the areas with their values and classes as GeoJSON')
    .option('--force', 'replace the output file if it exists')
    .option('--json', 'print the whole result as JSON')
    .action(async (o: Parameters<typeof pivotSpecFor>[1] & { vintage?: string; method: string; classes: string; out?: string; force?: boolean; json?: boolean }) => {
      if (o.method !== 'quantile' && o.method !== 'natural-breaks') throw new WardlensError('bad-request', `--method is quantile or natural-breaks, not "${o.method}".`);
      checkOutputs([o.out], o.force === true);
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      try {
        const result = await dispatch({ workspace }, 'map/choropleth', {
          pivot: await pivotSpecFor(workspace, o),
          vintage: o.vintage,
          method: o.method as ClassMethod,
          classes: Number(o.classes),
        });
        const file = o.out
          ? writeOutput(o.out, JSON.stringify({ ...result.features, name: `${result.dataset.name}, ${result.measure} by ${result.level}`, wardlens: { legend: result.legend, notes: result.notes } }))
          : null;
        console.log(o.json ? JSON.stringify(result, null, 2) : choroplethText(result, file));
      } finally {
        workspace.close();
      }
    });
}
