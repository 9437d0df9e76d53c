/** `wardlens serve`: browser mode, the app's renderer and API on 127.0.0.1 with a per-run token. */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WardlensError } from '../core/errors';
import { defaultWorkspacePath } from '../core/store/workspace';
import { EngineHost } from '../core/worker/host';
import { startServer } from './server/server';
import { newToken } from './server/security';

/** Files the bundle ships beside itself: dist/cli/wardlens.js → dist/core/worker.js, dist/renderer/. */
const besideBundle = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export async function serve(options: { db?: string; port?: string }): Promise<void> {
  const rendererDir = besideBundle('../renderer');
  if (!existsSync(`${rendererDir}/index.html`)) {
    throw new WardlensError('not-found', 'The app has not been built: run `npm run build` (or `npm run serve`, which builds first).');
  }
  const engine = new EngineHost(besideBundle('../core/worker.js'), { workspacePath: options.db ?? defaultWorkspacePath() });
  const workspacePath = await engine.ready;
  const token = newToken();
  const { port, close } = await startServer({ engine, rendererDir, token, port: Number(options.port ?? 0) });
  console.log(`Wardlens is serving ${workspacePath}`);
  console.log(`Open this address in your browser (it works only on this computer):\n\n  http://127.0.0.1:${port}/#token=${token}\n`);
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await close();
    await engine.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

export function addServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Browser mode: serve the app on 127.0.0.1 and print the address to open.')
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .option('--port <n>', 'port to listen on (default: any free port)')
    .action(serve);
}
