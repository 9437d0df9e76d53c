/** Messages between the engine's worker thread and whoever hosts it (Electron main, `wardlens serve`). */
import type { ApiError } from '../../shared/errors';
import type { ImportProgress } from '../../shared/importing';

export interface WorkerConfig {
  workspacePath: string;
  nativeBinding?: string;
}

export type ToWorker =
  | { type: 'invoke'; id: number; method: string; args: unknown }
  | { type: 'cancel'; id: number }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; workspacePath: string }
  | { type: 'failed-to-open'; error: ApiError }
  | { type: 'progress'; id: number; progress: ImportProgress }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: ApiError }
  | { type: 'closed' };
