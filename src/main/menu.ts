/** The application menu: File, Edit, View, Help, as analysts expect of a desktop app. */
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { basename, dirname } from 'node:path';

export interface MenuActions {
  newWorkspace(): void;
  openWorkspace(path?: string): void;
  importFiles(): void;
  importFolder(): void;
  exportView(): void;
  about(): void;
  recent: string[];
  workspacePath: string;
  dev: boolean;
}

export function buildMenu(a: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const recent: MenuItemConstructorOptions[] = a.recent.length
    ? a.recent.map((p) => ({ label: `${basename(p)} — ${dirname(p)}`, click: () => a.openWorkspace(p) }))
    : [{ label: 'No recent workspaces', enabled: false }];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: a.newWorkspace },
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => a.openWorkspace() },
        { label: 'Open Recent', submenu: recent },
        { type: 'separator' },
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: a.importFiles },
        { label: 'Import a Folder…', accelerator: 'CmdOrCtrl+Shift+I', click: a.importFolder },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: a.exportView },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(a.dev ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    {
      role: 'help',
      submenu: [
        { label: 'About Wardlens', click: a.about },
        { label: 'Show the Workspace Folder', click: () => void shell.openPath(dirname(a.workspacePath)) },
        { label: `Wardlens ${app.getVersion()}`, enabled: false },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
