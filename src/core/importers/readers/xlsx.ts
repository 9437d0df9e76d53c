/**
 * xlsx workbooks, through SheetJS. A workbook is read whole, so before reading Wardlens
 * checks the chosen sheet's uncompressed size and refuses one too large to read safely;
 * it never works on a sheet SheetJS may have read only in part.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { badInput, WardlensError } from '../../errors';
import { checkRow, MAX_COLUMNS, tooManyColumns } from './limits';
import { HEAD_ROWS, type SheetRow, type TableSource } from './table';
import { dateStyles, readWorkbook, sharedStrings, type WorkbookInfo } from './xlsxParts';
import { openStreamedSheet } from './xlsxStream';
import { misdeclaredEntry, zipEntrySizes } from './zipSizes';

/**
 * Largest sheet XML we read (uncompressed). SheetJS holds the XML as one string and the
 * cells as objects: 150 MB of XML is roughly a million rows of ten columns and about 1.5 GB
 * of memory while reading, and V8 cannot hold strings much over 500 MB at all.
 */
export const MAX_SHEET_XML_BYTES = Number(process.env.WARDLENS_MAX_SHEET_BYTES ?? 150 * 1024 * 1024);

/**
 * Sheets whose XML is larger than this (uncompressed) are read in a stream (xlsxStream.ts)
 * rather than by SheetJS, which spends most of a large import building cell objects. Read
 * when a workbook is opened, so tests can set it to 0 to send every sheet down the stream.
 */
export function streamSheetBytes(): number {
  return Number(process.env.WARDLENS_XLSX_STREAM_BYTES ?? 8 * 1024 * 1024);
}

export function openXlsx(path: string, sheetName?: string, displayName = basename(path)): TableSource {
  const buffer = readFileSync(path);
  const sizes = zipEntrySizes(buffer);
  if (!sizes && buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50) {
    // A zip's directory is at its end: a zip that starts well but has none was cut short.
    throw badInput(displayName, 'the workbook is cut short or damaged (an interrupted download or copy?). Open it in Excel, save it again and import that.');
  }
  if (!sizes || !sizes.has('[Content_Types].xml')) {
    throw badInput(displayName, 'this is not an Excel .xlsx workbook (the file is not in the xlsx format). Open it in Excel and save it as .xlsx or CSV.');
  }
  // Before SheetJS touches the workbook at all: even listing the sheets inflates every entry.
  guardSheetSize(displayName, sizes);
  const inflated = guardEntries(displayName, buffer, sizes);
  const streamed = openLargeSheet(path, buffer, sizes, sheetName, displayName, inflated);
  if (streamed) return streamed;
  const names = XLSX.read(buffer, { type: 'buffer', bookSheets: true }).SheetNames;
  const sheet = chooseSheet(displayName, names, hiddenSheets(buffer), sheetName);
  let workbook: XLSX.WorkBook;
  try {
    // Cell values only: formulas are never evaluated (a formula's saved value is its value) and
    // an .xlsm's macros are never read. Stubs show the formulas that have no saved value.
    workbook = XLSX.read(buffer, { type: 'buffer', dense: true, cellDates: true, cellStyles: false, cellHTML: false, sheetStubs: true, sheets: sheet });
  } catch (err) {
    throw badInput(displayName, `the workbook could not be read: ${(err as Error).message}`);
  }
  const rows = sheetRows(displayName, workbook.Sheets[sheet]!);
  const total = statSync(path).size;
  return {
    file: displayName,
    sheet,
    head: rows.slice(0, HEAD_ROWS),
    progress: () => ({ read: total, total }),
    async *rows(signal?: AbortSignal) {
      for (const row of rows) {
        signal?.throwIfAborted();
        yield row;
      }
    },
  };
}

/** The sheet the analyst sees first: hidden sheets (lookups, old figures) are read only by name. */
function chooseSheet(file: string, names: string[], hidden: boolean[], sheetName: string | undefined): string {
  const sheet = sheetName ?? names.find((_, i) => !hidden[i]) ?? names[0];
  if (sheet === undefined || !names.includes(sheet)) {
    throw badInput(file, sheetName ? `there is no sheet called "${sheetName}" (sheets: ${names.join(', ')}).` : 'the workbook has no sheets.');
  }
  return sheet;
}

