/**
 * xlsx workbooks, through SheetJS. A workbook is read whole, so before reading Wardlens
 * checks the chosen sheet's uncompressed size and refuses one too large to read safely;
 * it never works on a sheet SheetJS may have read only in part.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import * as XLSX from 'xlsx';
import { badInput, WardlensError } from '../../errors';
import { HEAD_ROWS, type SheetRow, type TableSource } from './table';
import { zipEntrySizes } from './zipSizes';

/**
 * Largest sheet XML we read (uncompressed). SheetJS holds the XML as one string and the
 * cells as objects: 150 MB of XML is roughly a million rows of ten columns and about 1.5 GB
 * of memory while reading, and V8 cannot hold strings much over 500 MB at all.
 */
export const MAX_SHEET_XML_BYTES = Number(process.env.WARDLENS_MAX_SHEET_BYTES ?? 150 * 1024 * 1024);

export function openXlsx(path: string, sheetName?: string, displayName = basename(path)): TableSource {
  const buffer = readFileSync(path);
  const sizes = zipEntrySizes(buffer);
  if (!sizes || !sizes.has('[Content_Types].xml')) {
    throw badInput(displayName, 'this is not an Excel .xlsx workbook (the file is not in the xlsx format). Open it in Excel and save it as .xlsx or CSV.');
  }
  // Before SheetJS touches the workbook at all: even listing the sheets inflates every entry.
  guardSheetSize(displayName, sizes);
  const names = XLSX.read(buffer, { type: 'buffer', bookSheets: true }).SheetNames;
  const sheet = sheetName ?? names[0];
  const index = sheet === undefined ? -1 : names.indexOf(sheet);
  if (index < 0) {
    throw badInput(displayName, sheetName ? `there is no sheet called "${sheetName}" (sheets: ${names.join(', ')}).` : 'the workbook has no sheets.');
  }
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(buffer, { type: 'buffer', dense: true, cellDates: true, cellStyles: false, cellHTML: false, sheets: sheet });
  } catch (err) {
    throw badInput(displayName, `the workbook could not be read: ${(err as Error).message}`);
  }
  const rows = sheetRows(workbook.Sheets[sheet!]!);
  const total = statSync(path).size;
  return {
    file: displayName,
    sheet: sheet!,
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

/** Sheet names, in workbook order. */
export function xlsxSheetNames(path: string): string[] {
  const buffer = readFileSync(path);
  const sizes = zipEntrySizes(buffer);
  if (!sizes) throw badInput(basename(path), 'this is not an Excel .xlsx workbook.');
  guardSheetSize(basename(path), sizes);
  return XLSX.read(buffer, { type: 'buffer', bookSheets: true }).SheetNames;
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

function sheetRows(ws: XLSX.WorkSheet): SheetRow[] {
  const ref = ws['!ref'];
  if (!ref) return [];
  const firstRow = XLSX.utils.decode_range(ref).s.r + 1;
  const arrays = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
  return arrays.map((cells, i) => ({ row: firstRow + i, cells }));
}
