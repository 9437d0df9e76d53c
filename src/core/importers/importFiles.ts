/** Importing several paths: files, or folders of files (police.uk downloads come as folders). */
import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { ImportFileResult, ImportOptions } from '../../shared/importing';
import type { Workspace } from '../store/workspace';
import { importFile, type ImportHooks } from './importFile';
import { importBoundaryFile, isBoundaryFile } from '../geo/importHook';
import { checkImported } from '../analysis/trust/quality/summary';

const READABLE = new Set(['.csv', '.xlsx', '.xlsm', '.geojson']);

/** Every readable file under the given paths, folders walked in name order. */
export function expandPaths(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const full = resolve(p);
    let isDir = false;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      // a missing path is reported by importFile, in its own result
    }
    if (!isDir) {
      out.push(full);
      continue;
    }
    const entries = readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) out.push(...expandPaths([join(full, e.name)]));
      else if (READABLE.has(extname(e.name).toLowerCase())) out.push(join(full, e.name));
    }
  }
  return out;
}

/** Imports each file in its own transaction; one file's failure leaves the others imported. */
export async function importFiles(ws: Workspace, paths: string[], options: ImportOptions = {}, hooks: ImportHooks = {}): Promise<ImportFileResult[]> {
  const results: ImportFileResult[] = [];
  for (const path of expandPaths(paths)) {
    if (hooks.signal?.aborted) break;
    results.push(isBoundaryFile(path) ? importBoundaryFile(ws, path) : await importFile(ws, path, options, hooks));
  }
  // The data-quality report of each dataset imported into, as a summary on its last result; never fails the import.
  if (!hooks.signal?.aborted) checkImported(ws.db, results);
  return results;
}
