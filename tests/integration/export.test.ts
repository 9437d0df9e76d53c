// Tables out of Wardlens: pivots and findings blocks to xlsx and csv, read back with readers
// that share no code with the writers (SheetJS and the xlsx XML for xlsx, csv-parse for csv),
// every figure compared with the pivot's; formula injection; no overwrite; no partial files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportTableArgs } from '../../src/shared/export';
import type { PivotCell, PivotResult, PivotSpec } from '../../src/shared/pivot';
import { buildFindings } from '../../src/core/analysis/findings/build';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { dispatch } from '../../src/core/handlers';
import { importFiles } from '../../src/core/importers/importFiles';
import { writeFileSafely } from '../../src/core/export/safeWrite';
import type { Workspace } from '../../src/core/store/workspace';
import { data, repoRoot } from '../support/data';
import { cleanupTempDirs, sha256File, tempDir, tempWorkspace } from '../support/workspace';
import { xlsxParts } from '../support/xlsxXml';

let ws: Workspace;
let out: string;

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [
    data.mpsBoroughHistoric,
    data.mpsBoroughRecent,
    data.populationBorough,
  ]);
  expect(results.every((r) => r.status === 'imported')).toBe(true);
  out = tempDir();
});
afterAll(() => {
  ws?.close();
  cleanupTempDirs();
});

const exportTable = (args: ExportTableArgs) => dispatch({ workspace: ws }, 'export/table', args);

/** The sheet as rows of raw values (numbers as numbers), with SheetJS. */
function readSheet(file: string, sheet = 'Pivot') {
  const wb = XLSX.read(readFileSync(file), { type: 'buffer', cellNF: true });
  const ws = wb.Sheets[sheet]!;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, {
    header: 1,
    raw: true,
    blankrows: true,
    defval: null,
  });
  return { wb, ws, rows };
}

const addr = (r: number, c: number) => XLSX.utils.encode_cell({ r, c });

/** A pivot's rows as the table lays them out: cells, then the row total; then the column totals and grand total. */
function expectedRows(result: PivotResult): { label: string; cells: PivotCell[] }[] {
  const withTotal = result.columns.length > 1;
  const rows = result.rows.map((r, i) => ({
    label: r.labels.join(' · ') || 'All',
    cells: [...result.cells[i]!, ...(withTotal ? [result.rowTotals[i]!] : [])],
  }));
  if (result.rows.length > 1)
    rows.push({ label: 'Total', cells: [...result.columnTotals, ...(withTotal ? [result.grandTotal] : [])] });
  return rows;
}

const boroughYears: PivotSpec = {
  dataset: 'mps-borough-old',
  rows: ['borough'],
  columns: ['year'],
  measure: 'count',
  months: { from: '2016-01', to: '2017-12' },
};

