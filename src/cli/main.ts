/**
 * The `wardlens` command line, over the same handlers the app uses. Errors are printed in
 * plain words on stderr and the exit code is non-zero; --json prints the API's own result.
 */
import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import type { ColumnMapping } from '../shared/importing';
import { toApiError, WardlensError } from '../core/errors';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { importResultText, infoText } from './format';
import { addExportCommand } from './exportCommand';
import { addBackupCommand } from './backupCommand';
import { addCheckCommand } from './checkCommand';
import { addFactsCommand } from './factsCommand';
import { addPackCommand } from './packCommand';
import { addPivotCommand } from './pivotCommand';
import { addRevisionsCommand } from './revisionsCommand';
import { addServeCommand } from './serveCommand';
import { addAssignAreasCommand } from './assignAreasCommand';
import { addBoundariesCommand } from './boundariesCommand';
import { addHotspotsCommand } from './hotspotsCommand';
import { addMapCommand } from './mapCommand';
import { addImportsCommand } from './importsCommand';

const program = new Command();
program
  .name('wardlens')
  .description('Wardlens: an offline workbench for community-safety crime analysts.')
  .showHelpAfterError('(run with --help for usage)');

const dbOption = () => new Option('--db <file>', 'the workspace file (default: your data folder)').default(undefined, defaultWorkspacePath());

function readMapping(path: string): ColumnMapping {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ColumnMapping;
  } catch (err) {
    throw new WardlensError('bad-request', `The mapping file ${path} could not be read as JSON: ${(err as Error).message}`);
  }
}

program
  .command('import')
  .description('Import files or folders (MPS ward/borough files, police.uk CSVs, population tables, or any sheet with --mapping).')
  .argument('<paths...>', 'files or folders to import')
  .addOption(dbOption())
  .option('--mapping <file.json>', 'a column mapping for a spreadsheet Wardlens does not recognise')
  .option('--dataset <name>', 'join the files into this dataset')
  .option('--json', 'print the results as JSON')
  .action(async (paths: string[], opts: { db?: string; mapping?: string; dataset?: string; json?: boolean }) => {
    const workspace = openWorkspace(opts.db ?? defaultWorkspacePath());
    try {
      const options = { mapping: opts.mapping ? readMapping(opts.mapping) : undefined, dataset: opts.dataset };
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      const results = await dispatch({ workspace, signal: controller.signal, onProgress: progressPrinter(opts.json) }, 'import/files', { paths, options });
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      if (opts.json) console.log(JSON.stringify(results, null, 2));
      else {
        // What was imported to stdout; what failed, in plain words, to stderr.
        const ok = results.filter((r) => r.status !== 'failed');
        const failed = results.filter((r) => r.status === 'failed');
        if (ok.length) console.log(ok.map(importResultText).join('\n\n'));
        if (failed.length) console.error(failed.map(importResultText).join('\n\n'));
      }
      if (results.some((r) => r.status === 'failed')) process.exitCode = 1;
    } finally {
      workspace.close();
    }
  });

program
  .command('info')
  .description('Show what a workspace holds: datasets, imports, areas, month coverage, categories.')
  .addOption(dbOption())
  .option('--json', 'print as JSON')
  .action(async (opts: { db?: string; json?: boolean }) => {
    const workspace = openWorkspace(opts.db ?? defaultWorkspacePath(), { mustExist: true });
    try {
      const info = await dispatch({ workspace }, 'workspace/info', {});
      console.log(opts.json ? JSON.stringify(info, null, 2) : infoText(info));
    } finally {
      workspace.close();
    }
  });

addPivotCommand(program);
addFactsCommand(program);
addExportCommand(program);
addPackCommand(program);
addRevisionsCommand(program);
addCheckCommand(program);
addBackupCommand(program);
addServeCommand(program);
addBoundariesCommand(program);
addAssignAreasCommand(program);
addMapCommand(program);
addHotspotsCommand(program);
addImportsCommand(program);

function progressPrinter(json?: boolean) {
  if (json || !process.stderr.isTTY) return undefined;
  return (p: { file: string; rows: number; percent: number | null }) => {
    const pct = p.percent === null ? '' : ` ${p.percent.toFixed(0)}%`;
    process.stderr.write(`\r\x1b[K${p.file}: ${p.rows.toLocaleString('en-GB')} rows${pct}`);
  };
}

program.parseAsync(process.argv).catch((err: unknown) => {
  const e = toApiError(err);
  console.error(`wardlens: ${e.message}`);
  process.exitCode = e.code === 'internal' ? 70 : 1;
});
