// The assessment pack end to end: Harrow, burglary and robbery, 2017 against 2016, from the
// older MPS borough files and the borough population table. Every expected file is there,
// the workbook holds the findings' own numbers, the charts' data matches them, and the HTML
// report opens in Debian's Chromium with no request leaving file://.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartData, ExportPackResult } from '../../src/shared/export';
import type { Findings } from '../../src/shared/findings';
import { buildFindings } from '../../src/core/analysis/findings/build';
import { exportPack } from '../../src/core/export/pack';
import { importFiles } from '../../src/core/importers/importFiles';
import { openWorkspace, type Workspace } from '../../src/core/store/workspace';
import { data, repoRoot } from '../support/data';
import { cleanupTempDirs, sha256File, tempDir, tempWorkspace } from '../support/workspace';
import { xlsxParts } from '../support/xlsxXml';

const CHROMIUM = '/usr/bin/chromium';
const NEIGHBOURS = ['Brent', 'Barnet', 'Ealing', 'Hillingdon'];
const CATEGORIES = ['Burglary', 'Robbery'];

let ws: Workspace;
let db: string;
let folder: string;
let result: ExportPackResult;
let findings: Findings[];

function wardlens(...args: string[]) {
  return spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'wardlens.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', 'node'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  expect(build.status).toBe(0);
  ws = tempWorkspace();
  db = ws.path;
  const imported = await importFiles(ws, [
    data.mpsBoroughHistoric,
    data.mpsBoroughRecent,
    data.populationBorough,
  ]);
  expect(imported.every((r) => r.status === 'imported')).toBe(true);
  findings = CATEGORIES.map((category) =>
    buildFindings(ws.db, {
      dataset: 'mps-borough-old',
      area: 'Harrow',
      category,
      year: 2017,
      neighbours: NEIGHBOURS,
    }),
  );
  ws.close(); // the CLI opens the same workspace file

  folder = path.join(tempDir(), 'Harrow pack');
  const ok = wardlens(
    'pack',
    '--db',
    db,
    '--dataset',
    'mps-borough-old',
    '--area',
    'Harrow',
    '--year',
    '2017',
    '--categories',
    CATEGORIES.join(','),
    '--neighbours',
    NEIGHBOURS.join(','),
    '--out',
    folder,
    '--json',
  );
  expect(ok.stderr).toBe('');
  expect(ok.status).toBe(0);
  result = JSON.parse(ok.stdout) as ExportPackResult;
  ws = openWorkspace(db);
}, 180_000);

afterAll(() => {
  ws?.close();
  cleanupTempDirs();
});

const chartFiles = CATEGORIES.flatMap((c) =>
  ['months', 'rolling-year', 'neighbours'].map((k) => `charts/${c.toLowerCase()}-${k}.json`),
);

