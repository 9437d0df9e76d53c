// A worker thread that imports one file at a time into a given workspace, as the engine's own
// worker does (importFiles over openWorkspace), so a test can stop an import that runs past
// its time limit: terminating a worker interrupts even a loop that never yields. Bundled by
// setup.ts (esbuild) to test-results/reliability/import-worker.mjs; loaded once, used for many files.
import { parentPort } from 'node:worker_threads';
import { toApiError } from '../../src/core/errors';
import { importFiles } from '../../src/core/importers/importFiles';
import { openWorkspace } from '../../src/core/store/workspace';
import type { ImportOptions } from '../../src/shared/importing';

export interface ImportRequest {
  id: number;
  dbPath: string;
  file: string;
  options?: ImportOptions;
}

parentPort!.on('message', (m: ImportRequest) => {
  void (async () => {
    try {
      const ws = openWorkspace(m.dbPath);
      let result;
      try {
        [result] = await importFiles(ws, [m.file], m.options ?? {});
      } finally {
        ws.close(); // before answering: the test reads the closed file
      }
      parentPort!.postMessage({ id: m.id, result });
    } catch (err) {
      // importFiles reports a file's failure in its result; this is anything that escaped it.
      parentPort!.postMessage({ id: m.id, escaped: toApiError(err) });
    }
  })();
});
