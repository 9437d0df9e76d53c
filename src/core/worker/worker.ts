/**
 * The engine's thread. better-sqlite3 is synchronous, so the workspace lives here, off the
 * UI thread (and off the HTTP server's event loop): a million-row import never freezes a
 * window. Calls run one at a time, because an import holds the single write transaction.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toApiError, WardlensError } from '../errors';
import { dispatch, isMethod } from '../handlers';
import { openWorkspace, type Workspace } from '../store/workspace';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol';

const port = parentPort!;
const config = workerData as WorkerConfig;
const send = (m: FromWorker) => port.postMessage(m);
const running = new Map<number, AbortController>();
let queue: Promise<void> = Promise.resolve();
let workspace: Workspace | null = null;
try {
  workspace = openWorkspace(config.workspacePath, { nativeBinding: config.nativeBinding });
  send({ type: 'ready', workspacePath: workspace.path });
} catch (err) {
  send({ type: 'failed-to-open', error: toApiError(err) });
}
port.on('message', onMessage);

async function invoke(id: number, method: string, args: unknown): Promise<void> {
  const controller = running.get(id)!;
  try {
    if (!workspace) throw new WardlensError('workspace-invalid', 'No workspace is open.');
    if (!isMethod(method)) throw new WardlensError('bad-request', `There is no method "${method}".`);
    if (controller.signal.aborted) throw new WardlensError('cancelled', 'Cancelled before it started.');
    const result = await dispatch(
      { workspace, signal: controller.signal, onProgress: (progress) => send({ type: 'progress', id, progress }) },
      method,
      args as never,
    );
    send({ type: 'result', id, result });
  } catch (err) {
    send({ type: 'error', id, error: toApiError(err) });
  } finally {
    running.delete(id);
  }
}

function onMessage(message: ToWorker): void {
  if (message.type === 'invoke') {
    running.set(message.id, new AbortController());
    queue = queue.then(() => invoke(message.id, message.method, message.args));
  } else if (message.type === 'cancel') {
    running.get(message.id)?.abort();
  } else if (message.type === 'close') {
    for (const c of running.values()) c.abort();
    void queue.then(() => {
      workspace?.close();
      send({ type: 'closed' });
      port.close();
    });
  }
}
