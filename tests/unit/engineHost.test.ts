// The engine host's bookkeeping of calls: a call whose arguments cannot be copied to the
// engine's thread is refused and forgotten at once, and a thread that stops refuses every
// waiting call and every later one. The thread here is a small stand-in speaking the
// host's message protocol (src/core/worker/protocol.ts), so that it can be made to stop
// at a chosen moment; the real engine's answers are covered by the integration tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WardlensError } from '../../src/core/errors';
import { EngineHost } from '../../src/core/worker/host';

const dir = mkdtempSync(path.join(tmpdir(), 'wardlens-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Answers 'workspace/info' at once, never answers 'pivot/run' (a long call), and on
 * 'import/files' ends its thread with process.exit, as a crash in a native module would.
 */
const standIn = path.join(dir, 'stand-in-worker.mjs');
writeFileSync(
  standIn,
  `import { parentPort, workerData } from 'node:worker_threads';
if (workerData.workspacePath === 'exit-before-ready') process.exit(3);
parentPort.postMessage({ type: 'ready', workspacePath: workerData.workspacePath });
parentPort.on('message', (m) => {
  if (m.type === 'close') { parentPort.postMessage({ type: 'closed' }); parentPort.close(); return; }
  if (m.type !== 'invoke') return;
  if (m.method === 'workspace/info') parentPort.postMessage({ type: 'result', id: m.id, result: { echoed: m.args } });
  if (m.method === 'import/files') process.exit(1);
});
`,
);

const hosts: EngineHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});
async function started(workspacePath = 'test.wardlens.sqlite'): Promise<EngineHost> {
  const host = new EngineHost(standIn, { workspacePath });
  hosts.push(host);
  expect(await host.ready).toBe(workspacePath);
  return host;
}

describe('EngineHost', () => {
  it('answers a call and forgets it', async () => {
    const host = await started();
    const call = host.invoke('workspace/info', {} as never);
    expect(await call.result).toEqual({ echoed: {} });
    expect(host.waiting).toBe(0);
  });

  it('refuses a call whose arguments cannot be copied to the thread, and forgets it', async () => {
    const host = await started();
    const call = host.invoke('pivot/run', { dataset: 'mps-ward', format: () => 'x' } as never);
    await expect(call.result).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/^The call could not be passed to the engine: .*could not be cloned/),
    });
    expect(host.waiting).toBe(0);
    // The thread is unharmed: the next call is answered.
    expect(await host.invoke('workspace/info', { n: 1 } as never).result).toEqual({ echoed: { n: 1 } });
  });

  it('when the thread stops, every waiting call is refused, and every later one at once', async () => {
    const host = await started();
    const long = [host.invoke('pivot/run', {} as never), host.invoke('pivot/run', {} as never)];
    expect(host.waiting).toBe(2);
    const crash = host.invoke('import/files', { paths: [] } as never);
    for (const c of [...long, crash]) {
      await expect(c.result).rejects.toMatchObject({ code: 'internal', message: 'The engine stopped.' });
    }
    expect(host.waiting).toBe(0);
    const later = host.invoke('workspace/info', {} as never);
    await expect(later.result).rejects.toBeInstanceOf(WardlensError);
    expect(host.waiting).toBe(0);
    host.cancel(later.id); // nothing to send to, and no error
    await host.close(); // returns, though the thread has gone
  });

  it('a thread that ends before the workspace opens rejects `ready` rather than leave it waiting', async () => {
    const host = new EngineHost(standIn, { workspacePath: 'exit-before-ready' });
    await expect(host.ready).rejects.toMatchObject({ code: 'internal' });
    await expect(host.invoke('workspace/info', {} as never).result).rejects.toBeInstanceOf(WardlensError);
    await host.close();
  });
});
