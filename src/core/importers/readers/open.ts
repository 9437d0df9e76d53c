/** Opens a file as a table, choosing the reader by what the file is, not only by its name. */
import { closeSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { badInput, WardlensError } from '../../errors';
import { unreadableKindText } from '../fileTypes';
import { openCsv } from './csv';
import type { TableSource } from './table';
import { openXlsx } from './xlsx';

function firstBytes(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(8);
    return b.subarray(0, readSync(fd, b, 0, 8, 0));
  } finally {
    closeSync(fd);
  }
}

export function openTable(path: string, sheet?: string): TableSource {
  const name = basename(path);
  const ext = extname(path).toLowerCase();
  const start = firstBytes(path);
  if (start.length === 0) throw badInput(name, 'the file is empty.', { row: 1 });
  const isZip = start[0] === 0x50 && start[1] === 0x4b;
  const isOle = start.readUInt32LE(0) === 0xe011cfd0;
  if (isOle && (ext === '.xlsx' || ext === '.xlsm')) {
    // Excel keeps a workbook with a password to open as an encrypted OLE container, not a zip.
    throw badInput(name, 'this workbook is protected with a password (or is an old .xls file renamed). Open it in Excel, remove the password (File, Info, Protect Workbook) or save it as .xlsx, and import that.');
  }
  if (ext === '.xls' || isOle) {
    throw badInput(name, 'this is an old-style Excel .xls workbook, or not a spreadsheet at all. Open it in Excel and save it as .xlsx or CSV.');
  }
  if (ext === '.xlsx' || ext === '.xlsm' || isZip) return openXlsx(path, sheet, name);
  if (ext === '.csv' || ext === '.txt' || ext === '') return openCsv(path, name);
  throw new WardlensError('unreadable-file', `${name}: ${unreadableKindText(ext)}`, { file: name, found: ext });
}
