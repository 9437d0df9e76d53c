/** `wardlens backup`: a consistent copy of a workspace, safe while it is in use. */
import type { Command } from 'commander';
import { backupWorkspace, defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { n } from './format';

export function addBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('Copy a workspace to a new file with SQLite’s online backup (safe while Wardlens is running).')
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .requiredOption('--out <file>', 'the backup file to write (must not exist)')
    .action(async (o: { db?: string; out: string }) => {
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      try {
        const copy = await backupWorkspace(workspace, o.out);
        console.log(`Backed up ${workspace.path} to ${copy.path} (${n(copy.bytes)} bytes).`);
      } finally {
        workspace.close();
      }
    });
}
