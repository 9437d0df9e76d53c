// The desktop app's PDF printer (src/main/pdf.ts) with a stand-in for Electron's hidden
// window: it opens only a Wardlens pack report, under the locked-down preferences, lets the
// charts redraw for print, asks for A4 with backgrounds, writes the PDF whole beside the
// report (or nothing at all), always closes the window, and answers the page over IPC only
// for the app's own frame. (tests/integration/pack-images.test.ts prints a real report in
// Chromium through the same code.)
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PDF_CHANNEL,
  printReportPdf,
  registerReportPdf,
  reportRequestAllowed,
  type PdfIpc,
  type PdfOptions,
  type PdfWindow,
  type PdfWindowFactory,
} from '../../src/main/pdf';
import { isAppFrame } from '../../src/main/security';

const HEAD = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-x&#39;">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Wardlens">
<title>Harrow</title>`;

let dir: string;
let report: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wardlens-pdf-'));
  report = path.join(dir, 'Harrow 2017 report.html');
  writeFileSync(report, `${HEAD}</head><body></body></html>`);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Fake {
  factory: PdfWindowFactory;
  calls: string[];
  options: PdfOptions[];
  allow: ((url: string) => boolean) | null;
  preferences: Record<string, unknown> | null;
}

function fakeWindow(
  behaviour: { pdf?: Uint8Array; drawn?: string | null; hang?: boolean; fail?: boolean } = {},
): Fake {
  const fake: Fake = { calls: [], options: [], allow: null, preferences: null, factory: null! };
  fake.factory = (preferences, allow) => {
    fake.preferences = { ...preferences };
    fake.allow = allow;
    const window: PdfWindow = {
      loadFile: async (file) => {
        fake.calls.push(`load ${file}`);
        if (behaviour.hang) await new Promise(() => undefined);
      },
      webContents: {
        executeJavaScript: async (code) => {
          fake.calls.push(code.includes('beforeprint') ? 'beforeprint' : 'ask drawn');
          return code.includes('data-charts-drawn')
            ? behaviour.drawn === undefined
              ? '6'
              : behaviour.drawn
            : true;
        },
        printToPDF: async (options) => {
          fake.calls.push('print');
          fake.options.push(options);
          if (behaviour.fail) throw new Error('printing failed');
          return behaviour.pdf ?? new TextEncoder().encode('%PDF-1.7\n% a PDF\n%%EOF\n');
        },
      },
      destroy: () => void fake.calls.push('destroy'),
    };
    return window;
  };
  return fake;
}

describe('printReportPdf', () => {
  it('loads the report under the locked-down preferences, redraws for print, prints A4 and writes the PDF beside it', async () => {
    const fake = fakeWindow();
    const written = await printReportPdf(report, fake.factory);
    const pdf = path.join(dir, 'Harrow 2017 report.pdf');
    expect(written).toEqual({ path: pdf, kind: 'pdf', bytes: readFileSync(pdf).length });
    expect(readFileSync(pdf, 'latin1').startsWith('%PDF-1.7')).toBe(true);
    expect(fake.calls).toEqual([`load ${report}`, 'ask drawn', 'beforeprint', 'print', 'destroy']);
    expect(fake.options).toEqual([
      {
        pageSize: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        landscape: false,
        generateDocumentOutline: true,
      },
    ]);
    expect(fake.preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      javascript: true,
      webviewTag: false,
    });
    expect(fake.preferences).not.toHaveProperty('preload');
    // An in-memory session of its own: nothing persists, nothing is shared with the app's window.
    expect(String(fake.preferences!.partition)).not.toMatch(/^persist:/);
    expect(readdirSync(dir).sort()).toEqual(['Harrow 2017 report.html', 'Harrow 2017 report.pdf']);
  });

  it('lets the window request the report file and nothing else', async () => {
    const fake = fakeWindow();
    await printReportPdf(report, fake.factory);
    const allow = fake.allow!;
    expect(allow(`file://${encodeURI(report)}`)).toBe(true);
    expect(allow(`file://${encodeURI(path.join(dir, 'charts', 'burglary-months.png'))}`)).toBe(false);
    expect(allow('file:///etc/passwd')).toBe(false);
    expect(allow('https://cdn.plot.ly/plotly.min.js')).toBe(false);
    expect(allow('http://127.0.0.1:9/x')).toBe(false);
    expect(allow('data:image/png;base64,iVBORw0KGgo=')).toBe(false);
    expect(reportRequestAllowed('not a url', report)).toBe(false);
  });

  it('replaces the PDF of an earlier pack, as the pack replaced its report', async () => {
    const pdf = path.join(dir, 'Harrow 2017 report.pdf');
    writeFileSync(pdf, 'older');
    await printReportPdf(report, fakeWindow().factory);
    expect(readFileSync(pdf, 'latin1').startsWith('%PDF-')).toBe(true);
  });

  const refusals: [string, () => string][] = [
    ['a relative path', () => 'Harrow 2017 report.html'],
    ['a file that is not a report by name', () => path.join(dir, 'notes.html')],
    ['a file that is missing', () => path.join(dir, 'Brent 2017 report.html')],
    [
      'an HTML file not made by Wardlens',
      () => {
        const other = path.join(dir, 'Other report.html');
        writeFileSync(
          other,
          '<!doctype html><html><head><title>x</title></head><body><script>1</script></body></html>',
        );
        return other;
      },
    ],
    [
      'a folder named like a report',
      () => {
        const folder = path.join(dir, 'Folder report.html');
        mkdirSync(folder);
        return folder;
      },
    ],
  ];
  it.each(refusals)('refuses %s without opening a window', async (_what, target) => {
    const fake = fakeWindow();
    const file = target();
    await expect(printReportPdf(file, fake.factory)).rejects.toMatchObject({ code: 'bad-request' });
    expect(fake.calls).toEqual([]);
    expect(fake.preferences).toBeNull();
  });

  it('writes nothing and closes the window when printing fails, gives no PDF, or the charts were not drawn', async () => {
    for (const behaviour of [{ fail: true }, { pdf: new TextEncoder().encode('<html>') }, { drawn: null }]) {
      const fake = fakeWindow(behaviour);
      await expect(printReportPdf(report, fake.factory)).rejects.toThrow();
      expect(fake.calls.at(-1)).toBe('destroy');
      expect(readdirSync(dir)).toEqual(['Harrow 2017 report.html']);
    }
  });

  it('gives up on a report that never finishes loading, and closes the window', async () => {
    const fake = fakeWindow({ hang: true });
    await expect(printReportPdf(report, fake.factory, 50)).rejects.toThrow(
      'Opening the report took too long; no PDF was written.',
    );
    expect(fake.calls).toEqual([`load ${report}`, 'destroy']);
  });
});

describe('registerReportPdf', () => {
  it('answers only the app’s own page, with the PDF’s path or a plain error', async () => {
    let handler: ((event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown) | null =
      null;
    const ipc: PdfIpc = {
      handle: (channel, listener) => {
        expect(channel).toBe(PDF_CHANNEL);
        handler = listener;
      },
    };
    const fake = fakeWindow();
    registerReportPdf(ipc, isAppFrame, fake.factory);
    const ask = (url: string | undefined, file: unknown) =>
      handler!({ senderFrame: url ? { url } : null }, file);
    expect(await ask('https://evil.example/', report)).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'Not allowed.' },
    });
    expect(await ask(undefined, report)).toMatchObject({ ok: false });
    expect(fake.calls).toEqual([]);
    expect(await ask('wardlens://app/index.html', report)).toEqual({
      ok: true,
      path: path.join(dir, 'Harrow 2017 report.pdf'),
    });
    expect(await ask('wardlens://app/index.html', '/etc/passwd')).toMatchObject({
      ok: false,
      error: {
        code: 'bad-request',
        message: '/etc/passwd is not an assessment pack report made by Wardlens.',
      },
    });
  });
});
