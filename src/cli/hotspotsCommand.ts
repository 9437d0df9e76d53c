/**
 * `wardlens hotspots`: hexagon counts, kernel density and Getis-Ord Gi* hot and cold spots
 * for a police.uk dataset, written as GeoJSON (cells in WGS84, for QGIS or the app) and CSV.
 */
import type { Command } from 'commander';
import type { HotspotResult } from '../shared/geo';
import type { Dimension } from '../shared/pivot';
import { WardlensError } from '../core/errors';
import { hotspotsCsv, hotspotsGeoJson } from '../shared/hotspotFiles';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { checkOutputs, n, writeOutput } from './geoOutput';
import { counted } from '../shared/counted';

interface HotspotOptions {
  db?: string;
  dataset: string;
  where: string[];
  from?: string;
  to?: string;
  area?: string;
  cell: string;
  bandwidth?: string;
  fdr: boolean;
  out: string;
  csv?: string;
  force?: boolean;
  json?: boolean;
}

const list = (text: string | undefined) => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : []);

function number(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const x = Number(text);
  if (!Number.isFinite(x)) throw new WardlensError('bad-request', `${option} takes a number of metres, not "${text}".`);
  return x;
}

export function hotspotsText(r: HotspotResult, files: string[]): string {
  const s = r.summary;
  const lines = [
    `${r.dataset.name}, ${r.span.from} to ${r.span.to}: ${counted(s.points, 'incident')} in ${counted(s.cells, 'hexagon')} of ${n(r.parameters.cell)} m`,
    `  hot spots:  ${n(s.hot[99])} at 99%, ${n(s.hot[95])} at 95%, ${n(s.hot[90])} at 90%`,
    `  cold spots: ${n(s.cold[99])} at 99%, ${n(s.cold[95])} at 95%, ${n(s.cold[90])} at 90%`,
    `  ${r.parameters.kernel}`,
    `  ${r.parameters.neighbours}`,
  ];
  const top = [...r.cells.features].sort((a, b) => b.properties.z - a.properties.z).slice(0, 5).filter((f) => f.properties.bin > 0);
  if (top.length) lines.push('  strongest hot spots:', ...top.map((f) => `    ${f.properties.id.padEnd(12)} E ${f.properties.easting} N ${f.properties.northing}: ${counted(f.properties.count, 'incident')}, z = ${f.properties.z.toFixed(2)}`));
  for (const note of r.notes) lines.push(`  note: ${note}`);
  for (const f of files) lines.push(`  wrote ${f}`);
  return lines.join('\n');
}

export function addHotspotsCommand(program: Command): void {
  program
    .command('hotspots')
    .description('Hot and cold spots of police.uk incidents: hexagon counts, kernel density and Getis-Ord Gi* over the chosen boroughs.')
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .requiredOption('--dataset <key>', 'the police.uk incidents dataset')
    .option('--where <dim=v,v>', 'keep only these incidents (repeatable), e.g. crime-type=Burglary', (v: string, acc: string[]) => [...acc, v], [])
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .option('--area <boroughs>', 'boroughs the grid covers, comma-separated names or E09 codes (default: the extent of the points)')
    .option('--cell <metres>', 'hexagon size across the flats', '250')
    .option('--bandwidth <metres>', 'kernel density bandwidth (default: twice the cell)')
    .option('--no-fdr', 'do not correct the significance for testing many cells at once')
    .requiredOption('--out <file.geojson>', 'where to write the cells as GeoJSON')
    .option('--csv <file.csv>', 'also write the cells as a CSV table')
    .option('--force', 'replace output files that already exist')
    .option('--json', 'print the summary as JSON')
    .action(async (o: HotspotOptions) => {
      checkOutputs([o.out, o.csv], o.force === true);
      const filters: Partial<Record<Dimension, string[]>> = {};
      for (const w of o.where) {
        const eq = w.indexOf('=');
        if (eq < 1) throw new WardlensError('bad-request', `--where takes DIMENSION=VALUE[,VALUE], e.g. --where crime-type=Burglary; got "${w}".`);
        filters[w.slice(0, eq).trim() as Dimension] = list(w.slice(eq + 1));
      }
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      try {
        const result = await dispatch({ workspace }, 'hotspots/run', {
          dataset: o.dataset,
          filters,
          months: { from: o.from, to: o.to },
          area: list(o.area),
          cell: number(o.cell, '--cell'),
          bandwidth: number(o.bandwidth, '--bandwidth'),
          correction: o.fdr ? 'fdr' : 'none',
        });
        const files = [writeOutput(o.out, hotspotsGeoJson(result))];
        if (o.csv) files.push(writeOutput(o.csv, hotspotsCsv(result)));
        if (o.json) console.log(JSON.stringify({ ...result, cells: undefined, outlines: undefined, files }, null, 2));
        else console.log(hotspotsText(result, files));
      } finally {
        workspace.close();
      }
    });
}
