/**
 * The desktop app's one security policy. The page gets no Node, runs sandboxed and
 * context-isolated, may not navigate, open windows, attach webviews or get permissions,
 * and loads only the app's own files under a strict Content-Security-Policy.
 * Written against small structural types so the tests can pin it without Electron.
 */
import { join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shared/security';

export const APP_SCHEME = 'wardlens';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export { CONTENT_SECURITY_POLICY };

/** Every window's isolation, the app's and the hidden PDF window's alike (pdf.ts). */
export const ISOLATED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

/** DevTools only when started with --dev: a packaged app gives a passer-by no console onto the data. */
export function secureWebPreferences(preload: string, options: { devTools?: boolean } = {}) {
  return { preload, devTools: options.devTools ?? false, ...ISOLATED_WEB_PREFERENCES } as const;
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The slice of WebContents the policy touches. */
export interface HardenableContents {
  on(
    event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect',
    listener: (e: PreventableEvent, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (e: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  /** USB, serial and HID devices: a separate gate from the permission handlers. */
  setDevicePermissionHandler(handler: () => boolean): void;
}

/** The page can never leave the app: no navigation, no new windows, no webviews. */
export function hardenContents(contents: HardenableContents): void {
  contents.on('will-navigate', (e) => e.preventDefault());
  // will-navigate is for the top frame only; a frame (were one ever let in) is held the same way.
  contents.on('will-frame-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No camera, microphone, location, notifications, clipboard-read … ever. */
export function denyPermissions(session: HardenableSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** IPC is answered only for our own page, never for anything else that might get loaded. */
export function isAppFrame(url: string | undefined): boolean {
  return typeof url === 'string' && (url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`));
}

/** Sent with every file of the app's own protocol. */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/**
 * The file inside the renderer folder that a request asks for, or null: only GET and HEAD,
 * only the app's own host, nothing outside the folder (../, encoded or not, or a NUL byte).
 */
export function rendererFile(rendererDir: string, method: string, url: string): string | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  let pathname: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== 'app') return null;
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null; // a malformed URL or %-escape
  }
  if (pathname.includes('\0')) return null;
  const root = normalize(rendererDir);
  const file = normalize(join(root, pathname === '/' ? '/index.html' : pathname));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}
