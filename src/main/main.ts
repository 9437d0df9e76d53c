/**
 * The Electron shell, and only the shell: one window under the app's security policy, the
 * menu and native dialogs, and IPC wiring to the engine, which runs in a worker thread
 * (the same EngineHost that browser mode uses). Everything else lives in src/core.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  screen,
  session,
  type IpcMainInvokeEvent,
} from 'electron';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { WrittenFile } from '../shared/export';
import type { ImportProgress } from '../shared/importing';
import { toApiError } from '../core/errors';
import { writeFileSafely } from '../core/export/safeWrite';
import { defaultWorkspacePath } from '../core/store/workspace';
import { EngineHost } from '../core/worker/host';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { checkCall, plainError } from './ipcGuard';
import { filesToImport } from './folderFiles';
import { buildMenu } from './menu';
import { registerReportPdf } from './pdf';
import { createPdfWindow } from './pdfWindow';
import { APP_ORIGIN, denyPermissions, hardenContents, isAppFrame, secureWebPreferences } from './security';
import { loadState, rememberWorkspace, saveState, type AppState } from './state';

const dist = join(__dirname, '..'); // dist/main/main.cjs → dist/
const dev = process.argv.includes('--dev');
const stateFile = () => join(app.getPath('userData'), 'window-state.json');
let state: AppState = { recentWorkspaces: [] };
let engine: EngineHost | null = null;
let workspacePath = '';
let window: BrowserWindow | null = null;
const calls = new Map<number, number>(); // renderer call id → engine call id

/** better-sqlite3 built for Electron's ABI: packaged apps have it in place; `npm start` builds it into .electron-native/. */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const built = join(
    app.getAppPath(),
    '.electron-native',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
  return existsSync(built) ? built : undefined;
}

async function openEngine(path: string): Promise<void> {
  const next = new EngineHost(join(dist, 'core', 'worker.js'), {
    workspacePath: path,
    nativeBinding: nativeBinding(),
  });
  try {
    workspacePath = await next.ready;
  } catch (err) {
    void next.close();
    dialog.showErrorBox('Wardlens could not open the workspace', toApiError(err).message);
    if (engine) return;
    throw err;
  }
  const previous = engine;
  engine = next;
  await previous?.close();
  state = rememberWorkspace(state, workspacePath);
  saveState(stateFile(), state);
  refreshMenu();
  window?.setTitle(`Wardlens — ${workspacePath}`);
  window?.webContents.send('wardlens:menu', 'workspace-changed', workspacePath);
}

/**
 * The workspace last used; if it has gone or will not open (damaged, or from a newer
 * Wardlens: the error box says which), the default one, so the app still starts.
 */
async function openFirstWorkspace(): Promise<void> {
  const last = state.lastWorkspace;
  const fallback = defaultWorkspacePath();
  if (last && last !== fallback && existsSync(last)) {
    const opened = await openEngine(last).then(
      () => true,
      () => false,
    );
    if (opened) return;
  }
  await openEngine(fallback);
}

function refreshMenu(): void {
  Menu.setApplicationMenu(
    buildMenu({
      dev,
      recent: state.recentWorkspaces,
      workspacePath,
      newWorkspace: () => void chooseWorkspace(true),
      openWorkspace: (path) => void (path ? openEngine(path) : chooseWorkspace(false)),
      importFiles: () => void chooseImport('files'),
      importFolder: () => void chooseImport('folder'),
      exportView: () => window?.webContents.send('wardlens:menu', 'export'),
      about: () =>
        void dialog.showMessageBox({
          type: 'info',
          title: 'About Wardlens',
          message: `Wardlens ${app.getVersion()}`,
          detail: 'An offline workbench for community-safety crime analysts. It sends nothing anywhere.',
        }),
    }),
  );
}

async function chooseWorkspace(create: boolean): Promise<void> {
  const filters = [{ name: 'Wardlens workspace', extensions: ['sqlite'] }];
  const path = create
    ? (
        await dialog.showSaveDialog({
          title: 'New workspace',
          defaultPath: 'workspace.wardlens.sqlite',
          filters,
        })
      ).filePath
    : (await dialog.showOpenDialog({ title: 'Open workspace', properties: ['openFile'], filters }))
        .filePaths[0];
  if (path) await openEngine(path);
}

/**
 * File ▸ Import… chooses files, File ▸ Import a Folder… a folder (on Windows and Linux one
 * dialog cannot choose both: asked for both, it shows a folder chooser only).
 */
async function chooseImport(what: 'files' | 'folder'): Promise<void> {
  const { filePaths } = await dialog.showOpenDialog(
    what === 'folder'
      ? { title: 'Import a folder', properties: ['openDirectory', 'multiSelections'] }
      : {
          title: 'Import files',
          properties: ['openFile', 'multiSelections'],
          filters: [
            { name: 'Spreadsheets', extensions: ['csv', 'xlsx'] },
            // Boundary files go to boundaries/import from the Import view.
            { name: 'Boundaries (GeoJSON, shapefile)', extensions: ['geojson', 'json', 'zip', 'shp'] },
          ],
        },
  );
  const paths = filesToImport(filePaths);
  if (paths.length) window?.webContents.send('wardlens:menu', 'import', paths);
}

function trusted(event: IpcMainInvokeEvent): boolean {
  return isAppFrame(event.senderFrame?.url);
}

