/**
 * The assessment pack's report as PDF, printed by the desktop app: the pack's own
 * self-contained HTML report is loaded in a hidden, sandboxed window with no preload and no
 * Node, in a private in-memory session that refuses every request but the report file
 * itself and grants no permission; the report's Content-Security-Policy lets only its own
 * two scripts (plotly.js and the chart drawing) run. Chromium prints it on A4 with its
 * print stylesheet, and the PDF is written beside the report with the exports' safe writer.
 *
 * No 'electron' import here: the window comes from a factory (see pdfWindow.ts), so the
 * logic is tested with a stand-in.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApiError } from '../shared/errors';
import type { WrittenFile } from '../shared/export';
import { toApiError, WardlensError } from '../core/errors';
import { writeFileSafely } from '../core/export/safeWrite';
import { ISOLATED_WEB_PREFERENCES } from './security';

/** The slice of Electron's printToPDF options used here. */
export interface PdfOptions {
  pageSize: 'A4';
  printBackground: boolean;
  preferCSSPageSize: boolean;
  landscape: boolean;
  generateDocumentOutline: boolean;
}

/** The slice of a BrowserWindow the printer uses. */
export interface PdfWindow {
  loadFile(path: string): Promise<void>;
  webContents: {
    executeJavaScript(code: string): Promise<unknown>;
    printToPDF(options: PdfOptions): Promise<Uint8Array>;
  };
  destroy(): void;
}

/** Makes the hidden window; `allow` says which requests it may make (only the report). */
export type PdfWindowFactory = (
  preferences: ReturnType<typeof pdfWindowPreferences>,
  allow: (url: string) => boolean,
) => PdfWindow;

/** In memory (no "persist:" prefix): nothing of the print survives it. */
export const PDF_PARTITION = 'wardlens-report-pdf';
const LOAD_TIMEOUT_MS = 60_000;

/** The hidden window's preferences: the app's policy, minus the preload, with JavaScript for the charts. */
export function pdfWindowPreferences() {
  return {
    partition: PDF_PARTITION,
    ...ISOLATED_WEB_PREFERENCES,
    javascript: true,
    disableDialogs: true,
    images: true,
    webgl: false,
  } as const;
}

/** The one request the hidden window may make: the report file itself. */
export function reportRequestAllowed(url: string, reportPath: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' && u.pathname === pathToFileURL(reportPath).pathname;
  } catch {
    return false;
  }
}

const notReport = (path: string) =>
  new WardlensError('bad-request', `${path} is not an assessment pack report made by Wardlens.`, {
    file: path,
  });

/** The first few KB of the file: the pack's report names Wardlens and sets its strict CSP before anything else. */
function checkReport(reportPath: unknown): string {
  if (typeof reportPath !== 'string' || !isAbsolute(reportPath) || !/ report\.html$/.test(reportPath))
    throw notReport(String(reportPath).slice(0, 200));
  let head = '';
  try {
    if (!statSync(reportPath).isFile()) throw notReport(reportPath);
    const fd = openSync(reportPath, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      head = buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof WardlensError) throw err;
    throw new WardlensError('bad-request', `The report ${reportPath} could not be read.`, {
      file: reportPath,
    });
  }
  const csp = head.indexOf('http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;');
  if (
    !head.startsWith('<!doctype html>') ||
    csp < 0 ||
    !head.includes('<meta name="generator" content="Wardlens">')
  )
    throw notReport(reportPath);
  return join(dirname(reportPath), basename(reportPath).replace(/\.html$/, '.pdf'));
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new WardlensError('internal', `${what} took too long; no PDF was written.`)),
      ms,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Prints the report to "<same name>.pdf" beside it, replacing an older PDF of it (the pack replaced the report too). */
export async function printReportPdf(
  reportPath: string,
  createWindow: PdfWindowFactory,
  timeoutMs = LOAD_TIMEOUT_MS,
): Promise<WrittenFile> {
  const pdfPath = checkReport(reportPath);
  const window = createWindow(pdfWindowPreferences(), (url) => reportRequestAllowed(url, reportPath));
  try {
    await withTimeout(window.loadFile(reportPath), timeoutMs, 'Opening the report');
    const run = (code: string) =>
      withTimeout(window.webContents.executeJavaScript(code), timeoutMs, 'Drawing the charts');
    // The report's own script draws the charts as the page loads; it then sets this mark.
    if ((await run('document.documentElement.getAttribute("data-charts-drawn")')) === null)
      throw new WardlensError('internal', 'The report’s charts were not drawn; no PDF was written.');
    // The charts redraw at the printed page's width on "beforeprint"; let that frame paint.
    await run(
      "window.dispatchEvent(new Event('beforeprint')); new Promise((r) => requestAnimationFrame(() => r(true)))",
    );
    const pdf = await withTimeout(
      window.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        landscape: false,
        generateDocumentOutline: true,
      }),
      timeoutMs,
      'Printing the report',
    );
    const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
      throw new WardlensError('internal', 'Printing the report gave no PDF; nothing was written.');
    return await writeFileSafely(pdfPath, bytes, 'pdf', true);
  } finally {
    window.destroy();
  }
}

/** The slice of ipcMain and of an IPC event that the registration needs. */
export interface PdfIpc {
  handle(
    channel: string,
    listener: (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown,
  ): void;
}

export const PDF_CHANNEL = 'wardlens:print-report-pdf';

/** Answers the page's "print this pack's report" with the PDF's path, or an error in plain words. */
export function registerReportPdf(
  ipc: PdfIpc,
  trusted: (frameUrl: string | undefined) => boolean,
  createWindow: PdfWindowFactory,
): void {
  ipc.handle(
    PDF_CHANNEL,
    async (event, reportPath): Promise<{ ok: true; path: string } | { ok: false; error: ApiError }> => {
      if (!trusted(event.senderFrame?.url))
        return { ok: false, error: { code: 'bad-request', message: 'Not allowed.' } };
      try {
        const written = await printReportPdf(reportPath as string, createWindow);
        return { ok: true, path: written.path };
      } catch (err) {
        return { ok: false, error: toApiError(err) };
      }
    },
  );
}
