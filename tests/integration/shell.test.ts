// The desktop shell, run for real under Node: the bundles `npm start` builds
// (dist/main/main.cjs and dist/preload/preload.cjs, by scripts/build.mjs) with `electron`
// answered by a recording stand-in (tests/support/fakeElectron.ts) and the real engine in
// its worker thread. No Electron binary can run here, so this is the evidence that the
// startup order, the window's policy, the app protocol, the menu, the IPC wiring and the
// preload bridge work together: real files in, figures out that add up as the raw file does.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportPackResult } from '../../src/shared/export';
import type { ImportFileResult, ImportProgress } from '../../src/shared/importing';
import type { PivotResult } from '../../src/shared/pivot';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/security';
import type { WorkspaceInfo } from '../../src/shared/workspace';
import { data, dataDir, repoRoot } from '../support/data';
import {
  FakeElectron,
  FakeRenderer,
  runMainBundle,
  runPreloadBundle,
  type FakeWindow,
} from '../support/fakeElectron';
import { inYear, readCsv, sumWide } from '../support/raw';
import { buildShell, type ShellBuild } from '../support/shellBuild';
import { cleanupTempDirs, tempDir } from '../support/workspace';

const PAGE = 'wardlens://app/index.html';

/** What the preload puts on `window.wardlens` (DesktopBridge in src/renderer/api/client.ts). */
interface Bridge {
  invoke(method: string, args: unknown, callId: number): Promise<Answer>;
  cancel(callId: number): void;
  onProgress(listener: (callId: number, progress: ImportProgress) => void): () => void;
  onMenu(listener: (action: string, payload: unknown) => void): () => void;
  pathForFile(file: { name: string }): string;
  chooseSavePath(defaultName: string, extensions: string[], folder?: boolean): Promise<string | null>;
  saveBytes(defaultName: string, extensions: string[], bytes: Uint8Array): Promise<string | null>;
  printReportPdf(reportPath: string): Promise<unknown>;
}
type Answer = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

let build: ShellBuild;
let home: string;
let userData: string;
const savedHome = process.env.WARDLENS_HOME;

beforeAll(() => {
  build = buildShell();
  home = tempDir('wardlens-shell-home-');
  userData = path.join(home, 'config', 'Wardlens');
  // Where the shell's default workspace goes (src/core/store/workspace.ts reads it).
  process.env.WARDLENS_HOME = path.join(home, 'data');
}, 60_000);

afterAll(() => {
  if (savedHome === undefined) delete process.env.WARDLENS_HOME;
  else process.env.WARDLENS_HOME = savedHome;
  build?.remove();
  cleanupTempDirs();
});

/** Runs the main bundle as a fresh start of the app and waits for its window to load. */
async function start(config = userData): Promise<FakeElectron> {
  const electron = new FakeElectron({ userData: config, appPath: build.root });
  runMainBundle(build.main, electron);
  electron.start();
  await electron.until(
    () => electron.windows.length === 1 && electron.windows[0]!.loadedUrl !== null,
    'the window',
  );
  return electron;
}

/** The page's preload, wired to the shell both ways as Electron's IPC would. */
function loadPage(electron: FakeElectron, frameUrl = PAGE): Bridge {
  const renderer = new FakeRenderer({
    invoke: (channel, args) => electron.invoke(channel, frameUrl, ...args),
    send: (channel, args) => electron.send(channel, frameUrl, ...args),
  });
  runPreloadBundle(readFileSync(build.preload, 'utf8'), build.preload, renderer);
  electron.windows[0]!.webContents.page = renderer;
  return renderer.exposed.get('wardlens') as Bridge;
}

/** The analyst closes the window; the shell closes the engine and quits. */
async function quit(electron: FakeElectron): Promise<void> {
  electron.windows[0]?.close();
  await electron.until(() => electron.exited, 'the app to quit');
}

const result = <T>(answer: unknown): T => {
  const a = answer as Answer;
  if (!a.ok) throw new Error(`The call failed: ${a.error.code}: ${a.error.message}`);
  return a.result as T;
};

const labels = (items: { label?: string; role?: string; type?: string }[]) =>
  items.filter((i) => i.type !== 'separator').map((i) => i.label ?? i.role);

