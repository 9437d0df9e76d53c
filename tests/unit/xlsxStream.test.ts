// src/core/importers/readers/xlsxStream.ts: a large sheet read in a stream gives exactly the
// rows SheetJS gives (xlsx.ts), for every real workbook in the shared data, a generated wide
// MPS ward file and a hand-written workbook holding every kind of cell.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mpsWardTable, writeMpsWardXlsx } from '../../bench/generate';
import { openTable } from '../../src/core/importers/readers/open';
import type { SheetRow, TableSource } from '../../src/core/importers/readers/table';
import { xlsxSheetNames } from '../../src/core/importers/readers/xlsx';
import { makeZip } from '../support/zip';

const DATA = '/work/shared/data';
const dir = mkdtempSync(join(tmpdir(), 'wardlens-xlsx-stream-'));
afterAll(() => { if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); });

function xlsxFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    if (statSync(path).isDirectory()) return xlsxFiles(path);
    return /\.xlsx$/i.test(name) ? [path] : [];
  });
}

interface Read {
  sheet: string | null;
  head: SheetRow[];
  rows: SheetRow[];
  streamed: boolean;
}

/**
 * Reads a sheet whole, through SheetJS or (threshold 0) through the stream; streamed, its rows
 * kept from the first pass over the XML or (`kept` false) read from the XML again.
 */
async function read(path: string, streamed: boolean, sheet?: string, kept = true): Promise<Read> {
  const before = process.env.WARDLENS_XLSX_STREAM_BYTES;
  process.env.WARDLENS_XLSX_STREAM_BYTES = streamed ? '0' : String(Number.MAX_SAFE_INTEGER);
  if (!kept) process.env.WARDLENS_XLSX_KEEP_CELLS = '0';
  try {
    const source: TableSource = openTable(path, sheet);
    const rows: SheetRow[] = [];
    for await (const row of source.rows()) rows.push(row);
    // Only the streaming reader hands out batches.
    return { sheet: source.sheet, head: source.head, rows, streamed: 'batches' in source && !('path' in source) };
  } finally {
    delete process.env.WARDLENS_XLSX_KEEP_CELLS;
    if (before === undefined) delete process.env.WARDLENS_XLSX_STREAM_BYTES;
    else process.env.WARDLENS_XLSX_STREAM_BYTES = before;
  }
}

async function expectSame(path: string, sheet?: string): Promise<Read> {
  const whole = await read(path, false, sheet);
  const stream = await read(path, true, sheet);
  expect(whole.streamed).toBe(false);
  expect(stream.streamed).toBe(true);
  expect(stream.sheet).toBe(whole.sheet);
  expect(stream.head).toEqual(whole.head);
  expect(stream.rows.length).toBe(whole.rows.length);
  // Row by row, so a difference names its row rather than dumping the sheet.
  for (let i = 0; i < whole.rows.length; i++) expect(stream.rows[i], `row ${i}`).toEqual(whole.rows[i]);
  const reread = await read(path, true, sheet, false);
  expect(reread.head).toEqual(whole.head);
  expect(reread.rows.length).toBe(whole.rows.length);
  for (let i = 0; i < whole.rows.length; i++) expect(reread.rows[i], `row ${i}, read again`).toEqual(whole.rows[i]);
  return stream;
}

