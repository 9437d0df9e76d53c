/**
 * A stand-in for the `electron` module, so the real shell bundles (dist/main/main.cjs and
 * dist/preload/preload.cjs) can run under plain Node where no Electron binary can be had.
 * It records what the shell asks of Electron (windows, menus, IPC handlers, the app
 * protocol, permission handlers, dialogs, messages to the page) and holds the shell to the
 * rules real Electron enforces, so a shell that broke them would fail here too: no window,
 * session, screen or protocol handler before the app is ready, no scheme registration or
 * sandbox switch after it, one handler per IPC channel and per scheme, nothing sent to a
 * closed page, arguments and answers structured-cloned across IPC. Dialogs answer from a
 * script the test writes; an unscripted dialog is an error. Reading a member Electron has
 * but this stand-in lacks is an error too, never a silent `undefined`.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloned, strict, type Handler, type Rect } from './fakeIpc';
import { FakeSession, FakeWindow } from './fakeWindow';

export { FakeSession, FakeWindow };
export type { FakeWebContents } from './fakeWindow';
export { FakeRenderer, runPreloadBundle } from './fakePreload';

export interface MenuItem {
  label?: string;
  role?: string;
  type?: string;
  enabled?: boolean;
  accelerator?: string;
  submenu?: MenuItem[];
  click?: (item: MenuItem, window: FakeWindow | undefined, event: object) => void;
}

export interface DialogCall {
  kind: 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox' | 'showErrorBox';
  options: Record<string, unknown>;
  /** Whether the dialog was given the window as its parent (so it is modal to it). */
  modal: boolean;
}

export interface FakeElectronOptions {
  /** app.getPath('userData'): where the shell keeps its window state. */
  userData: string;
  /** app.getAppPath(): the folder holding package.json and dist/. */
  appPath: string;
}

/** The main process's side of Electron, recording everything the shell does. */
export class FakeElectron {
  ready = false;
  sandboxEnabled = false;
  /** app.quit() calls, and whether the process has ended (Electron ends it after 'will-quit'). */
  quitCount = 0;
  quitting = false;
  exited = false;
  readonly windows: FakeWindow[] = [];
  /** Every window ever made, closed ones too. */
  readonly windowsMade: FakeWindow[] = [];
  readonly privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[] = [];
  readonly protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  readonly fetched: string[] = [];
  readonly invokeHandlers = new Map<string, Handler>();
  readonly menus: MenuItem[][] = [];
  applicationMenu: MenuItem[] | null = null;
  readonly dialogCalls: DialogCall[] = [];
  readonly openedPaths: string[] = [];
  readonly defaultSession = new FakeSession();
  readonly partitions = new Map<string, FakeSession>();
  displays: { workArea: Rect }[] = [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
  /** What a hidden window's page answers to executeJavaScript, and what printing it gives. */
  chromium: { run: (code: string) => unknown; print: () => Uint8Array } = {
    run: (code) => {
      throw new Error(`No page script answers ${code.slice(0, 80)}`);
    },
    print: () => {
      throw new Error('No PDF scripted');
    },
  };
  private readonly dialogScript = new Map<DialogCall['kind'], unknown[]>();
  private readonly readyWaiters: (() => void)[] = [];

  readonly app = Object.assign(new EventEmitter(), {
    whenReady: () => (this.ready ? Promise.resolve() : new Promise<void>((r) => this.readyWaiters.push(r))),
    isReady: () => this.ready,
    enableSandbox: () => {
      if (this.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
      this.sandboxEnabled = true;
    },
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`The fake app.getPath knows only "userData", not "${name}"`);
      return this.options.userData;
    },
    getAppPath: () => this.options.appPath,
    getVersion: () => this.version,
    getName: () => 'Wardlens',
    isPackaged: false,
    quit: () => this.quit(),
  });

