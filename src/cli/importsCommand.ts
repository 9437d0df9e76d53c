/** `wardlens imports delete`: take an import back out of the workspace. */
import type { Command } from 'commander';
import type { DeletedImport } from '../shared/importing';
import { WardlensError } from '../core/errors';
import { fromIsoMonth, nextMonth, toIsoMonth } from '../core/months';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { month, n } from './format';

/** Months as runs ("Jan 2022 – Mar 2022, May 2022"): an extract's months are usually one run. */
function monthRuns(isoMonths: string[]): string {
  const runs: string[][] = [];
  for (const m of [...isoMonths].sort()) {
    const last = runs.at(-1);
    const next = last ? toIsoMonth(nextMonth(fromIsoMonth(last.at(-1)!)!)) : '';
    if (last && m === next) last.push(m);
    else runs.push([m]);
  }
  return runs.map((r) => (r.length === 1 ? month(r[0]!) : `${month(r[0]!)} – ${month(r.at(-1)!)}`)).join(', ');
}

export function deletedImportText(d: DeletedImport): string {
  const lines = [`Deleted import ${d.importId} (${d.file}) from ${d.dataset}: ${n(d.rowsRemoved)} rows removed.`];
  const byImport = new Map<number, { file: string; months: string[] }>();
  for (const r of d.restoredMonths) {
    const entry = byImport.get(r.importId) ?? { file: r.file, months: [] };
    entry.months.push(r.month);
    byImport.set(r.importId, entry);
  }
  for (const [id, e] of byImport) lines.push(`Figures for ${monthRuns(e.months)} are import ${id}'s (${e.file}) again.`);
  if (d.emptiedMonths.length) lines.push(`No other import holds ${monthRuns(d.emptiedMonths)}: the dataset no longer covers ${d.emptiedMonths.length === 1 ? 'it' : 'them'}.`);
  if (d.datasetRemoved) lines.push(`The dataset held nothing else and was removed too.`);
  return lines.join('\n');
}

export function addImportsCommand(program: Command): void {
  const imports = program.command('imports').description('Manage what has been imported ("wardlens info" lists the imports).');
  imports
    .command('delete')
    .description("Delete an import: its rows are removed and any months it had superseded go back to the earlier extract's figures, in one transaction.")
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .requiredOption('--import <id>', 'the import to delete, by number')
    .option('--json', 'print the result as JSON')
    .action(async (o: { db?: string; import: string; json?: boolean }) => {
      const importId = Number(o.import);
      if (!/^\d+$/.test(o.import.trim()) || importId <= 0) throw new WardlensError('bad-request', `--import takes an import's number (as "wardlens info" lists them), not "${o.import}".`);
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      try {
        const deleted = await dispatch({ workspace }, 'imports/delete', { importId });
        console.log(o.json ? JSON.stringify(deleted, null, 2) : deletedImportText(deleted));
      } finally {
        workspace.close();
      }
    });
}
