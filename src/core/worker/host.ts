/**
 * Hosting the engine's worker thread: a typed client over the message protocol, used by
 * the Electron main process and by `wardlens serve` alike.
 */
import { Worker } from 'node:worker_threads';
import type { Args, MethodName, Result } from '../../shared/api';
import type { ApiError } from '../../shared/errors';
import type { ImportProgress } from '../../shared/importing';
import { WardlensError } from '../errors';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: WardlensError) => void;
  onProgress?: (p: ImportProgress) => void;
}

const asError = (e: ApiError) => new WardlensError(e.code, e.message, e.details);

export class EngineHost {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  readonly ready: Promise<string>;

  /** @param workerFile the bundled worker (dist/core/worker.js). */
  constructor(workerFile: string, config: WorkerConfig) {
    this.worker = new Worker(workerFile, { workerData: config });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (m.type === 'ready') resolve(m.workspacePath);
        else if (m.type === 'failed-to-open') reject(asError(m.error));
        else return;
        this.worker.off('message', onMessage);
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', (err) => reject(err));
    });
    this.worker.on('message', (m: FromWorker) => this.receive(m));
    this.worker.on('error', (err) => this.failAll(new WardlensError('internal', `The engine stopped: ${err.message}`)));
    this.worker.on('exit', () => this.failAll(new WardlensError('internal', 'The engine stopped.')));
  }

  invoke<K extends MethodName>(method: K, args: Args<K>, onProgress?: (p: ImportProgress) => void): { id: number; result: Promise<Result<K>> } {
    const id = this.nextId++;
    const result = new Promise<Result<K>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
    });
    this.post({ type: 'invoke', id, method, args });
    return { id, result };
  }

  cancel(id: number): void {
    this.post({ type: 'cancel', id });
  }

  /** Finishes running calls, closes the workspace cleanly (checkpointing the WAL), stops the thread. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => {
      this.worker.on('message', (m: FromWorker) => m.type === 'closed' && resolve());
      this.worker.once('exit', () => resolve());
    });
    this.post({ type: 'close' });
    await closed;
    await this.worker.terminate();
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(m: FromWorker): void {
    if (m.type !== 'progress' && m.type !== 'result' && m.type !== 'error') return;
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') p.onProgress?.(m.progress);
    else {
      this.pending.delete(m.id);
      if (m.type === 'result') p.resolve(m.result);
      else p.reject(asError(m.error));
    }
  }

  private failAll(error: WardlensError): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
