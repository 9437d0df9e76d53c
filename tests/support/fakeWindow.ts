/**
 * The windows, pages and sessions of the fake Electron (tests/support/fakeElectron.ts): each
 * records what the shell does to it and behaves as Electron's does where the shell relies on
 * it (a window only once the app is ready, 'close' then 'closed' then 'window-all-closed',
 * nothing sent to a page once it has gone).
 */
import { EventEmitter } from 'node:events';
import type { FakeElectron } from './fakeElectron';
import { cloned, type Handler, type Rect } from './fakeIpc';
import type { FakeRenderer } from './fakePreload';

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  /** The page's preload, when the test has loaded one: what is sent reaches its ipcRenderer. */
  page: FakeRenderer | null = null;
  readonly scriptsRun: string[] = [];
  readonly printed: Record<string, unknown>[] = [];

  constructor(private readonly electron: FakeElectron) {
    super();
  }

  /** Sends tried after the page had gone (each threw, as Electron's does). */
  sendsAfterDestroyed = 0;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) {
      this.sendsAfterDestroyed++;
      throw new TypeError('Object has been destroyed');
    }
    this.sent.push({ channel, args: cloned(args) });
    this.page?.fromMain(channel, ...args);
  }

  /** What was sent on a channel, in order. */
  sentOn(channel: string): unknown[][] {
    return this.sent.filter((m) => m.channel === channel).map((m) => m.args);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Chromium runs the page's script: the answer comes from the test's stand-in page. */
  executeJavaScript(code: string): Promise<unknown> {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
    this.scriptsRun.push(code);
    return Promise.resolve(this.electron.chromium.run(code));
  }

  printToPDF(options: Record<string, unknown>): Promise<Uint8Array> {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
    this.printed.push(options);
    return Promise.resolve(this.electron.chromium.print());
  }

  /** Fires a navigation-type event as Chromium would; true when the shell prevented it. */
  attempt(event: string, url?: string): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export class FakeWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  bounds: Rect;
  maximised = false;
  shown = false;
  destroyed = false;
  title: string;
  loadedUrl: string | null = null;
  loadedFile: string | null = null;

  constructor(
    private readonly electron: FakeElectron,
    readonly options: Record<string, unknown>,
  ) {
    super();
    if (!electron.ready) throw new Error('Cannot create BrowserWindow before app is ready');
    this.webContents = new FakeWebContents(electron);
    const width = (options.width as number | undefined) ?? 800;
    const height = (options.height as number | undefined) ?? 600;
    const work = electron.displays[0]!.workArea;
    this.bounds = {
      x: (options.x as number | undefined) ?? work.x + Math.round((work.width - width) / 2),
      y: (options.y as number | undefined) ?? work.y + Math.round((work.height - height) / 2),
      width,
      height,
    };
    this.title = String(options.title ?? '');
    this.shown = options.show !== false;
    electron.windows.push(this);
    electron.windowsMade.push(this);
    electron.app.emit('browser-window-created', {}, this);
    electron.app.emit('web-contents-created', {}, this.webContents);
  }

  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    return Promise.resolve();
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.emit('did-finish-load');
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }

  setTitle(title: string): void {
    this.title = title;
  }
  show(): void {
    this.shown = true;
  }
  maximize(): void {
    this.maximised = true;
  }
  isMaximized(): boolean {
    return this.maximised;
  }
  /** The analyst moves or resizes the window. */
  setBounds(bounds: Partial<Rect>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The analyst closes the window: 'close' (preventable), then 'closed', then the app's 'window-all-closed'. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }

  /** Gone at once, with no 'close' event to stop it. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    this.electron.windows.splice(this.electron.windows.indexOf(this), 1);
    // Electron says nothing of the last window closing when it closed because the app is quitting.
    if (this.electron.windows.length === 0 && !this.electron.quitting)
      this.electron.app.emit('window-all-closed', {});
  }
}

export class FakeSession {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  devicePermissionHandler: Handler | null = null;
  beforeRequest: Handler | null = null;
  readonly webRequest = { onBeforeRequest: (h: Handler) => void (this.beforeRequest = h) };

  setPermissionRequestHandler(h: Handler): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: Handler): void {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: Handler): void {
    this.devicePermissionHandler = h;
  }
}
