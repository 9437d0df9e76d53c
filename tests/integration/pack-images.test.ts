// The pack's chart images and PDF, with Debian's Chromium standing in for the app: the
// engine's pack figures (export/pack-charts) are drawn by plotly.js in Chromium exactly as the
// renderer draws them (Plotly.toImage, PNG at twice the size, SVG as drawn), sent with the
// pack, checked and written beside the charts' data; bad images stop the pack before any file
// is written. Then the desktop app's PDF printer (src/main/pdf.ts) prints the report, with a
// Chromium page in place of Electron's hidden window (printToPDF and page.pdf are the same
// print path), and the PDF is checked: A4, a sensible number of pages, no request made.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartImage, ExportPackArgs, PackChart } from '../../src/shared/export';
import { exportPack, packCharts, RENDERED_NOTE } from '../../src/core/export/pack';
import { plotlySource } from '../../src/core/export/html/plotly';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { printReportPdf, type PdfWindow, type PdfWindowFactory } from '../../src/main/pdf';
import { data } from '../support/data';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = {
  dataset: 'mps-borough-old',
  area: 'Harrow',
  year: 2017,
  categories: ['Burglary', 'Robbery'],
  neighbours: ['Brent', 'Barnet', 'Ealing', 'Hillingdon'],
};

let ws: Workspace;
let browser: Browser;
let charts: PackChart[];
let images: ChartImage[];

/** Draws every figure in Chromium with the plotly.js the report inlines, as the renderer's packImages.ts does. */
async function drawInChromium(figures: PackChart[]): Promise<ChartImage[]> {
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: plotlySource().code });
    const drawn = (await page.evaluate(`(async (charts) => {
      const out = [];
      for (const c of charts) {
        const figure = { data: c.figure.data, layout: c.figure.layout };
        const size = { width: c.width, height: c.height, imageDataOnly: true };
        const pngBase64 = await Plotly.toImage(figure, { ...size, format: 'png', scale: c.scale });
        const svg = await Plotly.toImage(figure, { ...size, format: 'svg', scale: 1 });
        out.push({ id: c.chart.id, fingerprint: c.fingerprint, pngBase64, svg });
      }
      return out;
    })(${JSON.stringify(figures)})`)) as ChartImage[];
    return drawn;
  } finally {
    await page.close();
  }
}

const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

beforeAll(async () => {
  ws = tempWorkspace();
  const imported = await importFiles(ws, [
    data.mpsBoroughHistoric,
    data.mpsBoroughRecent,
    data.populationBorough,
  ]);
  expect(imported.every((r) => r.status === 'imported')).toBe(true);
  charts = packCharts(ws.db, ARGS).charts;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  images = await drawInChromium(charts);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  ws?.close();
  cleanupTempDirs();
});

