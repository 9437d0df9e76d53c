/**
 * Running an import: recognised files go in one call, each mapped file in a call of its own
 * (its mapping and dataset name are its own). Progress streams in; Cancel aborts the call
 * under way and skips the rest.
 */
import { useCallback, useRef, useState } from 'react';
import type { ImportFileResult, ImportOptions, ImportProgress } from '../../../shared/importing';
import type { ApiError } from '../../../shared/errors';
import { asApiError } from '../../api/errors';
import { useWorkbench } from '../../api/context';
import type { PendingFile } from './pending';

export interface RunState {
  running: boolean;
  progress: ImportProgress | null;
  /** 1-based number of the call under way, and how many calls in all. */
  step: number;
  steps: number;
  results: ImportFileResult[];
  /** A failure of a whole call (cancelled, or the engine refused it). */
  failure: ApiError | null;
}

const IDLE: RunState = { running: false, progress: null, step: 0, steps: 0, results: [], failure: null };

export function useImportRun(onDone: (imported: PendingFile[]) => void) {
  const { client, refresh } = useWorkbench();
  const [state, setState] = useState<RunState>(IDLE);
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(
    async (files: PendingFile[]) => {
      const recognised = files.filter((f) => f.preview?.format);
      const mapped = files.filter((f) => !f.preview?.format && f.mapping);
      const calls: { files: PendingFile[]; options?: ImportOptions }[] = [
        ...(recognised.length ? [{ files: recognised }] : []),
        ...mapped.map((f) => ({
          files: [f],
          options: { mapping: f.mapping!, dataset: f.datasetName.trim() || undefined },
        })),
      ];
      const controller = new AbortController();
      abort.current = controller;
      const results: ImportFileResult[] = [];
      const done: PendingFile[] = [];
      let failure: ApiError | null = null;
      setState({ ...IDLE, running: true, steps: calls.length });
      for (const [i, call] of calls.entries()) {
        if (controller.signal.aborted) break;
        setState((s) => ({ ...s, step: i + 1, progress: null }));
        try {
          const answer = await client.invoke(
            'import/files',
            { paths: call.files.map((f) => f.path), ...(call.options ? { options: call.options } : {}) },
            { signal: controller.signal, onProgress: (progress) => setState((s) => ({ ...s, progress })) },
          );
          results.push(...answer);
          done.push(...call.files);
          setState((s) => ({ ...s, results: [...results] }));
        } catch (err) {
          failure = asApiError(err);
          break;
        }
      }
      abort.current = null;
      // Say so once: the engine may already report the cancelled file among its results.
      const reported = results.some((r) => r.error?.code === 'cancelled');
      if (controller.signal.aborted && !failure && !reported) {
        failure = { code: 'cancelled', message: 'The import was cancelled.' };
      }
      if (failure?.code === 'cancelled' && reported) failure = null;
      // The workspace summary first, so the Data and Pivot views are current when the result shows.
      await refresh();
      setState((s) => ({ ...s, running: false, progress: null, results, failure }));
      onDone(done);
    },
    [client, refresh, onDone],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);
  const clear = useCallback(() => setState(IDLE), []);
  return { state, start, cancel, clear };
}