describe('streaming xlsx reader gives the rows SheetJS gives', () => {
  const real = xlsxFiles(DATA);

  it('finds the real workbooks', () => {
    expect(real.length).toBeGreaterThanOrEqual(2);
  });

  for (const path of real) {
    it(`every sheet of ${path.slice(DATA.length + 1)}`, async () => {
      const names = xlsxSheetNames(path);
      expect(names.length).toBeGreaterThan(0);
      await expectSame(path);
      for (const name of names) await expectSame(path, name);
    }, 120_000);
  }

  it('a generated wide MPS ward file (3,000 rows × 120 months)', async () => {
    const path = join(dir, 'mps-ward.xlsx');
    const table = mpsWardTable({ rows: 3000, months: 120 });
    writeMpsWardXlsx(path, table);
    const stream = await expectSame(path);
    // And against the table written, independently of either reader.
    expect(stream.rows.length).toBe(table.rows.length + 1);
    expect(stream.rows[0]!.cells).toEqual(table.header);
    expect(stream.rows[1234]!.cells).toEqual(table.rows[1233]);
    const total = (rows: unknown[][]) => rows.reduce<number>((s, r) => s + r.reduce<number>((a, c) => a + (typeof c === 'number' ? c : 0), 0), 0);
    expect(total(stream.rows.slice(1).map((r) => r.cells))).toBe(total(table.rows));
  }, 120_000);

  it('a hand-written workbook with every kind of cell', async () => {
    const path = join(dir, 'kinds.xlsx');
    writeFileSync(path, kindsWorkbook(false));
    const stream = await expectSame(path);
    const cells = new Map(stream.rows.map((r) => [r.row, r.cells]));
    // Spot checks against the XML below, so that both readers agreeing on a wrong value fails too.
    expect(stream.rows[0]!.row).toBe(2); // the dimension starts at B2
    expect(cells.get(2)).toEqual(['Ward', 'Rich text', 'Inline <b>', true, '#DIV/0!', null]);
    // A formula with no saved value reads as its text (_xlfn. dropped), never as 0.
    expect(cells.get(3)!.slice(0, 4)).toEqual([12.5, '=SUM(B1:B2)', '=XLOOKUP(1,A:A,B:B)', 'cached text']);
    expect(cells.get(4)).toEqual([]); // a row the sheet does not have
    expect(cells.get(5)![0]).toEqual(new Date(2022, 0, 1));
    expect(stream.sheet).toBe('Visible');
    const book1904 = join(dir, 'kinds-1904.xlsx');
    writeFileSync(book1904, kindsWorkbook(true));
    const s1904 = await expectSame(book1904);
    expect(s1904.rows.find((r) => r.row === 5)!.cells[0]).toEqual(new Date(2026, 0, 2));
    await expectSame(path, 'Hidden');
  });
});

/** A workbook written by hand: shared and inline strings, rich text, booleans, errors, formulas, dates, gaps. */
function kindsWorkbook(date1904: boolean): Buffer {
  const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const sheet = (rows: string, dim: string) => xml(`<worksheet ${ns}><dimension ref="${dim}"/><sheetData>${rows}</sheetData></worksheet>`);
  // 44562 is 1 Jan 2022 in the 1900 system; in the 1904 system it is 2 Jan 2026.
  const visible = sheet(
    '<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="inlineStr"><is><t>Inline &lt;b&gt;</t></is></c>' +
      '<c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="G2" s="0"/></row>' +
      '<row r="3"><c r="B3"><v>12.5</v></c><c r="C3" t="n"><f>SUM(B1:B2)</f></c><c r="D3"><f>_xlfn.XLOOKUP(1,A:A,B:B)</f></c><c t="str"><f>A1</f><v>cached text</v></c>' +
      '<c r="G3" t="s"><v>2</v></c></row>' +
      '<row r="5"><c r="B5" s="1"><v>44562</v></c><c r="C5" s="2"><v>0.5</v></c><c r="D5" s="3"><v>44562.25</v></c><c r="E5" t="e"><v>#N/A</v></c><c r="F5" t="str"><v>a&amp;amp;b_x000D_</v></c></row>' +
      '<row r="7" spans="2:3"><c r="B7" s="4"/></row>',
    'B2:G9',
  );
  const hidden = sheet('<row r="1"><c r="A1" t="s"><v>3</v></c><c r="B1"><v>7</v></c></row><row r="2"><c r="A2" t="s"><v>4</v></c></row>', 'A1:B2');
  const strings = xml(
    `<sst ${ns} count="5" uniqueCount="5"><si><t>Ward</t></si><si><r><rPr><b/></rPr><t>Rich</t></r><r><t xml:space="preserve"> text</t></r><rPh sb="0" eb="1"><t>phonetic</t></rPh></si>` +
      '<si><t>tail</t></si><si><t>Lookup</t></si><si><t>line_x000D_&#13;&#10;break</t></si></sst>',
  );
  const styles = xml(
    `<styleSheet ${ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="mmm\\ yyyy"/></numFmts>` +
      '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/><xf numFmtId="22"/><xf numFmtId="14"/></cellXfs></styleSheet>',
  );
  const workbook = xml(
    `<workbook ${ns}><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Hidden" sheetId="1" state="hidden" r:id="rId2"/><sheet name="Visible" sheetId="2" r:id="rId1"/></sheets></workbook>`,
  );
  const rels = xml(
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
  );
  const types = xml(
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  );
  const rootRels = xml(
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  return makeZip([
    { name: '[Content_Types].xml', data: types },
    { name: '_rels/.rels', data: rootRels },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: rels },
    { name: 'xl/worksheets/sheet1.xml', data: visible },
    { name: 'xl/worksheets/sheet2.xml', data: hidden },
    { name: 'xl/styles.xml', data: styles },
    { name: 'xl/sharedStrings.xml', data: strings },
  ]);
}
