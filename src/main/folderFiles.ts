/**
 * File ▸ Import a Folder…: the files to import from what the dialog gave, each folder walked
 * to the bottom (a police.uk download is a folder of monthly folders), keeping the files the
 * Import view reads, in the order a file manager lists them. Plain Node, tested without Electron.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { byName, importable } from '../shared/importable';

export function filesToImport(paths: readonly string[]): string[] {
  return paths.flatMap((p) => (statSync(p).isDirectory() ? filesInFolder(p) : [p]));
}

function filesInFolder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => byName(a.name, b.name))
    .flatMap((e) => {
      const full = join(folder, e.name);
      if (e.isDirectory()) return filesInFolder(full);
      return e.isFile() && importable(e.name) ? [full] : [];
    });
}
