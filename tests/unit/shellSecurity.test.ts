// Pins the desktop shell's security policy: isolated, sandboxed, no Node in the page, no
// navigation, windows, webviews or permissions, and a CSP with no remote origin.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, denyPermissions, hardenContents, isAppFrame, secureWebPreferences } from '../../src/main/security';
import { repoRoot } from '../support/data';

describe('the desktop shell’s security policy', () => {
  it('isolates and sandboxes the page, with no Node integration anywhere', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('denies navigation, redirects, webviews and new windows', () => {
    const handlers = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    hardenContents({
      on: (event: string, listener: (e: { preventDefault(): void }, url?: string) => void) => handlers.set(event, listener),
      setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => (openHandler = h),
    } as never);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      handlers.get(event)!({ preventDefault: () => (prevented = true) }, 'https://example.org/');
      expect(prevented, event).toBe(true);
    }
    expect(openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });

  it('grants no permission, whatever is asked', () => {
    let request: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    denyPermissions({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      request!(null, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(check!()).toBe(false);
  });

  it('answers IPC only for the app’s own page', () => {
    expect(isAppFrame(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAppFrame('https://wardlens.example/')).toBe(false);
    expect(isAppFrame('wardlens://app.evil/')).toBe(false);
    expect(isAppFrame(undefined)).toBe(false);
  });

  it('allows no remote origin, no inline or eval’d script, no framing', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-eval/);
  });

  it('is the policy the shell actually uses', () => {
    const main = readFileSync(path.join(repoRoot, 'src/main/main.ts'), 'utf8');
    expect(main).toMatch(/webPreferences: secureWebPreferences\(/);
    expect(main).toMatch(/hardenContents\(window\.webContents\)/);
    expect(main).toMatch(/app\.on\('web-contents-created', \(_e, contents\) => hardenContents\(contents\)\)/);
    expect(main).toMatch(/denyPermissions\(session\.defaultSession\)/);
    expect(main).toMatch(/app\.enableSandbox\(\)/);
    const preload = readFileSync(path.join(repoRoot, 'src/preload/preload.ts'), 'utf8');
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\('wardlens', bridge\)/);
    expect(preload.match(/exposeInMainWorld/g)).toHaveLength(1);
  });
});
