// When a step is over budget, the figures say that it is but not why. With WARDLENS_TRACE set
// to a folder, every step of the walk is recorded as a Chrome trace (main-thread tasks, layout,
// paint and sampled JavaScript), one file a step, to open in Chromium's DevTools Performance
// panel or to summarise with scripts/trace-summary.mjs. Unset, nothing is recorded: tracing
// itself slows the page.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'blink.user_timing',
  'disabled-by-default-v8.cpu_profiler',
].join(',');

export interface Trace {
  stop(): Promise<void>;
}

export async function startTrace(page: Page, name: string): Promise<Trace | null> {
  const folder = process.env.WARDLENS_TRACE;
  if (!folder) return null;
  const cdp = await page.context().newCDPSession(page);
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', (e: { value: unknown[] }) => events.push(...e.value));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  return {
    async stop() {
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      await detach(cdp);
      mkdirSync(folder, { recursive: true });
      const file = path.join(folder, `${name.replace(/[^\w-]+/g, '-')}.json`);
      writeFileSync(file, JSON.stringify({ traceEvents: events }));
    },
  };
}

async function detach(cdp: CDPSession): Promise<void> {
  try {
    await cdp.detach();
  } catch {
    // The page may have gone; the trace is what matters.
  }
}
