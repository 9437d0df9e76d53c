/**
 * Running an import: recognised files go in one call, each mapped file in a call of its own
 * (its mapping and dataset name are its own), each boundary file in a boundaries/import call
 * with its own choices. Progress streams in; Cancel aborts the call under way and skips the
 * rest. A boundary file the engine refuses is reported and stays in the list, so the analyst
 * can make the choice the engine asked for and try again; the other files still go in.
 */
import { useCallback, useRef, useState } from 'react';
import type { ImportFileResult, ImportOptions, ImportProgress } from '../../../shared/importing';
import type { ApiError } from '../../../shared/errors';
import type { BoundaryImportResult } from '../../../shared/geo';
import { asApiError } from '../../api/errors';
import { useWorkbench } from '../../api/context';
import type { PendingFile } from './pending';
import { boundaryOptions } from './boundary';

/** One boundary file's outcome: what was stored, or the engine's refusal in its own words. */
export interface BoundaryOutcome {
  file: string;
  result: BoundaryImportResult | null;
  error: ApiError | null;
}

type Call =
  { kind: 'files'; files: PendingFile[]; options?: ImportOptions } | { kind: 'boundary'; file: PendingFile };

export interface RunState {
  running: boolean;
  progress: ImportProgress | null;
  /** 1-based number of the call under way, and how many calls in all. */
  step: number;
  steps: number;
  results: ImportFileResult[];
  boundaries: BoundaryOutcome[];
  /** The boundary file under way (boundary imports stream no progress). */
  current: string | null;
  /** A failure of a whole call (cancelled, or the engine refused it). */
  failure: ApiError | null;
}

const IDLE: RunState = {
  running: false,
  progress: null,
  step: 0,
  steps: 0,
  results: [],
  boundaries: [],
  current: null,
  failure: null,
};

function plan(files: PendingFile[]): Call[] {
  const tables = files.filter((f) => !f.boundary);
  const recognised = tables.filter((f) => f.preview?.format);
  const mapped = tables.filter((f) => !f.preview?.format && f.mapping);
  return [
    ...(recognised.length ? [{ kind: 'files' as const, files: recognised }] : []),
    ...mapped.map((f) => ({
      kind: 'files' as const,
      files: [f],
      options: { mapping: f.mapping!, dataset: f.datasetName.trim() || undefined },
    })),
    ...files.filter((f) => f.boundary).map((file) => ({ kind: 'boundary' as const, file })),
  ];
}

export function useImportRun(
  onDone: (imported: PendingFile[], refused: { file: PendingFile; error: ApiError }[]) => void,
) {
  const { client, refresh } = useWorkbench();
  const [state, setState] = useState<RunState>(IDLE);
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(
    async (files: PendingFile[]) => {
      const calls = plan(files);
      const controller = new AbortController();
      abort.current = controller;
      const results: ImportFileResult[] = [];
      const boundaries: BoundaryOutcome[] = [];
      const done: PendingFile[] = [];
      const refused: { file: PendingFile; error: ApiError }[] = [];
      let failure: ApiError | null = null;
      setState({ ...IDLE, running: true, steps: calls.length });
      const call = {
        signal: controller.signal,
        onProgress: (progress: ImportProgress) => setState((s) => ({ ...s, progress })),
      };
      for (const [i, c] of calls.entries()) {
        if (controller.signal.aborted) break;
        setState((s) => ({
          ...s,
          step: i + 1,
          progress: null,
          current: c.kind === 'boundary' ? c.file.name : null,
        }));
        try {
          if (c.kind === 'files') {
            const paths = c.files.map((f) => f.path);
            results.push(
              ...(await client.invoke(
                'import/files',
                { paths, ...(c.options ? { options: c.options } : {}) },
                call,
              )),
            );
            done.push(...c.files);
          } else {
            const options = boundaryOptions(c.file.boundary!);
            const result = await client.invoke('boundaries/import', { path: c.file.path, options }, call);
            boundaries.push({ file: c.file.name, result, error: null });
            done.push(c.file);
          }
          setState((s) => ({ ...s, results: [...results], boundaries: [...boundaries] }));
        } catch (err) {
          const error = asApiError(err);
          // A refused boundary file is that file's outcome; the other files still go in.
          if (c.kind === 'boundary' && error.code !== 'cancelled') {
            boundaries.push({ file: c.file.name, result: null, error });
            refused.push({ file: c.file, error });
            setState((s) => ({ ...s, boundaries: [...boundaries] }));
            continue;
          }
          failure = error;
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
      setState((s) => ({
        ...s,
        running: false,
        progress: null,
        current: null,
        results,
        boundaries,
        failure,
      }));
      onDone(done, refused);
    },
    [client, refresh, onDone],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);
  const clear = useCallback(() => setState(IDLE), []);
  return { state, start, cancel, clear };
}