describe('a pivot to xlsx', () => {
  it('writes every count as a number equal to the pivot, with #,##0, a title, a bold frozen header and a source note', async () => {
    const file = path.join(out, 'counts.xlsx');
    const result = runPivot(ws.db, boroughYears);
    const written = await exportTable({ table: { pivot: boroughYears }, format: 'xlsx', path: file });
    expect(written.file).toMatchObject({ path: file, kind: 'xlsx' });
    expect(written.file.bytes).toBe(readFileSync(file).length);

    const { ws: sheet, rows } = readSheet(file);
    expect(rows[0]![0]).toBe('Crimes by borough and year');
    expect(String(rows[1]![0])).toContain('MPS borough counts, older category scheme, Jan 2016 – Dec 2017');
    expect(rows[2]).toEqual(['Borough', '2016', '2017', 'Total']);
    const expected = expectedRows(result);
    expect(expected).toHaveLength(34); // 33 areas (32 boroughs + the airports) and the total
    expected.forEach((e, i) => {
      const r = 3 + i;
      expect(rows[r]![0]).toBe(e.label);
      e.cells.forEach((c, k) => {
        const cell = sheet[addr(r, k + 1)]!;
        expect(cell.t, `${e.label} col ${k}`).toBe('n');
        expect(cell.v).toBe(c.value);
        expect(cell.z).toMatch(/^#,##0/);
      });
    });
    const parts = xlsxParts(readFileSync(file));
    const xml = parts.sheetXml('Pivot');
    expect(xml).toMatch(/<pane [^>]*ySplit="3"[^>]*state="frozen"/);
    expect(xml).not.toMatch(/<f[ >]/);
    for (const ref of ['A3', 'B3', 'C3', 'D3']) expect(parts.cellStyle('Pivot', ref).bold, ref).toBe(true);
    expect(parts.cellStyle('Pivot', 'A4').bold).toBe(false);
    const totalRow = 3 + expected.length; // 1-based row of the Total line
    expect(parts.cellStyle('Pivot', `A${totalRow}`).bold).toBe(true);
    expect(parts.cellStyle('Pivot', `D${totalRow}`)).toMatchObject({ bold: true, numFmt: '#,##0' });
    // Widths: the borough column fits "Barking and Dagenham" and the airports' long name.
    const widths = [...xml.matchAll(/<col [^>]*min="(\d+)"[^>]*width="([\d.]+)"/g)].map((m) => Number(m[2]));
    expect(widths[0]).toBeGreaterThanOrEqual('London Heathrow and London City Airports'.length);
    expect(widths.slice(1).every((w) => w >= 8 && w <= 20)).toBe(true);
    // The source note, below the table after a blank row.
    const notes = rows.slice(3 + expected.length + 1).map((r) => String(r[0]));
    expect(notes[0]).toBe('Source: MPS borough counts, older category scheme, Jan 2016 – Dec 2017.');
    expect(notes[1]).toMatch(
      /^Files: MPS_Borough_Level_Crime_Historic\.csv \(Jan 2008 – Dec 2016, imported \d{1,2} \w{3} \d{4}\); MPS Borough Level Crime \(most recent 24 months\)\.csv \(Jan 2017 – Dec 2018, imported/,
    );
    expect(notes.at(-1)).toMatch(/^Exported from Wardlens on \d{1,2} \w{3} \d{4}\.$/);
  });

  it('writes rates with 0.00, names the population years, and marks nothing it should not', async () => {
    const spec: PivotSpec = { ...boroughYears, measure: 'rate' };
    const file = path.join(out, 'rates.xlsx');
    const result = runPivot(ws.db, spec);
    await exportTable({ table: { pivot: spec }, format: 'xlsx', path: file });
    const { ws: sheet, rows } = readSheet(file);
    expectedRows(result).forEach((e, i) =>
      e.cells.forEach((c, k) => {
        const cell = sheet[addr(3 + i, k + 1)]!;
        if (c.value === null) {
          // Not a figure (the airports have no population; a rate over two years is not given).
          expect(cell.t).toBe('s');
          expect(cell.v).toMatch(/^–[*†~]*$/);
        } else {
          expect(cell).toMatchObject({ t: 'n', v: c.value });
          expect(cell.z).toBe('#,##0.00');
        }
      }),
    );
    const notes = rows.map((r) => String(r[0] ?? ''));
    expect(notes).toContain(
      "Rates are per 1,000 residents, using each period’s own population (the 2016 and 2017 projections) from housing-density-borough.csv.",
    );
    expect(notes).toContain(
      'Note: Where “–” shows: A rate across several years is not given: choose one year.',
    );
  });

  it('writes % changes as Excel percents (0.0%), with flag marks in the format and the legend below', async () => {
    const spec: PivotSpec = {
      ...boroughYears,
      measure: 'pct-change',
      months: { from: '2017-01', to: '2017-12' },
      filters: { major: ['Burglary'] },
    };
    const file = path.join(out, 'pct.xlsx');
    const result = runPivot(ws.db, spec);
    await exportTable({ table: { pivot: spec }, format: 'xlsx', path: file });
    const { ws: sheet, rows } = readSheet(file);
    let flagged = 0;
    expectedRows(result).forEach((e, i) =>
      e.cells.forEach((c, k) => {
        const cell = sheet[addr(3 + i, k + 1)]!;
        if (c.value === null) return expect(cell.t).toBe('s');
        expect(cell.t).toBe('n');
        expect(cell.v as number).toBeCloseTo(c.value / 100, 14);
        const marks =
          (c.flags.includes('small') ? '*' : '') +
          (c.flags.includes('incomplete') ? '†' : '') +
          (c.flags.includes('not-significant') ? '~' : '');
        if (marks) flagged++;
        expect(cell.z).toBe(['+0.0%', '"−"0.0%', '0.0%'].map((s) => (marks ? `${s}"${marks}"` : s)).join(';'));
      }),
    );
    expect(flagged).toBeGreaterThan(0); // Harrow's burglary change is within the noise
    const lines = rows.map((r) => String(r[0] ?? ''));
    expect(lines.find((l) => l.startsWith('Marks:'))).toContain(
      '~ the change is within normal year-to-year variation',
    );
    // A change is compared with the year before: both years' files are named.
    expect(lines.find((l) => l.startsWith('Files:'))).toContain('MPS_Borough_Level_Crime_Historic.csv');
  });
});

describe('a pivot to csv', () => {
  it("writes UTF-8 with a BOM, CRLF, the header first, and every figure as the pivot's own number", async () => {
    const spec: PivotSpec = { ...boroughYears, rows: ['borough'], columns: ['year'], measure: 'rate' };
    const file = path.join(out, 'rates.csv');
    const result = runPivot(ws.db, spec);
    await exportTable({ table: { pivot: spec }, format: 'csv', path: file });
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n').length).toBeGreaterThan(30);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const records = parse(bytes, { bom: true, relax_column_count: false }) as string[][];
    expect(records[0]).toEqual(['Borough', '2016', '2017', 'Total', 'Marks']);
    expectedRows(result).forEach((e, i) => {
      const record = records[1 + i]!;
      expect(record[0]).toBe(e.label);
      e.cells.forEach((c, k) =>
        expect(record[1 + k] === '' ? null : Number(record[1 + k]), `${e.label} ${k}`).toBe(c.value),
      );
    });
    const after = records.slice(1 + expectedRows(result).length);
    expect(after[0]!.every((f) => f === '')).toBe(true);
    expect(after.map((r) => r[0])).toEqual(
      expect.arrayContaining([
        'Crimes per 1,000 residents by borough and year',
        'Source: MPS borough counts, older category scheme, Jan 2016 – Dec 2017.',
      ]),
    );
  });

  it('writes negative changes as plain negative numbers and lists flags in the Marks column', async () => {
    const spec: PivotSpec = {
      ...boroughYears,
      measure: 'change',
      months: { from: '2017-01', to: '2017-12' },
      filters: { major: ['Robbery'] },
    };
    const file = path.join(out, 'change.csv');
    const result = runPivot(ws.db, spec);
    await exportTable({ table: { pivot: spec }, format: 'csv', path: file });
    const raw = readFileSync(file, 'utf8');
    const harrow = result.rows.findIndex((r) => r.labels[0] === 'Harrow');
    const change = result.cells[harrow]![0]!;
    expect(change.value).toBeLessThan(0);
    expect(raw).toContain(`\r\nHarrow,${change.value},`);
    expect(raw).not.toContain(`'${change.value}`);
    const records = parse(raw, { bom: true }) as string[][];
    const marked = result.cells
      .map((row, i) => ({ row: i, flags: row[0]!.flags }))
      .filter((x) => x.flags.length);
    for (const m of marked) expect(records[1 + m.row]!.at(-1)).toMatch(/^2017 [*†~]+$/);
  });
});

describe('findings blocks', () => {
  it("exports the nearest-neighbour table with the findings' own figures", async () => {
    const facts = {
      dataset: 'mps-borough-old',
      area: 'Harrow',
      category: 'Burglary',
      year: 2017,
      neighbours: ['Brent', 'Barnet', 'Ealing', 'Hillingdon'],
    };
    const findings = buildFindings(ws.db, facts);
    const file = path.join(out, 'neighbours.xlsx');
    const r = await exportTable({
      table: { findings: facts, block: 'neighbours' },
      format: 'xlsx',
      path: file,
    });
    expect(r.title).toBe('Nearest neighbours: Burglary, 2017 compared with 2016');
    const { ws: sheet, rows } = readSheet(file, 'Nearest neighbours');
    expect(rows[2]).toEqual([
      'Borough',
      'Offences 2016',
      'Rate per 1,000 2016',
      'Offences 2017',
      'Rate per 1,000 2017',
      'Offences change',
      'Rate change',
      'Quartile',
      'RAG',
    ]);
    const expected = [...findings.neighbours!.rows, findings.neighbours!.london!];
    expected.forEach((n, i) => {
      const r0 = 3 + i;
      expect(rows[r0]!.slice(0, 7)).toEqual([
        n.name,
        n.previous,
        n.previousRate,
        n.current,
        n.currentRate,
        n.change,
        n.rateChange,
      ]);
      expect(sheet[addr(r0, 6)]!.z).toMatch(/^\+#,##0\.00/);
    });
    const parts = xlsxParts(readFileSync(file));
    expect(rows[3]![8]).toBe('Green');
    expect(parts.cellStyle('Nearest neighbours', 'I4').fill).toMatch(/B7E1CD$/i);
    expect(parts.cellStyle('Nearest neighbours', `A${3 + expected.length}`).bold).toBe(true); // the London row
  });

  it('refuses a ward table for a borough-level dataset, in plain words', async () => {
    await expect(
      exportTable({
        table: {
          findings: { dataset: 'mps-borough-old', area: 'Harrow', category: 'Burglary', year: 2017 },
          block: 'wards',
        },
        format: 'csv',
        path: path.join(out, 'wards.csv'),
      }),
    ).rejects.toThrow(/is by borough, so it has no ward table/);
    expect(existsSync(path.join(out, 'wards.csv'))).toBe(false);
  });
});

describe('formula injection', () => {
  const hostile = '=HYPERLINK("http://x")';
  let hw: Workspace;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    // An MPS borough file (the older layout) whose borough column holds formulas.
    const months = Array.from({ length: 12 }, (_, i) => `2017${String(i + 1).padStart(2, '0')}`);
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const rows = [hostile, '-2+3', '@SUM(A1)', '+44 20', '\tTabbed', 'Harrow'].map((b, i) =>
      [q(b), 'Burglary', 'Burglary in a Dwelling', ...months.map((_, m) => String((i * 5 + m) % 17))].join(
        ',',
      ),
    );
    writeFileSync(
      path.join(dir, 'hostile.csv'),
      `Borough,Major Category,Minor Category,${months.join(',')}\n${rows.join('\n')}\n`,
    );
    hw = tempWorkspace();
    const [r] = await importFiles(hw, [path.join(dir, 'hostile.csv')]);
    expect(r!.status).toBe('imported');
  });
  afterAll(() => hw?.close());

  const spec: PivotSpec = { dataset: 'mps-borough-old', rows: ['borough'], columns: [], measure: 'count' };

  it('keeps a formula-like area name as inert text in xlsx: a string cell with the Text format, no formula anywhere', async () => {
    const file = path.join(dir, 'hostile.xlsx');
    await dispatch({ workspace: hw }, 'export/table', { table: { pivot: spec }, format: 'xlsx', path: file });
    const { ws: sheet, rows } = readSheet(file);
    const labels = rows.slice(3).map((r) => r[0]);
    expect(labels).toEqual(expect.arrayContaining([hostile, '-2+3', '@SUM(A1)', '+44 20']));
    const ref = addr(
      rows.findIndex((r) => r[0] === hostile),
      0,
    );
    expect(sheet[ref]).toMatchObject({ t: 's', v: hostile, z: '@' });
    expect(sheet[ref]!.f).toBeUndefined();
    const parts = xlsxParts(readFileSync(file));
    expect(parts.sheetXml('Pivot')).not.toMatch(/<f[ >]/);
    expect(parts.part('xl/sharedStrings.xml')).toContain('<t>=HYPERLINK("http://x")</t>');
  });

  it('neutralises every text cell that begins with = + - @ or a tab in csv, and only those', async () => {
    const file = path.join(dir, 'hostile.csv.out.csv');
    const result = runPivot(hw.db, spec);
    await dispatch({ workspace: hw }, 'export/table', { table: { pivot: spec }, format: 'csv', path: file });
    const raw = readFileSync(file, 'utf8');
    expect(raw).toContain(`"'=HYPERLINK(""http://x"")"`);
    const records = parse(raw, { bom: true }) as string[][];
    const labels = records.slice(1, 1 + result.rows.length + 1).map((r) => r[0]);
    const names = result.rows.map((r) => r.labels[0]!);
    for (const name of names) {
      const dangerous = /^[=+\-@\t\r]/.test(name);
      expect(labels, name).toContain(dangerous ? `'${name}` : name);
    }
    expect(names.filter((n) => /^[=+\-@\t]/.test(n)).length).toBeGreaterThanOrEqual(4);
    // No field a spreadsheet would run: every one is a number, plain text or neutralised.
    for (const field of records.flat()) expect(field, field).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
  });
});

describe('safe writing', () => {
  it('never overwrites a file without force, and replaces it with force', async () => {
    const file = path.join(out, 'once.csv');
    await exportTable({ table: { pivot: boroughYears }, format: 'csv', path: file });
    const before = sha256File(file);
    await expect(
      exportTable({ table: { pivot: { ...boroughYears, measure: 'rate' } }, format: 'csv', path: file }),
    ).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringContaining(`${file} already exists`),
      details: { file },
    });
    expect(sha256File(file)).toBe(before);
    await exportTable({
      table: { pivot: { ...boroughYears, measure: 'rate' } },
      format: 'csv',
      path: file,
      force: true,
    });
    expect(sha256File(file)).not.toBe(before);
    expect(readFileSync(file, 'utf8')).toContain('Crimes per 1,000 residents');
    expect(readdirSync(out).filter((f) => f.includes('wardlens-tmp'))).toEqual([]);
  });

  it('leaves no file, and no temporary file, when writing fails half-way', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'half.csv');
    async function* failing() {
      yield 'Borough,2017\r\n';
      yield 'Harrow,1\r\n';
      throw new Error('disk pulled out');
    }
    await expect(writeFileSafely(file, failing(), 'csv')).rejects.toThrow(
      /half\.csv could not be written: disk pulled out\. Nothing was written\./,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves the old file whole when a forced replacement fails half-way', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'keep.csv');
    writeFileSync(file, "the analyst's own file");
    async function* failing() {
      yield 'partial';
      throw new Error('killed');
    }
    await expect(writeFileSafely(file, failing(), 'csv', true)).rejects.toThrow(/killed/);
    expect(readFileSync(file, 'utf8')).toBe("the analyst's own file");
    expect(readdirSync(dir)).toEqual(['keep.csv']);
  });

  it('names the folder it cannot write to, and writes nothing', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'not-a-folder'), '');
    const file = path.join(dir, 'not-a-folder', 'table.xlsx');
    await expect(exportTable({ table: { pivot: boroughYears }, format: 'xlsx', path: file })).rejects.toThrow(
      /not-a-folder is not a folder\. Nothing was written\./,
    );
    const missing = path.join(dir, 'no such folder', 'table.xlsx');
    await expect(
      exportTable({ table: { pivot: boroughYears }, format: 'xlsx', path: missing }),
    ).rejects.toThrow(/The folder .*no such folder does not exist/);
    expect(readdirSync(dir)).toEqual(['not-a-folder']);
  });

  it('refuses a file name that does not match the format, and a relative path', async () => {
    await expect(
      exportTable({ table: { pivot: boroughYears }, format: 'xlsx', path: path.join(out, 'table.csv') }),
    ).rejects.toThrow(/does not end in \.xlsx/);
    await expect(
      exportTable({ table: { pivot: boroughYears }, format: 'csv', path: 'table.csv' }),
    ).rejects.toThrow(/full path/);
  });
});