  readonly ipcMain = Object.assign(new EventEmitter(), {
    handle: (channel: string, handler: Handler) => {
      if (this.invokeHandlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.invokeHandlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void this.invokeHandlers.delete(channel),
  });

  readonly protocol = {
    registerSchemesAsPrivileged: (schemes: { scheme: string; privileges: Record<string, boolean> }[]) => {
      if (this.ready)
        throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      this.privilegedSchemes.push(...schemes);
    },
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
      this.mustBeReady('protocol.handle');
      if (this.protocolHandlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
      this.protocolHandlers.set(scheme, handler);
    },
  };

  /** Electron's net.fetch, for the only kind of URL the shell may fetch: its own files. */
  readonly net = {
    fetch: async (url: string) => {
      this.fetched.push(url);
      if (!url.startsWith('file:')) throw new Error(`The shell fetched a non-file URL: ${url}`);
      const bytes = await readFile(fileURLToPath(url)).catch(() => {
        throw new Error('net::ERR_FILE_NOT_FOUND');
      });
      return new Response(bytes, { status: 200, headers: { 'Content-Type': mimeType(url) } });
    },
  };

  readonly Menu = {
    buildFromTemplate: (template: MenuItem[]) => {
      checkTemplate(template);
      this.menus.push(template);
      return template;
    },
    setApplicationMenu: (menu: MenuItem[] | null) => void (this.applicationMenu = menu),
    getApplicationMenu: () => this.applicationMenu,
  };

  readonly dialog = {
    showOpenDialog: (...a: unknown[]) => this.dialogAnswer('showOpenDialog', a),
    showSaveDialog: (...a: unknown[]) => this.dialogAnswer('showSaveDialog', a),
    showMessageBox: (...a: unknown[]) => this.dialogAnswer('showMessageBox', a),
    showErrorBox: (title: string, content: string) =>
      void this.dialogCalls.push({ kind: 'showErrorBox', options: { title, content }, modal: false }),
  };

  readonly shell = {
    openPath: (p: string) => {
      this.openedPaths.push(p);
      return Promise.resolve('');
    },
  };

  private readonly version: string;

  constructor(private readonly options: FakeElectronOptions) {
    const pkg = JSON.parse(readFileSync(path.join(options.appPath, 'package.json'), 'utf8')) as {
      version: string;
    };
    this.version = pkg.version;
  }

  /** The module the shell gets from `require('electron')`. */
  module(): object {
    const electron = {
      app: this.app,
      BrowserWindow: browserWindowClass(this),
      dialog: this.dialog,
      ipcMain: this.ipcMain,
      Menu: this.Menu,
      net: this.net,
      protocol: this.protocol,
      shell: this.shell,
    };
    // Read on use, as Electron's are, so that using them before ready is caught.
    Object.defineProperties(electron, {
      screen: { get: () => this.screen(), enumerable: true },
      session: { get: () => this.sessionModule(), enumerable: true },
    });
    return strict(electron, 'electron module');
  }

  /**
   * app.quit() as Electron runs it: 'before-quit', then every window is closed (with no
   * 'window-all-closed'), then 'will-quit', then the process ends; a listener may stop it at
   * either event by preventDefault.
   */
  private quit(): void {
    this.quitCount++;
    if (this.exited || preventedBy((e) => this.app.emit('before-quit', e))) return;
    this.quitting = true;
    try {
      for (const window of [...this.windows]) window.close();
    } finally {
      this.quitting = false;
    }
    if (this.windows.length || preventedBy((e) => this.app.emit('will-quit', e))) return;
    this.exited = true;
    this.app.emit('quit', {}, 0);
  }

  /** The app becomes ready, as Electron's 'ready' event. */
  start(): void {
    this.ready = true;
    this.app.emit('ready', {});
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  /** The next answer a dialog of this kind gives (each answer is used once). */
  answer(kind: 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox', value: unknown): void {
    this.dialogScript.set(kind, [...(this.dialogScript.get(kind) ?? []), value]);
  }

  /** The page (from a frame at `frameUrl`) calls ipcRenderer.invoke(channel, ...args). */
  async invoke(channel: string, frameUrl: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.invokeHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return cloned(await handler(this.ipcEvent(frameUrl), ...cloned(args)));
  }

  /** The page (from a frame at `frameUrl`) calls ipcRenderer.send(channel, ...args). */
  send(channel: string, frameUrl: string, ...args: unknown[]): void {
    this.ipcMain.emit(channel, this.ipcEvent(frameUrl), ...cloned(args));
  }

  /** A request to a scheme the shell handles, as the page's loader would make it. */
  request(url: string, method = 'GET'): Promise<Response> {
    const handler = this.protocolHandlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`No protocol handler for ${url}`);
    return handler(new Request(url, { method }));
  }

  /** The top-level item of the application menu with this label (or role), then down its submenus. */
  menuItem(...labels: string[]): MenuItem {
    let items = this.applicationMenu ?? [];
    let found: MenuItem | undefined;
    for (const label of labels) {
      found = items.find((i) => i.label === label || i.role?.toLowerCase() === label.toLowerCase());
      if (!found) throw new Error(`No menu item "${label}" in ${labels.join(' › ')}`);
      items = found.submenu ?? [];
    }
    return found!;
  }

  click(...labels: string[]): void {
    const item = this.menuItem(...labels);
    if (!item.click) throw new Error(`The menu item ${labels.join(' › ')} does nothing when clicked`);
    item.click(item, this.windows[0], {});
  }

  /** Waits until `check` holds (the shell works asynchronously, as Electron's does). */
  async until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private ipcEvent(frameUrl: string) {
    const sender = this.windows[0]?.webContents;
    if (!sender) throw new Error('There is no window to send from');
    return { sender, senderFrame: { url: frameUrl }, frameId: 1, processId: 1 };
  }

  private dialogAnswer(kind: DialogCall['kind'], a: unknown[]): Promise<unknown> {
    this.mustBeReady(`dialog.${kind}`);
    const modal = a[0] instanceof FakeWindow;
    const options = (modal ? a[1] : a[0]) as Record<string, unknown>;
    this.dialogCalls.push({ kind, options, modal });
    const queued = this.dialogScript.get(kind) ?? [];
    if (!queued.length) return Promise.reject(new Error(`Unscripted ${kind}: ${String(options.title)}`));
    return Promise.resolve(queued.shift());
  }

  private mustBeReady(what: string): void {
    if (!this.ready) throw new Error(`${what} cannot be used before the app is ready`);
  }

  private screen() {
    this.mustBeReady('screen');
    return {
      getDisplayMatching: (rect: Rect) =>
        this.displays.reduce((best, d) =>
          overlap(d.workArea, rect) > overlap(best.workArea, rect) ? d : best,
        ),
      getPrimaryDisplay: () => this.displays[0]!,
    };
  }

  private sessionModule() {
    this.mustBeReady('session');
    return {
      defaultSession: this.defaultSession,
      fromPartition: (partition: string) => {
        const s = this.partitions.get(partition) ?? new FakeSession();
        this.partitions.set(partition, s);
        return s;
      },
    };
  }
}

/** Fires an event with a preventable event object; true when a listener prevented it. */
function preventedBy(fire: (event: { preventDefault(): void }) => void): boolean {
  let prevented = false;
  fire({ preventDefault: () => (prevented = true) });
  return prevented;
}

/** The BrowserWindow class the shell constructs, bound to one fake Electron. */
function browserWindowClass(electron: FakeElectron) {
  return class BrowserWindow extends FakeWindow {
    constructor(options: Record<string, unknown>) {
      super(electron, options);
    }
  };
}

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

function mimeType(url: string): string {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  return types[path.extname(new URL(url).pathname)] ?? 'application/octet-stream';
}

/** Electron refuses an item that is neither labelled, a role nor a separator. */
function checkTemplate(items: MenuItem[]): void {
  for (const item of items) {
    if (!item.label && !item.role && item.type !== 'separator')
      throw new Error(`A menu item has no label, role or type: ${JSON.stringify(item)}`);
    if (item.submenu) checkTemplate(item.submenu);
  }
}

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };

/**
 * Runs a CommonJS bundle with `require('electron')` answered by the fake. Each call runs the
 * bundle afresh (its top-level code again), as a new start of the app would.
 */
export function runMainBundle(bundle: string, electron: FakeElectron): void {
  const original = loader._load;
  const electronModule = electron.module();
  loader._load = function (request, parent, isMain) {
    if (request === 'electron') return electronModule;
    return original.call(this, request, parent, isMain);
  };
  const require = Module.createRequire(bundle);
  delete require.cache[bundle];
  try {
    require(bundle);
  } finally {
    // The bundle required 'electron' once, at its top: later requires get Node's own loader back.
    loader._load = original;
  }
}
