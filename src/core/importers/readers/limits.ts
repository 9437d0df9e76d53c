/**
 * The largest table Wardlens reads: Excel's own limits. No crime table has more columns
 * than a worksheet can hold, and no cell of one holds more text than an Excel cell can; a
 * file past either is broken or built to do harm, and is refused with a plain message that
 * names the row and column, before anything is written.
 */
import { badInput, type WardlensError } from '../../errors';

/** Columns in a row: Excel's worksheet limit (A to XFD). */
export const MAX_COLUMNS = 16_384;
/** Characters in a cell: Excel's cell limit. */
export const MAX_CELL_CHARS = 32_767;

const n = (x: number) => x.toLocaleString('en-GB');

export function tooManyColumns(file: string, row: number, columns: number | string): WardlensError {
  return badInput(
    file,
    `the row has ${typeof columns === 'number' ? n(columns) : columns} columns; a table Wardlens reads has at most ${n(MAX_COLUMNS)} (Excel’s limit). This is not a table of crime figures, or it is damaged.`,
    { row, expected: `at most ${n(MAX_COLUMNS)} columns` },
  );
}

/**
 * Refuses a row with too many columns or an over-long cell. `columnNames` are the header's
 * cells, to name the column; cheap enough to call on every row of a long file (one length
 * test per cell only when `longRow` says the row could hold a long cell at all).
 */
export function checkRow(
  file: string,
  row: number,
  cells: unknown[],
  columnNames: unknown[] | ((i: number) => string),
  longRow = true,
): void {
  if (cells.length > MAX_COLUMNS) throw tooManyColumns(file, row, cells.length);
  if (!longRow) return;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (typeof c === 'string' && c.length > MAX_CELL_CHARS) {
      const given =
        typeof columnNames === 'function' ? columnNames(i) : columnNames !== cells ? columnNames[i] : '';
      const name = typeof given === 'string' ? given.trim().slice(0, 60) : '';
      throw badInput(
        file,
        `a cell holds ${n(c.length)} characters of text; a cell Wardlens reads holds at most ${n(MAX_CELL_CHARS)} (Excel’s limit). The file is damaged, or a closing quote (") is missing.`,
        { row, column: name || `column ${i + 1}`, expected: `at most ${n(MAX_CELL_CHARS)} characters` },
      );
    }
  }
}

/**
 * The first bytes read to recognise a CSV file (a few hundred KB) must hold its header and a
 * row of data whole: a row longer than that is refused here, saying why, rather than read as
 * an empty file or a file without data.
 */
export function refuseLongFirstRows(
  file: string,
  start: Buffer,
  completeRows: number,
  delimiter: string,
): never {
  const row = completeRows + 1;
  const kb = `${Math.round(start.length / 1024).toLocaleString('en-GB')} KB`;
  let from = 0;
  for (let r = 0; r < completeRows; r++) from = start.indexOf(0x0a, from) + 1;
  let delimiters = 0;
  let quoted = false;
  const sep = delimiter.charCodeAt(0);
  for (let i = from; i < start.length; i++) {
    if (start[i] === 0x22) quoted = !quoted;
    else if (!quoted && start[i] === sep) delimiters++;
  }
  if (delimiters >= MAX_COLUMNS) throw tooManyColumns(file, row, `more than ${n(MAX_COLUMNS)}`);
  throw badInput(
    file,
    `row ${row} runs on for more than ${kb} without ending: a cell is far longer than a table of crime figures holds, a closing quote (") is missing, or this is not a table at all.`,
    { row },
  );
}
