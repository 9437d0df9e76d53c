/**
 * The hidden window the report is printed in (see pdf.ts): Electron's BrowserWindow with the
 * printer's preferences, never shown, in its own in-memory session where every request but
 * the report file is cancelled and every permission refused.
 */
import { BrowserWindow, session } from 'electron';
import type { PdfWindowFactory } from './pdf';
import { denyPermissions, hardenContents } from './security';

export const createPdfWindow: PdfWindowFactory = (preferences, allow) => {
  const { partition, ...webPreferences } = preferences;
  const ses = session.fromPartition(partition, { cache: false });
  denyPermissions(ses);
  // Set for each print: the report it may load changes from one print to the next.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allow(details.url) }));
  const window = new BrowserWindow({
    show: false,
    width: 1240,
    height: 1754,
    webPreferences: { ...webPreferences, session: ses },
  });
  hardenContents(window.webContents);
  return window;
};
