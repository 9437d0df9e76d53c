/**
 * The only bridge between the page and the app: one narrow, typed object on
 * `window.wardlens`. No ipcRenderer, no Node, nothing else reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ImportProgress } from '../shared/importing';

type MenuAction = 'import' | 'export' | 'workspace-changed';

const bridge = {
  invoke: (method: string, args: unknown, callId: number) => ipcRenderer.invoke('wardlens:invoke', method, args, callId),
  cancel: (callId: number) => ipcRenderer.send('wardlens:cancel', callId),
  onProgress(listener: (callId: number, progress: ImportProgress) => void): () => void {
    const wrapped = (_e: unknown, callId: number, progress: ImportProgress) => listener(callId, progress);
    ipcRenderer.on('wardlens:progress', wrapped);
    return () => ipcRenderer.off('wardlens:progress', wrapped);
  },
  onMenu(listener: (action: MenuAction, payload: unknown) => void): () => void {
    const wrapped = (_e: unknown, action: MenuAction, payload: unknown) => listener(action, payload);
    ipcRenderer.on('wardlens:menu', wrapped);
    return () => ipcRenderer.off('wardlens:menu', wrapped);
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  /** The native save dialog: the chosen path, or null if the analyst cancelled. */
  chooseSavePath: (defaultName: string, extensions: string[], folder = false): Promise<string | null> =>
    ipcRenderer.invoke('wardlens:choose-save-path', defaultName, extensions, folder),
  /** The native save dialog, then the bytes written there (chart images); the path, or null if cancelled. */
  saveBytes: (defaultName: string, extensions: string[], bytes: Uint8Array): Promise<string | null> =>
    ipcRenderer.invoke('wardlens:save-bytes', defaultName, extensions, bytes),
  /** Prints a pack's HTML report to PDF beside it; main checks the path is a Wardlens report. */
  printReportPdf: (reportPath: string) => ipcRenderer.invoke('wardlens:print-report-pdf', reportPath),
};

contextBridge.exposeInMainWorld('wardlens', bridge);