describe('the pack folder', () => {
  it('holds every expected file and nothing else', () => {
    const files = [
      ...readdirSync(folder).filter((f) => f !== 'charts'),
      ...readdirSync(path.join(folder, 'charts')).map((f) => `charts/${f}`),
    ].sort();
    expect(files).toEqual(
      ['Harrow 2017 report.html', 'Harrow 2017 tables.xlsx', 'charts/README.txt', ...chartFiles].sort(),
    );
    expect(result.files.map((f) => path.relative(folder, f.path)).sort()).toEqual(files);
    for (const f of result.files) expect(readFileSync(f.path).length, f.path).toBe(f.bytes);
    expect(result.images).toEqual({
      rendered: false,
      note: expect.stringContaining('PNG and SVG images and the PDF report are drawn by the Wardlens app'),
    });
    // A borough-level dataset has no ward block: the pack says so rather than leaving it out silently.
    expect(result.notes).toEqual(
      CATEGORIES.map(
        (c) =>
          `${c}: no ward table or ward chart, because MPS borough counts, older category scheme is by borough.`,
      ),
    );
  });

  it('refuses a year that is not a year, before writing anything', () => {
    const out = path.join(tempDir(), 'bad-year');
    const r = wardlens(
      'pack',
      '--db',
      db,
      '--area',
      'Harrow',
      '--year',
      '2017',
      '--population-year',
      'last',
      '--categories',
      'Burglary',
      '--out',
      out,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--population-year takes a year such as 2017, not "last"');
    expect(existsSync(out)).toBe(false);
  });

  it('says on the command line that chart images need the app', () => {
    const again = wardlens(
      'pack',
      '--db',
      db,
      '--area',
      'Harrow',
      '--year',
      '2017',
      '--categories',
      'Burglary',
      '--out',
      path.join(tempDir(), 'p'),
    );
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(
      'Chart images were not made: the command line cannot draw PNG or SVG images',
    );
    expect(again.stdout).toContain('Harrow 2017 report.html');
  });
});

describe('the workbook', () => {
  let wb: XLSX.WorkBook;
  let rowsOf: (sheet: string) => unknown[][];
  beforeAll(() => {
    wb = XLSX.read(readFileSync(path.join(folder, 'Harrow 2017 tables.xlsx')), {
      type: 'buffer',
      cellNF: true,
    });
    rowsOf = (sheet) =>
      XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet]!, {
        header: 1,
        raw: true,
        blankrows: true,
        defval: null,
      });
  });

  it("has a contents sheet, a summary, each category's tables and a sources & caveats sheet, in that order", () => {
    const blocks = ['Quick facts', 'Months', 'Rolling year', 'Neighbours'];
    const expected = [
      'Contents',
      'Summary',
      ...CATEGORIES.flatMap((c) => blocks.map((b) => `${c} – ${b}`)),
      'Sources & caveats',
    ];
    expect(wb.SheetNames).toEqual(expected);
    expect(result.sheets).toEqual(expected);
    const contents = rowsOf('Contents');
    expect(contents[2]).toEqual(['Sheet', 'What it holds']);
    expect(contents.slice(3, 3 + expected.length - 1).map((r) => r[0])).toEqual(expected.slice(1));
  });

  it('holds the quick facts of both categories in the summary, as numbers', () => {
    const rows = rowsOf('Summary');
    expect(rows[2]).toEqual([
      'Category',
      'Offences 2016',
      'Offences 2017',
      'Change',
      '% change',
      'Rate per 1,000 2016',
      'Rate per 1,000 2017',
      'Rate change',
      'Change test',
    ]);
    findings.forEach((f, i) => {
      const row = rows[3 + i]!;
      const q = f.quickFacts;
      expect(row.slice(0, 4)).toEqual([f.category.label, q.previous, q.current, q.change]);
      expect(row[4] as number).toBeCloseTo(q.percentChange.value! / 100, 14);
      expect(row.slice(5, 8)).toEqual([q.previousRate, q.currentRate, q.rateChange]);
      expect(row[8]).toMatch(/^(No significant change|Significant (rise|fall)) \(p [<=] [\d.]+\)$/);
    });
  });

  it("holds each block's figures exactly as the findings give them", () => {
    findings.forEach((f) => {
      const c = f.category.label;
      const quick = rowsOf(`${c} – Quick facts`);
      expect(quick[3]!.slice(0, 4)).toEqual([
        'Harrow',
        f.quickFacts.previous,
        f.quickFacts.current,
        f.quickFacts.change,
      ]);
      expect(quick[4]!.slice(0, 3)).toEqual([
        f.neighbours!.london!.name,
        f.neighbours!.london!.previous,
        f.neighbours!.london!.current,
      ]);

      const months = rowsOf(`${c} – Months`);
      expect(months[2]).toEqual(['Month', '2016', '2017', 'Change', 'Against the two-year monthly average']);
      f.months.rows.forEach((m, i) =>
        expect(months[3 + i]!.slice(0, 4), m.label).toEqual([
          m.label.slice(0, 3),
          m.previous,
          m.current,
          m.current! - m.previous!,
        ]),
      );
      expect(months[15]!.slice(0, 3)).toEqual(['Total', f.quickFacts.previous, f.quickFacts.current]);

      const rolling = rowsOf(`${c} – Rolling year`);
      f.rollingYear.points.forEach((p, i) => expect(rolling[3 + i]!.slice(0, 2)).toEqual([p.label, p.total]));
      expect(rolling[3 + 23]![2]).toBe(f.rollingYear.latest.previousTotal);

      const neighbours = rowsOf(`${c} – Neighbours`);
      [...f.neighbours!.rows, f.neighbours!.london!].forEach((n, i) =>
        expect(neighbours[3 + i]!.slice(0, 7)).toEqual([
          n.name,
          n.previous,
          n.previousRate,
          n.current,
          n.currentRate,
          n.change,
          n.rateChange,
        ]),
      );
      f.neighbours!.rows.forEach((n, i) =>
        expect(neighbours[3 + i]![8]).toBe(n.rag![0]!.toUpperCase() + n.rag!.slice(1)),
      );
    });
  });

  it('formats, freezes and sources every table sheet', () => {
    const parts = xlsxParts(readFileSync(path.join(folder, 'Harrow 2017 tables.xlsx')));
    for (const sheet of wb.SheetNames) {
      const xml = parts.sheetXml(sheet);
      expect(xml, sheet).toMatch(/<pane [^>]*ySplit="3"[^>]*state="frozen"/);
      expect(xml, sheet).not.toMatch(/<f[ >]/);
      expect(parts.cellStyle(sheet, 'A3').bold, sheet).toBe(true);
      expect(parts.cellStyle(sheet, 'A1').bold, sheet).toBe(true);
    }
    expect(parts.cellStyle('Burglary – Neighbours', 'B4').numFmt).toBe('#,##0');
    expect(parts.cellStyle('Burglary – Neighbours', 'C4').numFmt).toBe('#,##0.00');
    expect(parts.cellStyle('Summary', 'E4').numFmt).toMatch(/^\+0\.0%/);
    const notes = rowsOf('Burglary – Neighbours').map((r) => String(r[0] ?? ''));
    expect(notes.find((n) => n.startsWith('Files:'))).toContain('MPS_Borough_Level_Crime_Historic.csv');
    expect(notes).toContain(
      "Rates are per 1,000 residents, using each period’s own population (the 2016 and 2017 projections) from housing-density-borough.csv.",
    );
    const sources = rowsOf('Sources & caveats').map((r) => `${r[0]}: ${r[1]}`);
    expect(sources).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^File: MPS Borough Level Crime \(most recent 24 months\)\.csv: Jan 2017 – Dec 2018, imported/,
        ),
      ]),
    );
    expect(sources.filter((s) => s.startsWith('Caveat: Robbery'))).toEqual(
      findings[1]!.caveats.map((c) => `Caveat: Robbery: ${c}`),
    );
    expect(sources.some((s) => s.startsWith('Method: Rate change = '))).toBe(true);
  });
});

