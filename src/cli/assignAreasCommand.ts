/** `wardlens assign-areas`: place a police.uk dataset's incidents in wards and boroughs by their points. */
import type { Command } from 'commander';
import type { AssignAreasResult } from '../shared/geo';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { n } from './geoOutput';
import { counted } from '../shared/counted';

export function assignAreasText(r: AssignAreasResult): string {
  const lines = [
    `${r.dataset}: ${counted(r.incidents, 'incident')} placed in ${r.vintage} wards in ${r.seconds.toFixed(1)} s`,
    `  in a ward: ${n(r.assigned)}    no coordinates: ${n(r.noLocation)}    outside every ward polygon: ${n(r.outside)}    on a boundary: ${n(r.onBoundary)}`,
    `  boroughs from ${r.boroughFrom === 'borough-polygons' ? 'the borough polygons' : "each ward's own borough"}`,
    '  wards with most incidents:',
    ...r.wards.slice(0, 10).map((w) => `    ${n(w.incidents).padStart(8)}  ${w.name} (${w.code})`),
  ];
  for (const note of r.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

export function addAssignAreasCommand(program: Command): void {
  program
    .command('assign-areas')
    .description('Place police.uk incidents in wards (of one ward set) and boroughs by point-in-polygon, so pivots can use --rows ward.')
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .requiredOption('--dataset <key>', 'the police.uk incidents dataset')
    .option('--vintage <year>', 'the ward set (default: the newest with boundaries imported)')
    .option('--json', 'print the result as JSON')
    .action(async (o: { db?: string; dataset: string; vintage?: string; json?: boolean }) => {
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      try {
        const result = await dispatch({ workspace }, 'incidents/assign-areas', { dataset: o.dataset, vintage: o.vintage });
        console.log(o.json ? JSON.stringify(result, null, 2) : assignAreasText(result));
      } finally {
        workspace.close();
      }
    });
}
