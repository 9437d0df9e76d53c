// Debian's Chromium driven by playwright-core: never a downloaded browser, a fresh profile
// every time, nothing phoning home. Every request the page makes is recorded, and so is
// every console error (a blocked script or style under the CSP shows up there).
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureScreenshotDir, tempDir } from './paths';

export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for, in order. */
  requests: string[];
  /** Console errors and CSP violations. */
  problems: string[];
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Session> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const profile = tempDir('profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  const problems: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // As text, not a function: this file is type-checked for Node, where there is no `document`.
  await page.addInitScript({
    content:
      "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
  });
  const shots = ensureScreenshotDir();
  return {
    context,
    page,
    requests,
    problems,
    async screenshot(name, options) {
      const file = path.join(shots, `${name}.png`);
      // From the top of the view, as the analyst first sees it (a click may have scrolled it).
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: file, fullPage: options?.fullPage ?? false });
      return file;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