describe.skipIf(!existsSync(CHROMIUM))('chart images in the pack', () => {
  let folder: string;

  it('lists the charts the pack writes, each to be drawn an A4 page wide at 300 dpi', async () => {
    const plain = await exportPack(ws.db, { ...ARGS, folder: path.join(tempDir(), 'plain') });
    expect(charts.map((c) => c.chart)).toEqual(plain.charts.map((c) => c.chart));
    expect(charts.map((c) => c.chart.id)).toEqual(
      ['burglary', 'robbery'].flatMap((c) => [`${c}-months`, `${c}-rolling-year`, `${c}-neighbours`]),
    );
    for (const c of charts) {
      expect(c.width * c.scale).toBe(2480);
      // The figure draws the chart's own numbers: the current year's series, value for value.
      const current = c.chart.series.find((s) => s.role === 'current' || s.role === 'total')!;
      const trace = c.figure.data.find((d) => d.name === current.name)!;
      expect(trace[c.chart.kind === 'bar' ? 'x' : 'y']).toEqual(current.values);
      expect((c.figure.layout.title as { text: string }).text).toBe(c.chart.title);
    }
  });

  it('writes each chart as PNG and SVG beside its data, and says so in the report and workbook', async () => {
    folder = path.join(tempDir(), 'with images');
    const r = await exportPack(ws.db, { ...ARGS, folder, images });
    expect(r.images).toEqual({ rendered: true, note: RENDERED_NOTE });
    const inCharts = readdirSync(path.join(folder, 'charts')).sort();
    expect(inCharts).toEqual(
      [
        ...charts.flatMap((c) => ['json', 'png', 'svg'].map((e) => `${c.chart.id}.${e}`)),
        'README.txt',
      ].sort(),
    );
    for (const [i, c] of charts.entries()) {
      const png = readFileSync(path.join(folder, 'charts', `${c.chart.id}.png`));
      expect(png.equals(Buffer.from(images[i]!.pngBase64, 'base64'))).toBe(true);
      expect(pngSize(png)).toEqual({ width: 2480, height: 2 * c.height });
      const svg = readFileSync(path.join(folder, 'charts', `${c.chart.id}.svg`), 'utf8');
      expect(svg).toBe(images[i]!.svg);
      expect(svg).toContain(c.chart.title.replace(/&/g, '&amp;'));
      expect(
        r.files
          .filter((f) => f.path.startsWith(path.join(folder, 'charts', `${c.chart.id}.`)))
          .map((f) => f.kind)
          .sort(),
      ).toEqual(['json', 'png', 'svg']);
    }
    for (const f of r.files) expect(statSync(f.path).size, f.path).toBe(f.bytes);
    const html = readFileSync(path.join(folder, 'Harrow 2017 report.html'), 'utf8');
    expect(html).toContain('href="charts/burglary-months.png" download');
    expect(html).toContain('The same charts are in the pack’s charts folder as PNG and SVG images');
    expect(readFileSync(path.join(folder, 'charts', 'README.txt'), 'utf8')).toContain(RENDERED_NOTE);
    const wb = XLSX.read(readFileSync(path.join(folder, 'Harrow 2017 tables.xlsx')));
    const sources = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Sources & caveats']!, { header: 1 });
    expect(sources).toContainEqual(['Charts', RENDERED_NOTE]);
  });

  const refusals: [string, (imgs: ChartImage[]) => unknown, RegExp][] = [
    [
      'a PNG that is not one',
      (m) => ((m[0]!.pngBase64 = Buffer.from(m[0]!.svg).toString('base64')), m),
      /"burglary-months" is not a PNG/,
    ],
    [
      'a PNG of another chart (another size)',
      (m) => ((m[0]!.pngBase64 = m[2]!.pngBase64), m),
      /"burglary-months" is 2480 × \d+ pixels, not the 2480 × \d+/,
    ],
    [
      'text that is not base64',
      (m) => ((m[1]!.pngBase64 = 'not base64!'), m),
      /"burglary-rolling-year" is not a PNG \(not base64\)/,
    ],
    [
      'an SVG with a script',
      (m) => ((m[3]!.svg = m[3]!.svg.replace('</svg>', '<script>alert(1)</script></svg>')), m),
      /"robbery-months" \(SVG\) holds a <script> element/,
    ],
    [
      'an SVG with an event handler',
      (m) => ((m[3]!.svg = m[3]!.svg.replace('<svg ', '<svg onload="alert(1)" ')), m),
      /has an event handler \(onload\)/,
    ],
    [
      'an SVG that loads a remote image',
      (m) => ((m[4]!.svg = m[4]!.svg.replace('</svg>', '<image href="http://127.0.0.1:9/x.png"/></svg>')), m),
      /refers to something outside the file \(href\)/,
    ],
    [
      'an SVG whose style loads a remote file',
      (m) => (
        (m[4]!.svg = m[4]!.svg.replace(
          '</svg>',
          '<rect style="fill: url(https://x.example/p.svg#a)"/></svg>',
        )),
        m
      ),
      /refers to something outside the file \(url\(https:/,
    ],
    [
      'an SVG with entities (a DOCTYPE)',
      (m) => ((m[5]!.svg = `<!DOCTYPE svg [<!ENTITY x "y">]>${m[5]!.svg}`), m),
      /holds a DOCTYPE/,
    ],
    [
      'an SVG cut short',
      (m) => ((m[5]!.svg = m[5]!.svg.slice(0, m[5]!.svg.length - 200)), m),
      /is not well-formed XML/,
    ],
    [
      'an image drawn from figures that have changed since',
      (m) => ((m[2]!.fingerprint = '0'.repeat(64)), m),
      /"burglary-neighbours" was drawn from figures that have changed since/,
    ],
    ['an image left out', (m) => m.slice(1), /"burglary-months" was not sent/],
    [
      'an image of no chart in the pack',
      (m) => [...m, { ...m[0]!, id: '../../escape' }],
      /sent for "..\/..\/escape", which is not a chart of this pack/,
    ],
    ['two images of one chart', (m) => [...m, m[0]], /Two images were sent for chart "burglary-months"/],
    ['images that are not a list', () => ({ id: 'x' }), /must be a list/],
  ];
  it.each(refusals)('refuses %s and writes nothing', async (_name, spoil, message) => {
    const spoilt = spoil(images.map((i) => ({ ...i })));
    const out = path.join(tempDir(), 'refused');
    await expect(
      exportPack(ws.db, { ...ARGS, folder: out, images: spoilt as ExportPackArgs['images'] }),
    ).rejects.toThrow(message);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a PNG past the size limit before decoding it', async () => {
    const huge = images.map((i, n) => (n === 0 ? { ...i, pngBase64: 'A'.repeat(17 * 1024 * 1024) } : i));
    const out = path.join(tempDir(), 'huge');
    await expect(exportPack(ws.db, { ...ARGS, folder: out, images: huge })).rejects.toThrow(
      /"burglary-months" is missing its PNG or the PNG is larger than 12 MB/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('prints the report to PDF through the desktop app’s printer, on A4, with no request made', async () => {
    const requests: string[] = [];
    const refused: string[] = [];
    const problems: string[] = [];
    const context = await browser.newContext();
    const page = await context.newPage();
    let closed = false;
    let widthsAtPrint: number[] = [];
    // Electron's hidden window, played by a Chromium page: the same loading, script and print path.
    const factory: PdfWindowFactory = (preferences, allow) => {
      expect(preferences).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: true,
      });
      expect(preferences).not.toHaveProperty('preload');
      context.on('request', (r) => requests.push(r.url()));
      void context.route('**/*', (route) => {
        const url = route.request().url();
        if (allow(url)) return route.continue();
        refused.push(url);
        return route.abort();
      });
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      const window: PdfWindow = {
        loadFile: async (file) => void (await page.goto(`file://${file}`)),
        webContents: {
          executeJavaScript: (code) => page.evaluate(code),
          printToPDF: async (o) => {
            // How wide the charts are as printing starts (they go back to the window's width after).
            widthsAtPrint = (await page.evaluate(
              '[...document.querySelectorAll(".chart svg.main-svg")].map((s) => s.getBoundingClientRect().width)',
            )) as number[];
            return page.pdf({
              format: o.pageSize,
              printBackground: o.printBackground,
              preferCSSPageSize: o.preferCSSPageSize,
              outline: o.generateDocumentOutline,
              tagged: true,
            });
          },
        },
        destroy: () => void (closed = true),
      };
      return window;
    };
    const report = path.join(folder, 'Harrow 2017 report.html');
    try {
      const written = await printReportPdf(report, factory);
      expect(written.path).toBe(path.join(folder, 'Harrow 2017 report.pdf'));
      const pdf = readFileSync(written.path);
      expect(written.bytes).toBe(pdf.length);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // A4 in points, and a page count that fits the report: a title page with the summary,
      // each category from a new page (quick facts, findings, 3 charts, 4 tables, caveats),
      // then methods and sources.
      const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[([^\]]+)\]/g)].map((m) =>
        m[1]!.trim().split(/\s+/).map(Number),
      );
      expect(boxes.length).toBeGreaterThan(0);
      for (const [x0, y0, w, h] of boxes) {
        expect([x0, y0]).toEqual([0, 0]);
        expect(Math.abs(w! - 595.3)).toBeLessThan(1.5); // 210 × 297 mm in points
        expect(Math.abs(h! - 841.9)).toBeLessThan(1.5);
      }
      const pages = pageCount(pdf);
      expect(pages).toBeGreaterThanOrEqual(7);
      expect(pages).toBeLessThanOrEqual(16);
      // The charts were redrawn to fit the printed page (180 mm inside the margins).
      expect(widthsAtPrint.length).toBeGreaterThanOrEqual(charts.length);
      expect(Math.max(...widthsAtPrint)).toBeLessThanOrEqual(680);
      expect(Math.min(...widthsAtPrint)).toBeGreaterThan(600);
      expect(problems).toEqual([]);
      expect(refused).toEqual([]);
      expect(requests).toEqual([`file://${encodeURI(report)}`]);
      expect(closed).toBe(true);
      expect(readdirSync(folder).filter((f) => f.includes('wardlens-tmp'))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('prints nothing for a file that is not a pack report', async () => {
    const other = path.join(folder, 'charts', 'README.txt');
    let made = false;
    await expect(printReportPdf(other, () => ((made = true), {} as PdfWindow))).rejects.toThrow(
      `${other} is not an assessment pack report made by Wardlens.`,
    );
    expect(made).toBe(false);
  });
});