describe('the desktop shell, started under Node with a stand-in for Electron', () => {
  let electron: FakeElectron;
  let window: FakeWindow;
  let bridge: Bridge;
  const defaultWorkspace = () => path.join(process.env.WARDLENS_HOME!, 'workspace.wardlens.sqlite');
  const raw = () => readCsv(data.mpsWard2018);

  afterAll(async () => {
    if (electron?.windows.length) await quit(electron);
  });

  it('does before ready what Electron allows only then, and opens one sandboxed window on its own origin', async () => {
    electron = new FakeElectron({ userData, appPath: build.root });
    runMainBundle(build.main, electron);
    expect(electron.privilegedSchemes).toEqual([
      { scheme: 'wardlens', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(electron.sandboxEnabled).toBe(true);
    expect(electron.windowsMade).toHaveLength(0);

    electron.start();
    await electron.until(() => electron.windows[0]?.loadedUrl != null, 'the window to load');
    expect(electron.windowsMade).toHaveLength(1);
    window = electron.windows[0]!;
    expect(window.loadedUrl).toBe(PAGE);
    expect(window.options.webPreferences).toEqual({
      preload: build.preload,
      devTools: false,
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
    });
    expect(existsSync(build.preload)).toBe(true);
    expect(window.options).toMatchObject({ width: 1360, height: 880, show: false });
    // The page can reach main on these channels and no others.
    expect([...electron.invokeHandlers.keys()].sort()).toEqual([
      'wardlens:choose-save-path',
      'wardlens:invoke',
      'wardlens:print-report-pdf',
      'wardlens:save-bytes',
    ]);
    expect(electron.ipcMain.eventNames()).toEqual(['wardlens:cancel']);
    await electron.until(() => window.shown, 'the window to show once ready');
    // The engine opened the default workspace before the window came up, and the title names it.
    expect(existsSync(defaultWorkspace())).toBe(true);
    expect(window.title).toBe(`Wardlens — ${defaultWorkspace()}`);
  });

  it('holds the page in: no navigation, new windows, webviews or permissions', async () => {
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])
      expect(window.webContents.attempt(event, 'https://example.org/'), event).toBe(true);
    expect(window.webContents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({
      action: 'deny',
    });
    const session = electron.defaultSession;
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read'])
      session.permissionRequestHandler!(window.webContents, permission, (g: boolean) => granted.push(g));
    expect(granted).toEqual([false, false, false, false]);
    expect(session.permissionCheckHandler!()).toBe(false);
    expect(session.devicePermissionHandler!()).toBe(false);
  });

  it('serves the renderer from wardlens://app with the CSP, and nothing outside its folder', async () => {
    const page = readFileSync(path.join(build.rendererDir, 'index.html'), 'utf8');
    for (const url of [PAGE, 'wardlens://app/']) {
      const response = await electron.request(url);
      expect(response.status, url).toBe(200);
      expect(await response.text()).toBe(page);
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    }
    for (const [url, method] of [
      ['wardlens://app/..%2fmain%2fmain.cjs', 'GET'],
      ['wardlens://app/%2e%2e%2f%2e%2e%2fpackage.json', 'GET'],
      ['wardlens://app/..%5cmain%5cmain.cjs', 'GET'],
      ['wardlens://other/index.html', 'GET'],
      [PAGE, 'POST'],
    ]) {
      const response = await electron.request(url!, method);
      expect(response.status, `${method} ${url}`).toBe(404);
      expect(await response.text()).toBe('Not found');
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    // Nothing outside the folder was even read (on Linux "..\main" is a file name inside it).
    for (const url of electron.fetched)
      expect(fileURLToPath(url).startsWith(build.rendererDir + path.sep), url).toBe(true);
    const missing = await electron.request('wardlens://app/assets/missing.js');
    expect(missing.status).toBe(404);
  });

  it('has the File and Help menus an analyst expects', async () => {
    expect(labels(electron.menuItem('File').submenu!)).toEqual([
      'New Workspace…',
      'Open Workspace…',
      'Open Recent',
      'Import…',
      'Import a Folder…',
      'Export…',
      'Quit',
    ]);
    expect(electron.menuItem('File', 'Quit').role).toBe('quit');
    expect(labels(electron.menuItem('File', 'Open Recent').submenu!)).toEqual([
      `workspace.wardlens.sqlite — ${path.dirname(defaultWorkspace())}`,
    ]);
    expect(labels(electron.menuItem('Help').submenu!)).toEqual([
      'About Wardlens',
      'Show the Workspace Folder',
      'Wardlens 0.1.0',
    ]);

    electron.answer('showMessageBox', { response: 0 });
    electron.click('Help', 'About Wardlens');
    await electron.until(() => electron.dialogCalls.length === 1, 'the About box');
    expect(electron.dialogCalls[0]!.options).toMatchObject({
      title: 'About Wardlens',
      message: 'Wardlens 0.1.0',
    });

    electron.click('Help', 'Show the Workspace Folder');
    expect(electron.openedPaths).toEqual([path.dirname(defaultWorkspace())]);

    bridge = loadPage(electron);
    const actions: [string, unknown][] = [];
    bridge.onMenu((action, payload) => actions.push([action, payload]));
    electron.click('File', 'Export…');
    electron.answer('showOpenDialog', { canceled: false, filePaths: [data.mpsWard2018] });
    electron.click('File', 'Import…');
    await electron.until(() => actions.length === 2, 'the Import… menu to reach the page');
    expect(actions).toEqual([
      ['export', undefined],
      ['import', [data.mpsWard2018]],
    ]);
    // Files or a folder, never both in one dialog: on Windows and Linux that shows a folder chooser only.
    const fileDialog = electron.dialogCalls.filter((c) => c.kind === 'showOpenDialog').at(-1)!;
    expect(fileDialog.options.properties).toEqual(['openFile', 'multiSelections']);
    // A police.uk download, chosen as a folder: its 24 monthly CSVs reach the page, in month order.
    const police = path.join(dataDir, 'policeuk_street_cityoflondon');
    electron.answer('showOpenDialog', { canceled: false, filePaths: [police] });
    electron.click('File', 'Import a Folder…');
    await electron.until(() => actions.length === 3, 'the Import a Folder… menu to reach the page');
    const csvs = readdirSync(police).filter((f) => f.endsWith('.csv')).sort();
    expect(actions[2]).toEqual(['import', csvs.map((f) => path.join(police, f))]);
    const folderDialog = electron.dialogCalls.filter((c) => c.kind === 'showOpenDialog').at(-1)!;
    expect(folderDialog.options.properties).toEqual(['openDirectory', 'multiSelections']);
  });

  it('imports a real file from the page through IPC and the engine, with progress, then pivots it to the raw file’s totals', async () => {
    const progress: ImportProgress[] = [];
    const others: number[] = [];
    bridge.onProgress((callId, p) => (callId === 1 ? progress.push(p) : others.push(callId)));
    const imported = result<ImportFileResult[]>(
      await bridge.invoke('import/files', { paths: [data.mpsWard2018] }, 1),
    );
    expect(imported.map((r) => [r.status, r.rowsRead, r.error])).toEqual([['imported', 22_168, null]]);
    // Progress came back to the page on its call's id, in order, as the import went.
    expect(progress.length).toBeGreaterThan(0);
    expect(others).toEqual([]);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.rows).toBeGreaterThanOrEqual(progress[i - 1]!.rows);
    expect(progress.at(-1)!.rows).toBeLessThanOrEqual(22_168);

    const table = raw();
    const info = result<WorkspaceInfo>(await bridge.invoke('workspace/info', {}, 2));
    expect(info.datasets.map((d) => d.name)).toEqual([imported[0]!.dataset]);
    const pivot = result<PivotResult>(
      await bridge.invoke(
        'pivot/run',
        { dataset: info.datasets[0]!.key, rows: ['borough'], columns: ['year'], measure: 'count' },
        2,
      ),
    );
    expect(pivot.grandTotal.count).toBe(sumWide(table, () => true));
    const y2021 = pivot.columns.findIndex((c) => c.keys[0] === '2021');
    expect(pivot.columnTotals[y2021]!.count).toBe(sumWide(table, inYear(2021)));
    const borough = table.col('LookUp_BoroughName');
    const harrow = pivot.rows.findIndex((r) => r.labels[0] === 'Harrow');
    expect(pivot.cells[harrow]![y2021]!.count).toBe(
      sumWide(table, inYear(2021), (row) => row[borough] === 'Harrow'),
    );
    expect(pivot.cells[harrow]![y2021]!.count).toBeGreaterThan(0);
  });

  it('refuses a call from any frame but the app’s own, before the engine sees it', async () => {
    const infoBefore = result<WorkspaceInfo>(await bridge.invoke('workspace/info', {}, 3));
    const refused = { ok: false, error: { code: 'bad-request', message: 'Not allowed.' } };
    for (const frame of [
      'https://example.org/',
      'wardlens://app.example.org/index.html',
      'file:///index.html',
      '',
    ]) {
      const importId = infoBefore.imports[0]!.id;
      expect(
        await electron.invoke('wardlens:invoke', frame, 'imports/delete', { importId }, 4),
        frame,
      ).toEqual(refused);
      expect(
        await electron.invoke('wardlens:save-bytes', frame, 'x.png', ['png'], new Uint8Array([1])),
        frame,
      ).toBeNull();
      expect(
        await electron.invoke('wardlens:choose-save-path', frame, 'x.csv', ['csv'], false),
        frame,
      ).toBeNull();
    }
    expect(electron.dialogCalls.filter((d) => d.kind === 'showSaveDialog')).toHaveLength(0);
    // The app's own page is still held to the guards (a known method, plain JSON).
    expect(await bridge.invoke('workspace/drop', {}, 5)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(result<WorkspaceInfo>(await bridge.invoke('workspace/info', {}, 6)).imports).toEqual(
      infoBefore.imports,
    );
  });

  it('cancels an import part way when the page asks, keeping nothing of it', async () => {
    const before = result<WorkspaceInfo>(await bridge.invoke('workspace/info', {}, 7));
    let seen = 0;
    const off = bridge.onProgress((callId, p) => {
      if (callId !== 8 || seen) return;
      seen = p.rows;
      bridge.cancel(8);
    });
    const answer = result<ImportFileResult[]>(
      await bridge.invoke('import/files', { paths: [data.mpsWard2022Recent] }, 8),
    );
    off();
    expect(seen).toBeGreaterThan(0);
    expect(answer.map((r) => [r.status, r.error?.code])).toEqual([['failed', 'cancelled']]);
    const after = result<WorkspaceInfo>(await bridge.invoke('workspace/info', {}, 9));
    expect(after.imports).toEqual(before.imports);
    expect(after.datasets).toEqual(before.datasets);
  });

  it('saves bytes the page made through a modal save dialog', async () => {
    const target = path.join(tempDir(), 'Harrow chart.png');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    electron.answer('showSaveDialog', { canceled: false, filePath: target });
    expect(await bridge.saveBytes('Harrow chart.png', ['png'], png)).toBe(target);
    expect(new Uint8Array(readFileSync(target))).toEqual(png);
    const dialog = electron.dialogCalls.at(-1)!;
    expect(dialog).toMatchObject({
      kind: 'showSaveDialog',
      modal: true,
      options: { defaultPath: 'Harrow chart.png' },
    });
    electron.answer('showSaveDialog', { canceled: true, filePath: '' });
    expect(await bridge.saveBytes('again.png', ['png'], png)).toBeNull();
    // A name or extensions the page should never send get no dialog at all.
    const dialogs = electron.dialogCalls.length;
    expect(await bridge.saveBytes('x.png', ['../png'], png)).toBeNull();
    expect(await bridge.chooseSavePath('x'.repeat(300), ['csv'])).toBeNull();
    expect(electron.dialogCalls.length).toBe(dialogs);
  });

  it('prints a pack’s report to PDF in a hidden, locked-down window, beside the report', async () => {
    const folder = path.join(tempDir(), 'Harrow 2021 pack');
    const pack = result<ExportPackResult>(
      await bridge.invoke(
        'export/pack',
        { area: 'Harrow', year: 2021, categories: ['Burglary'], folder, force: true },
        20,
      ),
    );
    const report = pack.files.find((f) => f.kind === 'html')!.path;
    const pdf = Buffer.from('%PDF-1.7\n% Harrow 2021, as the stand-in Chromium prints it\n');
    electron.chromium = {
      run: (code) => (code.includes('data-charts-drawn') ? 'true' : true),
      print: () => new Uint8Array(pdf),
    };
    const made = electron.windowsMade.length;
    expect(await bridge.printReportPdf(report)).toEqual({
      ok: true,
      path: report.replace(/\.html$/, '.pdf'),
    });
    expect(readFileSync(report.replace(/\.html$/, '.pdf'))).toEqual(pdf);

    const hidden = electron.windowsMade[made]!;
    expect(hidden.loadedFile).toBe(report);
    expect(hidden.destroyed).toBe(true);
    expect(electron.windows).toEqual([window]);
    expect(hidden.options).toMatchObject({ show: false });
    const prefs = hidden.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: true,
    });
    expect(prefs.preload).toBeUndefined();
    const session = electron.partitions.get('wardlens-report-pdf')!;
    expect(prefs.session).toBe(session);
    // Its session loads the report and nothing else, and grants nothing.
    const cancelled = (url: string) => {
      let answer: unknown;
      session.beforeRequest!({ url }, (a: { cancel: boolean }) => (answer = a.cancel));
      return answer;
    };
    expect(cancelled(pathToFileURL(report).href)).toBe(false);
    expect(cancelled('https://cdn.plot.ly/plotly-3.0.0.min.js')).toBe(true);
    expect(cancelled(pathToFileURL(path.join(folder, 'other.html')).href)).toBe(true);
    let granted: unknown;
    session.permissionRequestHandler!(hidden.webContents, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect(hidden.webContents.printed).toEqual([
      expect.objectContaining({ pageSize: 'A4', printBackground: true }),
    ]);

    // A file that is not a Wardlens report gets a plain refusal, and no window.
    const notReport = await bridge.printReportPdf(data.mpsWard2018);
    expect(notReport).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(electron.windowsMade.length).toBe(made + 1);
  });

  it('switches the engine to a new workspace and back from the File menu, telling the page each time', async () => {
    const changes: unknown[] = [];
    bridge.onMenu((action, payload) => action === 'workspace-changed' && changes.push(payload));
    const fresh = path.join(tempDir(), 'Harrow 2024.wardlens.sqlite');
    electron.answer('showSaveDialog', { canceled: false, filePath: fresh });
    electron.click('File', 'New Workspace…');
    await electron.until(() => changes.length === 1, 'the new workspace');
    expect(changes).toEqual([fresh]);
    expect(window.title).toBe(`Wardlens — ${fresh}`);
    expect(result<WorkspaceInfo>(await bridge.invoke('workspace/info', {}, 10))).toMatchObject({
      path: fresh,
      imports: [],
    });

    electron.answer('showOpenDialog', { canceled: false, filePaths: [defaultWorkspace()] });
    electron.click('File', 'Open Workspace…');
    await electron.until(() => changes.length === 2, 'the workspace to reopen');
    expect(changes[1]).toBe(defaultWorkspace());
    const info = result<WorkspaceInfo>(await bridge.invoke('workspace/info', {}, 11));
    expect(info.imports.map((i) => i.rowsStored)).toEqual([22_168]);
    expect(labels(electron.menuItem('File', 'Open Recent').submenu!)).toEqual([
      `workspace.wardlens.sqlite — ${path.dirname(defaultWorkspace())}`,
      `Harrow 2024.wardlens.sqlite — ${path.dirname(fresh)}`,
    ]);
    // A recent workspace opens from its menu item, without a dialog.
    const dialogs = electron.dialogCalls.length;
    electron.click('File', 'Open Recent', `Harrow 2024.wardlens.sqlite — ${path.dirname(fresh)}`);
    await electron.until(() => changes.length === 3, 'the recent workspace');
    expect(changes[2]).toBe(fresh);
    expect(electron.dialogCalls.length).toBe(dialogs);

    // A file that is not a workspace: the error box says so, and the engine stays where it was.
    const broken = path.join(tempDir(), 'Not a workspace.wardlens.sqlite');
    writeFileSync(broken, 'Ward,Count\nHarrow on the Hill,12\n');
    electron.answer('showOpenDialog', { canceled: false, filePaths: [broken] });
    electron.click('File', 'Open Workspace…');
    await electron.until(() => electron.dialogCalls.some((d) => d.kind === 'showErrorBox'), 'the error box');
    expect(electron.dialogCalls.at(-1)!.options.content).toContain(broken);
    expect(changes).toHaveLength(3);
    expect(result<WorkspaceInfo>(await bridge.invoke('workspace/info', {}, 12)).path).toBe(fresh);
    expect(window.title).toBe(`Wardlens — ${fresh}`);
  });

  it('remembers the window and the workspace on close, and starts from them next time', async () => {
    window.setBounds({ x: 120, y: 60, width: 1500, height: 950 });
    await quit(electron);
    const saved = JSON.parse(readFileSync(path.join(userData, 'window-state.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const fresh = (saved.recentWorkspaces as string[])[0]!;
    expect(saved).toEqual({
      recentWorkspaces: [fresh, defaultWorkspace()],
      lastWorkspace: fresh,
      bounds: { x: 120, y: 60, width: 1500, height: 950 },
      maximised: false,
    });

    const again = await start();
    expect(again.windows[0]!.options).toMatchObject({ x: 120, y: 60, width: 1500, height: 950 });
    expect(again.windows[0]!.title).toBe(`Wardlens — ${fresh}`);
    const page = loadPage(again);
    expect(result<WorkspaceInfo>(await page.invoke('workspace/info', {}, 1)).path).toBe(fresh);
    await quit(again);
  });

  it('puts a window back on the screen when the one it was on has gone', async () => {
    const file = path.join(userData, 'window-state.json');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...saved, bounds: { x: 4000, y: 100, width: 1400, height: 900 } }));
    const again = await start();
    expect(again.windows[0]!.options).toMatchObject({ width: 1400, height: 900 });
    expect(again.windows[0]!.options.x).toBeUndefined();
    await quit(again);
  });

  it('closes cleanly when the analyst closes the window mid-import, keeping nothing of that import', async () => {
    const again = await start();
    const page = loadPage(again);
    const before = result<WorkspaceInfo>(await page.invoke('workspace/info', {}, 1));
    let closed = false;
    page.onProgress(() => {
      if (closed) return;
      closed = true;
      // Main is busy for a moment (as it may be), so the engine's next progress reports are
      // already queued when the window goes: they must not be sent to the closed page.
      const busyUntil = Date.now() + 400;
      while (Date.now() < busyUntil);
      again.windows[0]!.close();
    });
    const answer = await page.invoke('import/files', { paths: [data.mpsWard2022Historical] }, 2);
    expect(closed).toBe(true);
    expect(result<ImportFileResult[]>(answer).map((r) => [r.status, r.error?.code])).toEqual([
      ['failed', 'cancelled'],
    ]);
    await again.until(() => again.exited, 'the app to quit');
    expect(again.windowsMade[0]!.webContents.sendsAfterDestroyed).toBe(0);

    const next = await start();
    expect(result<WorkspaceInfo>(await loadPage(next).invoke('workspace/info', {}, 1)).imports).toEqual(
      before.imports,
    );
    await quit(next);
  });

  it('File › Quit mid-import cancels the import and closes the workspace cleanly before the app ends', async () => {
    const again = await start();
    const page = loadPage(again);
    const before = result<WorkspaceInfo>(await page.invoke('workspace/info', {}, 1));
    let quitAt = 0;
    page.onProgress((_callId, p) => {
      if (quitAt) return;
      quitAt = p.rows;
      again.app.quit(); // what the Quit item's role, Ctrl+Q and logging out do
    });
    const answer = await page.invoke('import/files', { paths: [data.mpsWard2022Historical] }, 2);
    expect(quitAt).toBeGreaterThan(0);
    expect(result<ImportFileResult[]>(answer).map((r) => [r.status, r.error?.code])).toEqual([
      ['failed', 'cancelled'],
    ]);
    await again.until(() => again.exited, 'the app to end');
    // Closed, not cut off: SQLite removes the write-ahead log when the last connection closes.
    expect(existsSync(`${before.path}-wal`)).toBe(false);
    const next = await start();
    expect(result<WorkspaceInfo>(await loadPage(next).invoke('workspace/info', {}, 1)).imports).toEqual(
      before.imports,
    );
    await quit(next);
  });
});

describe('a start whose workspace will not open', () => {
  const notAWorkspace = 'Ward,Count\nHarrow on the Hill,12\n'.repeat(100);

  it('opens the default workspace instead of the remembered one, saying why', async () => {
    const config = path.join(tempDir(), 'config');
    const broken = path.join(tempDir(), 'Harrow.wardlens.sqlite');
    writeFileSync(broken, notAWorkspace);
    mkdirSync(config);
    writeFileSync(
      path.join(config, 'window-state.json'),
      JSON.stringify({ lastWorkspace: broken, recentWorkspaces: [broken] }),
    );
    const electron = await start(config);
    expect(electron.dialogCalls).toEqual([
      {
        kind: 'showErrorBox',
        options: { title: 'Wardlens could not open the workspace', content: expect.stringContaining(broken) },
        modal: false,
      },
    ]);
    const fallback = path.join(process.env.WARDLENS_HOME!, 'workspace.wardlens.sqlite');
    expect(electron.windows[0]!.title).toBe(`Wardlens — ${fallback}`);
    expect(readFileSync(broken, 'utf8')).toBe(notAWorkspace);
    await quit(electron);
  });

  it('quits, rather than run on with no window, when no workspace will open', async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'workspace.wardlens.sqlite'), notAWorkspace);
    process.env.WARDLENS_HOME = dataDir;
    try {
      const electron = new FakeElectron({ userData: path.join(tempDir(), 'config'), appPath: build.root });
      runMainBundle(build.main, electron);
      electron.start();
      await electron.until(() => electron.exited, 'the app to quit');
      expect(electron.windowsMade).toHaveLength(0);
      expect(electron.dialogCalls.map((d) => [d.kind, d.options.title])).toEqual([
        ['showErrorBox', 'Wardlens could not open the workspace'],
      ]);
    } finally {
      process.env.WARDLENS_HOME = path.join(home, 'data');
    }
  });
});

