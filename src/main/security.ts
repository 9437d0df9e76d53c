/**
 * The desktop app's one security policy. The page gets no Node, runs sandboxed and
 * context-isolated, may not navigate, open windows, attach webviews or get permissions,
 * and loads only the app's own files under a strict Content-Security-Policy.
 * Written against small structural types so the tests can pin it without Electron.
 */
import { CONTENT_SECURITY_POLICY } from '../shared/security';

export const APP_SCHEME = 'wardlens';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export { CONTENT_SECURITY_POLICY };

export function secureWebPreferences(preload: string) {
  return {
    preload,
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
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The slice of WebContents the policy touches. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (e: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface HardenableSession {
  setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/** The page can never leave the app: no navigation, no new windows, no webviews. */
export function hardenContents(contents: HardenableContents): void {
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No camera, microphone, location, notifications, clipboard-read … ever. */
export function denyPermissions(session: HardenableSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** IPC is answered only for our own page, never for anything else that might get loaded. */
export function isAppFrame(url: string | undefined): boolean {
  return typeof url === 'string' && (url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`));
}