describe('wardlens export', () => {
  let db: string;
  let dir: string;
  const wardlens = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'wardlens.js'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
  beforeAll(() => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs', 'node'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(build.status).toBe(0);
    dir = tempDir();
    db = path.join(dir, 'w.sqlite');
    const r = wardlens(
      'import',
      data.mpsBoroughHistoric,
      data.mpsBoroughRecent,
      data.populationBorough,
      '--db',
      db,
    );
    expect(r.status).toBe(0);
  }, 120_000);

  it('exports a pivot to csv and xlsx from pivot options, and refuses to overwrite without --force', () => {
    const pivotArgs = [
      '--dataset',
      'mps-borough-old',
      '--rows',
      'borough',
      '--cols',
      'year',
      '--measure',
      'rate',
      '--from',
      '2016-01',
      '--to',
      '2017-12',
    ];
    const csv = wardlens('export', '--db', db, ...pivotArgs, '--out', 'rates.csv');
    expect(csv.stderr).toBe('');
    expect(csv.status).toBe(0);
    expect(csv.stdout).toContain(`✓ ${path.join(dir, 'rates.csv')}`);
    const records = parse(readFileSync(path.join(dir, 'rates.csv')), { bom: true }) as string[][];
    const harrow = records.find((r) => r[0] === 'Harrow')!;
    const result = runPivot(ws.db, { ...boroughYears, measure: 'rate' });
    const i = result.rows.findIndex((r) => r.labels[0] === 'Harrow');
    expect(harrow.slice(1, 3).map(Number)).toEqual(result.cells[i]!.map((c) => c.value));

    const again = wardlens('export', '--db', db, ...pivotArgs, '--out', 'rates.csv');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('rates.csv already exists');
    expect(wardlens('export', '--db', db, ...pivotArgs, '--out', 'rates.csv', '--force').status).toBe(0);

    const xlsx = wardlens(
      'export',
      '--db',
      db,
      ...pivotArgs,
      '--where',
      'borough=Harrow,Brent',
      '--out',
      'two.xlsx',
      '--json',
    );
    expect(xlsx.status).toBe(0);
    expect(JSON.parse(xlsx.stdout)).toMatchObject({ file: { kind: 'xlsx' }, rows: 3 });
    expect(readSheet(path.join(dir, 'two.xlsx')).rows[0]![0]).toBe(
      'Crimes per 1,000 residents by borough and year — Harrow, Brent',
    );
  });

  it('refuses an --out that is neither .xlsx nor .csv', () => {
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    const r = wardlens('export', '--db', db, '--rows', 'borough', '--out', 'sub/table.pdf');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--out must end in .xlsx or .csv');
    expect(readdirSync(path.join(dir, 'sub'))).toEqual([]);
  });
});