function wireIpc(): void {
  ipcMain.handle('wardlens:invoke', async (event, method: unknown, args: unknown, callId: unknown) => {
    if (!trusted(event) || !engine)
      return { ok: false, error: { code: 'bad-request', message: 'Not allowed.' } };
    const checked = checkCall(method, args, callId); // the HTTP server's guards, in ipcGuard.ts
    if (!checked.ok) return checked;
    try {
      const call = engine.invoke(checked.method, checked.args as never, (progress: ImportProgress) => {
        // The window may have closed mid-import, and Electron throws on sending to a destroyed page.
        if (!event.sender.isDestroyed()) event.sender.send('wardlens:progress', checked.callId, progress);
      });
      calls.set(checked.callId, call.id);
      return { ok: true, result: await call.result };
    } catch (err) {
      return { ok: false, error: plainError(err) };
    } finally {
      calls.delete(checked.callId);
    }
  });
  ipcMain.handle(
    'wardlens:choose-save-path',
    async (event, defaultName: unknown, extensions: unknown, folder: unknown) => {
      if (
        !trusted(event) ||
        !window ||
        typeof defaultName !== 'string' ||
        !isSaveRequest(defaultName, extensions) ||
        typeof folder !== 'boolean'
      )
        return null;
      const filters = extensions.length ? [{ name: extensions.join(', ').toUpperCase(), extensions }] : [];
      const { canceled, filePath } = await dialog.showSaveDialog(window, {
        defaultPath: defaultName,
        filters: folder ? [] : filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return canceled || !filePath ? null : filePath;
    },
  );
  ipcMain.handle(
    'wardlens:save-bytes',
    async (event, defaultName: unknown, extensions: unknown, bytes: unknown) => {
      if (
        !trusted(event) ||
        !window ||
        typeof defaultName !== 'string' ||
        !isSaveRequest(defaultName, extensions) ||
        !(bytes instanceof Uint8Array)
      )
        return null;
      const { canceled, filePath } = await dialog.showSaveDialog(window, {
        defaultPath: defaultName,
        filters: [{ name: extensions.join(', ').toUpperCase(), extensions }],
      });
      if (canceled || !filePath) return null;
      // The native dialog has already asked before replacing a file, hence force.
      await writeFileSafely(filePath, Buffer.from(bytes), savedKind(filePath), true);
      return filePath;
    },
  );
  ipcMain.on('wardlens:cancel', (event, callId: number) => {
    const id = calls.get(callId);
    if (isAppFrame(event.senderFrame?.url) && id !== undefined) engine?.cancel(id);
  });
}

/** A save dialog's suggested name and file extensions, as the page must send them. */
function isSaveRequest(defaultName: string, extensions: unknown): extensions is string[] {
  return (
    defaultName.length <= 255 &&
    Array.isArray(extensions) &&
    extensions.length <= 8 &&
    extensions.every((e) => typeof e === 'string' && /^[a-z0-9]{1,8}$/i.test(e))
  );
}

const SAVED_KINDS = ['xlsx', 'csv', 'html', 'json', 'txt', 'png', 'svg', 'pdf'] as const;

/** The kind of file a save writes, by its extension (bytes from the page are images or tables). */
function savedKind(path: string): WrittenFile['kind'] {
  const ext = extname(path).slice(1).toLowerCase();
  return (SAVED_KINDS as readonly string[]).includes(ext) ? (ext as WrittenFile['kind']) : 'txt';
}

/** Remembered bounds, unless the screen they were on has gone (a laptop off its dock). */
function onAScreen(bounds: AppState['bounds']): AppState['bounds'] {
  if (!bounds || bounds.x === undefined || bounds.y === undefined) return bounds;
  const area = screen.getDisplayMatching({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
  }).workArea;
  const visible =
    bounds.x < area.x + area.width &&
    bounds.x + bounds.width > area.x &&
    bounds.y < area.y + area.height &&
    bounds.y + bounds.height > area.y;
  return visible ? bounds : { width: bounds.width, height: bounds.height };
}

function createWindow(): void {
  const bounds = onAScreen(state.bounds) ?? { width: 1360, height: 880 };
  window = new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 640,
    title: `Wardlens — ${workspacePath}`,
    backgroundColor: '#f6f7f9',
    show: false,
    webPreferences: secureWebPreferences(join(dist, 'preload', 'preload.cjs'), { devTools: dev }),
  });
  hardenContents(window.webContents);
  if (state.maximised) window.maximize();
  window.once('ready-to-show', () => window?.show());
  window.on('close', () => {
    if (!window) return;
    state = { ...state, bounds: window.getNormalBounds(), maximised: window.isMaximized() };
    saveState(stateFile(), state);
  });
  window.on('closed', () => (window = null));
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

registerAppScheme();
app.enableSandbox();
app.on('web-contents-created', (_e, contents) => hardenContents(contents));
app.whenReady().then(async () => {
  denyPermissions(session.defaultSession);
  serveRenderer(join(dist, 'renderer'));
  state = loadState(stateFile());
  wireIpc();
  registerReportPdf(ipcMain, isAppFrame, createPdfWindow);
  try {
    await openFirstWorkspace();
  } catch {
    // No workspace would open, and the error box has said why: quit rather than run on with no window.
    app.quit();
    return;
  }
  createWindow();
});
app.on('window-all-closed', () => app.quit());
// However the app quits (the last window closed, File › Quit, Ctrl+Q, logging out), the engine
// closes first: a running import is cancelled rather than cut off, and the workspace is
// checkpointed. app.quit() alone skips 'window-all-closed', hence 'will-quit'.
app.on('will-quit', (event) => {
  if (!engine) return;
  event.preventDefault();
  const closing = engine;
  engine = null;
  const quit = () => app.quit();
  void closing.close().then(quit, quit);
});