describe("the charts' data", () => {
  it('writes one JSON file per chart, matching the findings and the result', () => {
    for (const [i, f] of findings.entries()) {
      const prefix = CATEGORIES[i]!.toLowerCase();
      const months = JSON.parse(
        readFileSync(path.join(folder, 'charts', `${prefix}-months.json`), 'utf8'),
      ) as ChartData;
      expect(months.categories).toEqual([
        'Jan',
        'Feb',
        'Mar',
        'Apr',
        'May',
        'Jun',
        'Jul',
        'Aug',
        'Sep',
        'Oct',
        'Nov',
        'Dec',
      ]);
      expect(months.series.map((s) => s.name)).toEqual(['2016', '2017', 'Two-year monthly average']);
      expect(months.series[0]!.values).toEqual(f.months.rows.map((r) => r.previous));
      expect(months.series[1]!.values).toEqual(f.months.rows.map((r) => r.current));
      const rolling = JSON.parse(
        readFileSync(path.join(folder, 'charts', `${prefix}-rolling-year.json`), 'utf8'),
      ) as ChartData;
      expect(rolling.series[0]!.values).toEqual(f.rollingYear.points.map((p) => p.total));
      const neighbours = JSON.parse(
        readFileSync(path.join(folder, 'charts', `${prefix}-neighbours.json`), 'utf8'),
      ) as ChartData;
      expect(neighbours.categories).toEqual(['Harrow', ...NEIGHBOURS, 'London (32 boroughs)']);
      expect(neighbours.series[1]!.values).toEqual(
        [...f.neighbours!.rows, f.neighbours!.london!].map((r) => r.currentRate),
      );
      expect(neighbours.sourceNote).toBe(
        'Source: MPS borough counts, older category scheme, Jan 2016 – Dec 2017; populations 2016 and 2017. Made with Wardlens.',
      );
    }
    expect(result.charts.map((c) => path.relative(folder, c.file))).toEqual(chartFiles);
  });
});

/** The report's scripts and everything outside them. */
function splitHtml(html: string) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({
    attrs: m[1]!,
    code: m[2]!,
  }));
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>');
  return { scripts, markup };
}

