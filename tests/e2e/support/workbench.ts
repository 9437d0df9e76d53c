// The workbench as a test drives it: `wardlens serve` on the test's workspace with Chromium
// open at its address, and afterwards both closed and the test's folder removed.
import { rmSync } from 'node:fs';
import { openBrowser, type Session } from './browser';
import { serve, type Served } from './server';

export interface Workbench {
  server: Served;
  s: Session;
}

export async function openWorkbench(db: string): Promise<Workbench> {
  const server = await serve(db);
  try {
    const s = await openBrowser();
    await s.page.goto(server.url);
    return { server, s };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** Whatever the set-up opened is closed, also when it failed part-way; a stopped server stays stopped. */
export async function closeWorkbench(w: Partial<Workbench>, dir: string | undefined): Promise<void> {
  await w.s?.close();
  await w.server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