describe('the preload, as a sandboxed page runs it', () => {
  const renderer = new FakeRenderer({ invoke: (channel, args) => ({ channel, args }) });
  beforeAll(() => runPreloadBundle(readFileSync(build.preload, 'utf8'), build.preload, renderer));

  it('exposes one object, with exactly the methods the renderer’s DesktopBridge declares', () => {
    expect([...renderer.exposed.keys()]).toEqual(['wardlens']);
    const source = readFileSync(path.join(repoRoot, 'src/renderer/api/client.ts'), 'utf8');
    const body = source.slice(source.indexOf('export interface DesktopBridge {'));
    const declared = [...body.slice(0, body.indexOf('\n}')).matchAll(/^ {2}(\w+)\??\(/gm)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(5);
    const bridge = renderer.exposed.get('wardlens') as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...declared].sort());
    for (const key of Object.keys(bridge)) expect(typeof bridge[key], key).toBe('function');
  });

  it('sends each call on its channel and hands back progress and menu messages until unsubscribed', async () => {
    const bridge = renderer.exposed.get('wardlens') as Bridge;
    const spec = { dataset: 'mps-ward', rows: ['ward'], columns: ['month'] };
    expect(await bridge.invoke('pivot/run', spec, 5)).toEqual({
      channel: 'wardlens:invoke',
      args: ['pivot/run', spec, 5],
    });
    await bridge.chooseSavePath('Harrow.xlsx', ['xlsx']);
    await bridge.printReportPdf('/packs/Harrow 2024 report.html');
    expect(renderer.invoked.slice(1)).toEqual([
      { channel: 'wardlens:choose-save-path', args: ['Harrow.xlsx', ['xlsx'], false] },
      { channel: 'wardlens:print-report-pdf', args: ['/packs/Harrow 2024 report.html'] },
    ]);
    bridge.cancel(5);
    expect(renderer.sentToMain).toEqual([{ channel: 'wardlens:cancel', args: [5] }]);
    expect(bridge.pathForFile({ name: 'crime.csv' })).toBe('/dropped/crime.csv');

    const progress: unknown[] = [];
    const off = bridge.onProgress((callId, p) => progress.push([callId, p]));
    renderer.fromMain('wardlens:progress', 5, { file: 'crime.csv', rows: 100, percent: 10 });
    off();
    renderer.fromMain('wardlens:progress', 5, { file: 'crime.csv', rows: 200, percent: 20 });
    expect(progress).toEqual([[5, { file: 'crime.csv', rows: 100, percent: 10 }]]);
    expect(renderer.ipcRenderer.listenerCount('wardlens:progress')).toBe(0);

    const menu: unknown[] = [];
    const offMenu = bridge.onMenu((action, payload) => menu.push([action, payload]));
    renderer.fromMain('wardlens:menu', 'workspace-changed', '/data/Harrow.wardlens.sqlite');
    offMenu();
    renderer.fromMain('wardlens:menu', 'export');
    expect(menu).toEqual([['workspace-changed', '/data/Harrow.wardlens.sqlite']]);
  });
});
