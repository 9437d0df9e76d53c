/**
 * The Electron shell, and only the shell: one window under the app's security policy, the
 * menu and native dialogs, and IPC wiring to the engine, which runs in a worker thread
 * (the same EngineHost that browser mode uses). Everything else lives in src/core.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type IpcMainInvokeEvent } from 'electron';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportProgress } from '../shared/importing';
import { toApiError } from '../core/errors';
import { defaultWorkspacePath } from '../core/store/workspace';
import { EngineHost } from '../core/worker/host';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { buildMenu } from './menu';
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
  const built = join(app.getAppPath(), '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return existsSync(built) ? built : undefined;
}

async function openEngine(path: string): Promise<void> {
  const next = new EngineHost(join(dist, 'core', 'worker.js'), { workspacePath: path, nativeBinding: nativeBinding() });
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

function refreshMenu(): void {
  Menu.setApplicationMenu(
    buildMenu({
      dev,
      recent: state.recentWorkspaces,
      workspacePath,
      newWorkspace: () => void chooseWorkspace(true),
      openWorkspace: (path) => void (path ? openEngine(path) : chooseWorkspace(false)),
      importFiles: () => void chooseImport(),
      exportView: () => window?.webContents.send('wardlens:menu', 'export'),
      about: () =>
        void dialog.showMessageBox({ type: 'info', title: 'About Wardlens', message: `Wardlens ${app.getVersion()}`, detail: 'An offline workbench for community-safety crime analysts. It sends nothing anywhere.' }),
    }),
  );
}

async function chooseWorkspace(create: boolean): Promise<void> {
  const filters = [{ name: 'Wardlens workspace', extensions: ['sqlite'] }];
  const path = create
    ? (await dialog.showSaveDialog({ title: 'New workspace', defaultPath: 'workspace.wardlens.sqlite', filters })).filePath
    : (await dialog.showOpenDialog({ title: 'Open workspace', properties: ['openFile'], filters })).filePaths[0];
  if (path) await openEngine(path);
}

async function chooseImport(): Promise<void> {
  const { filePaths } = await dialog.showOpenDialog({
    title: 'Import files',
    properties: ['openFile', 'openDirectory', 'multiSelections'],
    filters: [{ name: 'Spreadsheets', extensions: ['csv', 'xlsx'] }],
  });
  if (filePaths.length) window?.webContents.send('wardlens:menu', 'import', filePaths);
}

function trusted(event: IpcMainInvokeEvent): boolean {
  return isAppFrame(event.senderFrame?.url);
}

function wireIpc(): void {
  ipcMain.handle('wardlens:invoke', async (event, method: string, args: unknown, callId: number) => {
    if (!trusted(event) || !engine) return { ok: false, error: { code: 'bad-request', message: 'Not allowed.' } };
    const call = engine.invoke(method as never, args as never, (progress: ImportProgress) => event.sender.send('wardlens:progress', callId, progress));
    calls.set(callId, call.id);
    try {
      return { ok: true, result: await call.result };
    } catch (err) {
      return { ok: false, error: toApiError(err) };
    } finally {
      calls.delete(callId);
    }
  });
  ipcMain.handle('wardlens:choose-save-path', async (event, defaultName: string, extensions: string[], folder: boolean) => {
    if (!trusted(event) || !window) return null;
    const filters = extensions.length ? [{ name: extensions.join(', ').toUpperCase(), extensions }] : [];
    const { canceled, filePath } = await dialog.showSaveDialog(window, { defaultPath: defaultName, filters: folder ? [] : filters, properties: ['createDirectory', 'showOverwriteConfirmation'] });
    return canceled || !filePath ? null : filePath;
  });
  ipcMain.handle('wardlens:save-bytes', async (event, defaultName: string, extensions: string[], bytes: Uint8Array) => {
    if (!trusted(event) || !window || !(bytes instanceof Uint8Array)) return null;
    const { canceled, filePath } = await dialog.showSaveDialog(window, { defaultPath: defaultName, filters: [{ name: extensions.join(', ').toUpperCase(), extensions }] });
    if (canceled || !filePath) return null;
    await writeFileAtomically(filePath, bytes);
    return filePath;
  });
  ipcMain.on('wardlens:cancel', (event, callId: number) => {
    const id = calls.get(callId);
    if (isAppFrame(event.senderFrame?.url) && id !== undefined) engine?.cancel(id);
  });
}

/** Written beside the target under a temporary name, then renamed: never a half-written file. */
async function writeFileAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.wardlens-${process.pid}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, path);
}

function createWindow(): void {
  const bounds = state.bounds ?? { width: 1360, height: 880 };
  window = new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 640,
    title: `Wardlens — ${workspacePath}`,
    backgroundColor: '#f6f7f9',
    show: false,
    webPreferences: secureWebPreferences(join(dist, 'preload', 'preload.cjs')),
  });
  hardenContents(window.webContents);
  if (state.maximised) window.maximize();
  window.once('ready-to-show', () => window?.show());
  window.on('close', () => {
    if (!window) return;
    state = { ...state, bounds: window.getNormalBounds(), maximised: window.isMaximized() };
    saveState(stateFile(), state);
  });
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
  await openEngine(state.lastWorkspace && existsSync(state.lastWorkspace) ? state.lastWorkspace : defaultWorkspacePath());
  createWindow();
});
app.on('window-all-closed', async () => {
  await engine?.close();
  app.quit();
});
