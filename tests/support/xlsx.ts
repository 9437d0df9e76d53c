// Writing small .xlsx fixtures with SheetJS, including real Excel date serials for month headers.
import { writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';

/** Excel's day serial for the first day of a month (days since 1899-12-30). */
export function excelSerial(year: number, month: number): number {
  return (Date.UTC(year, month - 1, 1) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** A header cell holding a month as Excel stores it: a serial number with a date format. */
export function excelMonthCell(year: number, month: number): XLSX.CellObject {
  return { t: 'n', v: excelSerial(year, month), z: 'mmm-yy' };
}

/** Writes an array of rows (cells may be CellObjects) as one sheet and returns the bytes. */
export function xlsxBytes(rows: unknown[][], sheetName = 'Sheet1'): Buffer {
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), sheetName);
  return XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

export function writeXlsx(file: string, rows: unknown[][], sheetName = 'Sheet1'): string {
  writeFileSync(file, xlsxBytes(rows, sheetName));
  return file;
}