describe('the HTML report', () => {
  let html: string;
  beforeAll(() => {
    html = readFileSync(path.join(folder, 'Harrow 2017 report.html'), 'utf8');
  });

  it('lays out the blocks in the standard order for each category, then methods and sources', () => {
    const { markup } = splitHtml(html);
    const at = (text: string, from = 0) => markup.indexOf(text, from);
    let from = at('<h2>Summary</h2>');
    expect(from).toBeGreaterThan(0);
    for (const f of findings) {
      const start = at(`<h2>${f.category.label}</h2>`, from);
      const order = [
        '<h3>Quick facts</h3>',
        escape(f.quickFacts.sentences[0]!),
        '<h3>Findings</h3>',
        '<h3>Charts</h3>',
        '<h3>Tables</h3>',
        '<h3>Caveats</h3>',
      ].map((t) => at(t, start));
      expect(
        order.every((p) => p > start),
        f.category.label,
      ).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      from = order.at(-1)!;
    }
    expect(at('<h2>Methods and sources</h2>', from)).toBeGreaterThan(from);
    expect(markup).toContain('1,995'); // Harrow burglary 2016, UK thousands separator
    expect(markup).toContain('Jan 2017');
  });

  it('loads nothing from anywhere: no remote reference in the markup, a strict CSP, plotly inlined', () => {
    const { scripts, markup } = splitHtml(html);
    expect(scripts.map((s) => s.attrs.trim())).toEqual([
      'type="application/json" id="wardlens-charts"',
      '',
      '',
    ]);
    expect(scripts.every((s) => !/\bsrc\s*=/.test(s.attrs))).toBe(true);
    expect(markup).not.toMatch(/https?:\/\//i);
    expect(markup).not.toMatch(/<(link|iframe|img|object|embed|base|audio|video|source)\b/i);
    expect(markup).not.toMatch(/\bsrc\s*=|url\(|@import/i);
    // Plotly's basic bundle (lines, bars: all the report draws), not the whole 4.9 MB library.
    // It may hold URL strings (docs); the CSP below would block any fetch anyway.
    const plotly = scripts[1]!.code;
    expect(plotly.length).toBeGreaterThan(1_000_000);
    expect(plotly.length).toBeLessThan(1_500_000);
    expect(plotly).toMatch(/plotly\.js \(basic - minified\) v3/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/
      .exec(html)![1]!
      .replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/https?:|\*/);
    const hashes = [...csp.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]);
    const sha = (code: string) => createHash('sha256').update(code, 'utf8').digest('base64');
    expect(hashes).toEqual([sha(scripts[1]!.code), sha(scripts[2]!.code)]);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it.skipIf(!existsSync(CHROMIUM))(
    'opens in Chromium, draws every chart, prints to PDF, and makes no request beyond file://',
    async () => {
      const { requests, problems, drawn, plots, pdf, pages } = await openReport(
        path.join(folder, 'Harrow 2017 report.html'),
      );
      expect(problems).toEqual([]);
      // It prints: a PDF whose pages fit the report (the summary, each category from a new
      // page with its facts, findings, three charts, four tables and caveats, then methods).
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pages).toBeGreaterThanOrEqual(7);
      expect(pages).toBeLessThanOrEqual(16);
      expect(drawn).toBe(String(chartFiles.length));
      expect(plots).toBe(chartFiles.length);
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    },
    60_000,
  );
});

const escape = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Opens a report in Debian's Chromium with a fresh profile, recording every request, console error and CSP violation. */
async function openReport(file: string) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    // Anything that tries to leave the machine is recorded above, then refused.
    await context.route(/^(?!file:)/, (route) => route.abort());
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.addInitScript({
      content:
        "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
    });
    await page.goto(`file://${file}`);
    await page.waitForFunction(
      'document.documentElement.getAttribute("data-charts-drawn") !== null',
      undefined,
      { timeout: 30_000 },
    );
    // Printing redraws the charts at page width: that must not fetch anything either.
    await page.emulateMedia({ media: 'print' });
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    // Chromium's print path, as the browser's Print → Save as PDF and the desktop app's PDF use it.
    const pdf = await page.pdf({ path: path.join(path.dirname(file), '..', 'printed.pdf'), format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
    const drawn = await page.evaluate('document.documentElement.getAttribute("data-charts-drawn")');
    // A drawn Plotly chart is a .js-plotly-plot holding its SVG.
    const plots = await page.evaluate(
      '[...document.querySelectorAll(".chart.js-plotly-plot")].filter((el) => el.querySelector("svg.main-svg")).length',
    );
    return { requests, problems, drawn, plots, pdf, pages };
  } finally {
    await browser.close();
  }
}

describe('hostile names', () => {
  it.skipIf(!existsSync(CHROMIUM))(
    'keeps markup and formulas in area names inert in the report, the workbook and the file names',
    async () => {
      const dir = tempDir();
      const img = '<img src="http://127.0.0.1:9/x.png">';
      const formula = '=HYPERLINK("http://x")';
      const months = Array.from(
        { length: 24 },
        (_, i) => `${2016 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`,
      );
      const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
      const lines = [img, formula, 'Harrow'].flatMap((b, i) =>
        ['Burglary', 'Robbery'].map((major, j) =>
          [
            q(b),
            major,
            `${major} in general`,
            ...months.map((_, m) => String((i * 7 + j * 3 + m) % 23)),
          ].join(','),
        ),
      );
      writeFileSync(
        path.join(dir, 'hostile.csv'),
        `Borough,Major Category,Minor Category,${months.join(',')}\n${lines.join('\n')}\n`,
      );
      const hw = tempWorkspace();
      try {
        await importFiles(hw, [path.join(dir, 'hostile.csv')]);
        const out = path.join(dir, 'pack');
        const r = await exportPack(hw.db, {
          area: img,
          year: 2017,
          categories: ['Burglary', 'Robbery'],
          neighbours: [formula, 'Harrow'],
          folder: out,
        });
        const report = r.files.find((f) => f.kind === 'html')!.path;
        expect(path.dirname(report)).toBe(out); // no path characters from the name
        const html = readFileSync(report, 'utf8');
        expect(splitHtml(html).markup).not.toContain(img);
        expect(html).toContain(escape(img));
        const { requests, problems, drawn } = await openReport(report);
        expect(problems).toEqual([]);
        expect(drawn).toBe('6');
        expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
        const parts = xlsxParts(readFileSync(r.files.find((f) => f.kind === 'xlsx')!.path));
        for (const sheet of r.sheets) expect(parts.sheetXml(sheet)).not.toMatch(/<f[ >]/);
      } finally {
        hw.close();
      }
    },
    90_000,
  );
});

describe('failures leave no pack files behind', () => {
  it("refuses to overwrite the pack's files without --force, and replaces them with it", () => {
    const workbook = path.join(folder, 'Harrow 2017 tables.xlsx');
    const before = sha256File(workbook);
    const r = wardlens(
      'pack',
      '--db',
      db,
      '--area',
      'Harrow',
      '--year',
      '2017',
      '--categories',
      'Burglary',
      '--out',
      folder,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${workbook} already exists`);
    expect(sha256File(workbook)).toBe(before);
    const forced = wardlens(
      'pack',
      '--db',
      db,
      '--dataset',
      'mps-borough-old',
      '--area',
      'Harrow',
      '--year',
      '2017',
      '--categories',
      'Burglary',
      '--out',
      folder,
      '--force',
    );
    expect(forced.status).toBe(0);
    expect(sha256File(workbook)).not.toBe(before);
    expect(readdirSync(folder).filter((f) => f.includes('wardlens-tmp'))).toEqual([]);
  });

  it('writes none of its files when one cannot be written', async () => {
    const out = path.join(tempDir(), 'blocked');
    mkdirSync(out);
    writeFileSync(path.join(out, 'charts'), 'a file where the charts folder would go');
    await expect(
      exportPack(ws.db, { area: 'Harrow', year: 2017, categories: CATEGORIES, folder: out }),
    ).rejects.toThrow(/charts/);
    expect(readdirSync(out)).toEqual(['charts']);
  });

  it('writes nothing for an unknown category, and says which', async () => {
    const out = path.join(tempDir(), 'unknown');
    await expect(
      exportPack(ws.db, { area: 'Harrow', year: 2017, categories: ['Burglary', 'Burglery'], folder: out }),
    ).rejects.toThrow(/Burglery/);
    expect(existsSync(out)).toBe(false);
  });

  it('writes nothing when cancelled, before or after some files were staged', async () => {
    for (const step of ['Burglary', 'report']) {
      const out = path.join(tempDir(), `cancelled-at-${step}`);
      const controller = new AbortController();
      const seen: string[] = [];
      const onProgress = (p: { file: string }) => {
        seen.push(p.file);
        if (p.file === step) controller.abort();
      };
      const pack = exportPack(
        ws.db,
        { area: 'Harrow', year: 2017, categories: CATEGORIES, folder: out },
        { signal: controller.signal, onProgress },
      );
      await expect(pack).rejects.toMatchObject({
        code: 'cancelled',
        message: 'The pack was cancelled; nothing was written.',
      });
      expect(seen.at(-1)).toBe(step);
      // Cancelled at "report", the workbook and the report were already staged: their temporary files are gone too.
      const left = existsSync(out) ? readdirSync(out, { recursive: true }).map(String) : [];
      expect(
        left.filter((f) => f !== 'charts'),
        step,
      ).toEqual([]);
    }
  });
});