/** Small parts of the workbook, inflated whole (each is within the size guards already checked). */
function readParts(buffer: Buffer, names: string[]): Record<string, string> {
  const wanted = new Set(names);
  const files = unzipSync(buffer, { filter: (f) => wanted.has(f.name) });
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

function workbookInfo(buffer: Buffer): WorkbookInfo | null {
  const parts = readParts(buffer, ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
  const workbook = parts['xl/workbook.xml'];
  return workbook === undefined ? null : readWorkbook(workbook, parts['xl/_rels/workbook.xml.rels']);
}

/**
 * The chosen sheet read in a stream when its XML is large (see streamSheetBytes), or null to
 * read it with SheetJS. Chooses the sheet exactly as the SheetJS path does.
 */
function openLargeSheet(path: string, buffer: Buffer, sizes: Map<string, number>, sheetName: string | undefined, file: string, inflated: Map<string, Buffer>): TableSource | null {
  const largest = Math.max(0, ...[...sizes].filter(([n]) => n.startsWith('xl/worksheets/')).map(([, s]) => s));
  if (largest < streamSheetBytes()) return null;
  const book = workbookInfo(buffer);
  if (!book) return null;
  const names = book.sheets.map((s) => s.name);
  const sheet = chooseSheet(file, names, book.sheets.map((s) => s.hidden), sheetName);
  const part = book.sheets[names.indexOf(sheet)]!.part;
  if (!part || !part.startsWith('xl/worksheets/') || (sizes.get(part) ?? 0) < streamSheetBytes()) return null;
  const parts = readParts(buffer, ['xl/styles.xml', 'xl/sharedStrings.xml']);
  return openStreamedSheet({
    file,
    sheet,
    zip: buffer,
    part,
    xml: inflated.get(part),
    declaredBytes: sizes.get(part) ?? 0,
    fileBytes: statSync(path).size,
    context: { file, strings: sharedStrings(parts['xl/sharedStrings.xml']), dateStyles: dateStyles(parts['xl/styles.xml']), date1904: book.date1904 },
  });
}

/** Sheet names, in workbook order. */
export function xlsxSheetNames(path: string): string[] {
  const buffer = readFileSync(path);
  const sizes = zipEntrySizes(buffer);
  if (!sizes) throw badInput(basename(path), 'this is not an Excel .xlsx workbook.');
  guardSheetSize(basename(path), sizes);
  guardEntries(basename(path), buffer, sizes);
  // SheetJS inflates every part just to list the sheets: too slow for a large workbook.
  const largest = Math.max(0, ...[...sizes].filter(([n]) => n.startsWith('xl/worksheets/')).map(([, s]) => s));
  const book = largest >= streamSheetBytes() ? workbookInfo(buffer) : null;
  return book ? book.sheets.map((s) => s.name) : XLSX.read(buffer, { type: 'buffer', bookSheets: true }).SheetNames;
}

function guardSheetSize(file: string, sizes: Map<string, number>): void {
  // Sheets are xl/worksheets/sheetN.xml; the biggest one bounds what we would load.
  const sheetBytes = Math.max(0, ...[...sizes].filter(([n]) => n.startsWith('xl/worksheets/')).map(([, s]) => s));
  const strings = sizes.get('xl/sharedStrings.xml') ?? 0;
  if (sheetBytes > MAX_SHEET_XML_BYTES || strings > MAX_SHEET_XML_BYTES) {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024).toLocaleString('en-GB')} MB`;
    throw new WardlensError(
      'too-large',
      `${file}: a sheet of this workbook is too large to read safely (${mb(Math.max(sheetBytes, strings))} of sheet data; the limit is ${mb(MAX_SHEET_XML_BYTES)}). Save the sheet as CSV, which Wardlens reads in a stream whatever its size, and import that instead.`,
      { file },
    );
  }
}

/** Which sheets are hidden, in workbook order, from xl/workbook.xml alone (SheetJS's sheet list does not say). */
function hiddenSheets(buffer: Buffer): boolean[] {
  try {
    const xml = unzipSync(buffer, { filter: (f) => f.name === 'xl/workbook.xml' })['xl/workbook.xml'];
    if (!xml) return [];
    return [...strFromU8(xml).matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => /\bstate="(?:hidden|veryHidden)"/.test(m[0]));
  } catch {
    return [];
  }
}

/**
 * A zip bomb can declare a small size for a sheet that inflates to gigabytes, past the size
 * guard: every part is checked against what it declares before SheetJS inflates anything.
 */
function guardEntries(file: string, buffer: Buffer, sizes: Map<string, number>): Map<string, Buffer> {
  const declared = [...sizes.values()].reduce((a, b) => a + b, 0);
  if (declared > 4 * MAX_SHEET_XML_BYTES) {
    throw new WardlensError('too-large', `${file}: the workbook is too large to read safely (it unpacks to ${Math.round(declared / 1024 / 1024).toLocaleString('en-GB')} MB). Save the sheet as CSV and import that instead.`, { file });
  }
  // The large sheets, as checked, for the streaming reader (which would otherwise inflate its
  // sheet again); no more of them than one sheet's limit, so a workbook of several large
  // sheets is not held whole.
  const inflated = new Map<string, Buffer>();
  const large = streamSheetBytes();
  let kept = 0;
  const keep = (name: string) => {
    const size = sizes.get(name) ?? 0;
    if (!name.startsWith('xl/worksheets/') || size < large || kept + size > MAX_SHEET_XML_BYTES) return false;
    kept += size;
    return true;
  };
  const wrong = misdeclaredEntry(buffer, inflated, keep);
  if (wrong) {
    throw badInput(
      file,
      wrong.problem === 'larger'
        ? `the workbook is damaged or built to do harm: its part ${wrong.name} holds more than it declares (a "zip bomb"), so it was not unpacked.`
        : `the workbook is damaged: its part ${wrong.name} cannot be unpacked. Open it in Excel, save it again and import that.`,
    );
  }
  return inflated;
}

/**
 * The sheet's rows as arrays of values. Only the range the cells really fill is read (a
 * sheet's <dimension> may claim the whole grid, A1:XFD1048576). A formula without a saved
 * value (as scripts often write them) reads as its formula text and an error value as its
 * text (#DIV/0!), so neither is ever taken for a blank or 0.
 */
function sheetRows(file: string, ws: XLSX.WorkSheet): SheetRow[] {
  const ref = ws['!ref'];
  const data = ws['!data'];
  if (!ref || !data) return [];
  const range = XLSX.utils.decode_range(ref);
  let lastRow = -1;
  let lastCol = -1;
  const asText: [number, number, string][] = [];
  data.forEach((cells, r) => {
    cells?.forEach((cell, c) => {
      if (!cell) return;
      const valueless = cell.t === 'z' || cell.v === undefined;
      if (valueless && !cell.f) return;
      if (valueless) asText.push([r, c, `=${cell.f}`]);
      else if (cell.t === 'e') asText.push([r, c, cell.w ?? '#ERROR']);
      lastRow = Math.max(lastRow, r);
      lastCol = Math.max(lastCol, c);
    });
  });
  if (lastRow < range.s.r || lastCol < range.s.c) return [];
  if (lastCol + 1 > MAX_COLUMNS) throw tooManyColumns(file, lastRow + 1, lastCol + 1);
  ws['!ref'] = XLSX.utils.encode_range({ s: range.s, e: { r: lastRow, c: lastCol } });
  const arrays = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
  for (const [r, c, text] of asText) {
    const cells = arrays[r - range.s.r];
    if (cells) cells[c - range.s.c] = text;
  }
  const columnName = (i: number) => `column ${XLSX.utils.encode_col(range.s.c + i)}`;
  return arrays.map((cells, i) => {
    const row = range.s.r + i + 1;
    checkRow(file, row, cells, columnName);
    return { row, cells };
  });
}
