// Pins the desktop shell's security policy: isolated, sandboxed, no Node in the page, no
// navigation, windows, webviews or permissions, and a CSP with no remote origin.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  denyPermissions,
  hardenContents,
  isAppFrame,
  rendererFile,
  secureWebPreferences,
  SECURITY_HEADERS,
} from '../../src/main/security';
import { loadState } from '../../src/main/state';
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
      devTools: false,
    });
    expect(secureWebPreferences('/app/preload.cjs', { devTools: true }).devTools).toBe(true);
  });

  it('packages with Electron fuses that stop the binary being run as plain Node or loading other code', () => {
    const yml = readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8');
    for (const fuse of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'enableEmbeddedAsarIntegrityValidation: true',
      'onlyLoadAppFromAsar: true',
    ]) {
      expect(yml).toContain(fuse);
    }
  });

  it('denies navigation, redirects, webviews and new windows', () => {
    const handlers = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    hardenContents({
      on: (event: string, listener: (e: { preventDefault(): void }, url?: string) => void) =>
        handlers.set(event, listener),
      setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => (openHandler = h),
    } as never);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      handlers.get(event)!({ preventDefault: () => (prevented = true) }, 'https://example.org/');
      expect(prevented, event).toBe(true);
    }
    expect(openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });

  it('grants no permission, whatever is asked', () => {
    let request: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    let device: (() => boolean) | null = null;
    denyPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      setDevicePermissionHandler: (h) => (device = h),
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      request!(null, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(check!()).toBe(false);
    expect(device!()).toBe(false);
  });

  it('serves only files inside the renderer folder, only to GET and HEAD, only for its own host', () => {
    const dir = path.resolve('/opt/wardlens/renderer');
    expect(rendererFile(dir, 'GET', `${APP_ORIGIN}/`)).toBe(path.join(dir, 'index.html'));
    expect(rendererFile(dir, 'GET', `${APP_ORIGIN}/assets/index-1.js`)).toBe(
      path.join(dir, 'assets', 'index-1.js'),
    );
    expect(rendererFile(dir, 'HEAD', `${APP_ORIGIN}/index.html`)).toBe(path.join(dir, 'index.html'));
    // The URL parser itself folds a plain or %2e-spelt "..", so those stay inside the folder…
    expect(rendererFile(dir, 'GET', `${APP_ORIGIN}/../main/main.cjs`)).toBe(
      path.join(dir, 'main', 'main.cjs'),
    );
    expect(rendererFile(dir, 'GET', `${APP_ORIGIN}/%2e%2e/main/main.cjs`)).toBe(
      path.join(dir, 'main', 'main.cjs'),
    );
    // …but an encoded slash is only decoded afterwards, and must not climb out.
    for (const url of [
      `${APP_ORIGIN}/assets/..%2f..%2f..%2fetc/passwd`,
      `${APP_ORIGIN}/..%2fmain%2fmain.cjs`,
      `${APP_ORIGIN}/%E0%A4%A`,
      `${APP_ORIGIN}/index.html%00.js`,
      'wardlens://elsewhere/index.html',
      'file:///etc/passwd',
    ])
      expect(rendererFile(dir, 'GET', url), url).toBeNull();
    expect(rendererFile(dir, 'POST', `${APP_ORIGIN}/index.html`)).toBeNull();
  });

  it('sends the CSP, nosniff and no referrer with every file', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(SECURITY_HEADERS['Referrer-Policy']).toBe('no-referrer');
    const protocolSource = readFileSync(path.join(repoRoot, 'src/main/appProtocol.ts'), 'utf8');
    expect(protocolSource).toMatch(/rendererFile\(rendererDir, request\.method, request\.url\)/);
    expect(protocolSource).toMatch(/SECURITY_HEADERS/);
  });

  it('drops anything odd in the remembered window state rather than trusting it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wardlens-state-'));
    const file = path.join(dir, 'window-state.json');
    try {
      writeFileSync(
        file,
        JSON.stringify({
          bounds: { x: 'left', y: 10, width: 1e9, height: 700 },
          maximised: 'yes',
          lastWorkspace: 42,
          recentWorkspaces: ['/data/a.sqlite', 7, null, '/data/b.sqlite'],
        }),
      );
      expect(loadState(file)).toEqual({ recentWorkspaces: ['/data/a.sqlite', '/data/b.sqlite'] });
      writeFileSync(
        file,
        JSON.stringify({
          bounds: { x: -20, y: 30, width: 1366, height: 768 },
          maximised: false,
          lastWorkspace: '/data/a.sqlite',
          recentWorkspaces: [],
        }),
      );
      expect(loadState(file)).toEqual({
        bounds: { x: -20, y: 30, width: 1366, height: 768 },
        maximised: false,
        lastWorkspace: '/data/a.sqlite',
        recentWorkspaces: [],
      });
      writeFileSync(file, '{"bounds": ');
      expect(loadState(file)).toEqual({ recentWorkspaces: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers IPC only for the app’s own page', () => {
    expect(isAppFrame(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAppFrame('https://wardlens.example/')).toBe(false);
    expect(isAppFrame('wardlens://app.evil/')).toBe(false);
    expect(isAppFrame(undefined)).toBe(false);
  });

  it('allows no remote origin, no inline or eval’d script, no framing', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
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
