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
  /** Set once the thread has stopped: later calls are refused at once, not left waiting for an answer that cannot come. */
  private stopped: WardlensError | null = null;
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
      // A thread that ends before it is ready (it exited, or ran out of memory) must not leave `ready` waiting.
      this.worker.once('exit', () => reject(this.stopped ?? new WardlensError('internal', 'The engine stopped before the workspace opened.')));
    });
    this.worker.on('message', (m: FromWorker) => this.receive(m));
    this.worker.on('error', (err) => this.stop(new WardlensError('internal', `The engine stopped: ${err.message}`)));
    this.worker.on('exit', () => this.stop(new WardlensError('internal', 'The engine stopped.')));
  }

  invoke<K extends MethodName>(method: K, args: Args<K>, onProgress?: (p: ImportProgress) => void): { id: number; result: Promise<Result<K>> } {
    const id = this.nextId++;
    if (this.stopped) return { id, result: Promise.reject(this.stopped) };
    const result = new Promise<Result<K>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
    });
    try {
      this.post({ type: 'invoke', id, method, args });
    } catch (err) {
      // Arguments that cannot be copied to the thread (a function, a cycle through a class…): the call never left.
      this.settle(id)?.reject(
        new WardlensError('bad-request', `The call could not be passed to the engine: ${(err as Error).message}`),
      );
    }
    return { id, result };
  }

  cancel(id: number): void {
    if (!this.stopped) this.post({ type: 'cancel', id });
  }

  /** Finishes running calls, closes the workspace cleanly (checkpointing the WAL), stops the thread. */
  async close(): Promise<void> {
    if (this.stopped) return;
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

  /** Takes a call off the pending list, giving it back to be settled. */
  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    return p;
  }

  private receive(m: FromWorker): void {
    if (m.type !== 'progress' && m.type !== 'result' && m.type !== 'error') return;
    if (m.type === 'progress') return void this.pending.get(m.id)?.onProgress?.(m.progress);
    const p = this.settle(m.id);
    if (m.type === 'result') p?.resolve(m.result);
    else p?.reject(asError(m.error));
  }

  /** The thread has gone: every waiting call is refused, and so is any later one. */
  private stop(error: WardlensError): void {
    this.stopped ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  /** How many calls are waiting for an answer (for tests: none may be left behind). */
  get waiting(): number {
    return this.pending.size;
  }
}
