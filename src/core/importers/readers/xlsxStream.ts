/**
 * Large xlsx sheets, read in a stream. SheetJS reads a workbook whole, every cell an object
 * with its formatted text: for a 20,000-row MPS ward file with 120 month columns that is most
 * of the import's time. Here the sheet's XML is read a piece at a time and its rows are
 * handed on, a batch per piece, without ever building cell objects; the small parts (sheet
 * list, styles, shared strings) are parsed with sax (xlsxParts.ts).
 *
 * The rows are exactly those SheetJS gives (xlsx.ts's sheetRows), including their width: every
 * row is as wide as the widest row with a value, and trailing rows without values are left
 * out. Those bounds are known only at the sheet's end, so the sheet is read twice: once for
 * its bounds, once for its rows. The sheet's rows and cells are found with a narrow scanner
 * rather than sax: a sheet holds little but <row>, <c> and <v>, and sax, which builds an
 * object for every element, took as long as SheetJS on it.
 */
import { StringDecoder } from 'node:string_decoder';
import { inflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { badInput } from '../../errors';
import { checkRow, MAX_COLUMNS, tooManyColumns } from './limits';
import { HEAD_ROWS, type SheetRow, type TableSource } from './table';
import type { RowBatches } from './csv';
import { attribute, cellAttributes, CellReader, columnLetters, decodeAddress, type CellAttributes, type CellContext } from './xlsxCells';
import { zipEntryData } from './zipSizes';

/** XML bytes read at a time: a few thousand rows. */
const PIECE = 2 * 1024 * 1024;

interface Piece {
  text: string;
  /** XML bytes read so far. */
  read: number;
}

interface SheetVisitor {
  /** The <dimension> ref, as SheetJS takes it (a range with a colon), or null. */
  dimension(ref: string | null): void;
  row(attributes: string): void;
  cell(attributes: string, content: string | undefined): void;
}

/**
 * The sheet's XML inflated (by zlib, never past the size its zip entry declares, which the
 * guards in xlsx.ts have already checked against what it holds). fflate's streaming inflate
 * took 0.8 s of CPU per pass over a 67 MB sheet against zlib's 0.15 s, and the sheet is read
 * twice; the XML bytes (at most MAX_SHEET_XML_BYTES) are far less than SheetJS held.
 */
function inflateSheet(file: string, entry: { method: number; data: Buffer }, declared: number): Buffer {
  if (entry.method === 0) return entry.data;
  if (entry.method !== 8) throw badInput(file, 'the workbook could not be read: its sheet is compressed in a way Excel does not use.');
  try {
    return inflateRawSync(entry.data, { maxOutputLength: Math.max(1, declared) });
  } catch (err) {
    throw badInput(file, `the workbook could not be read: its sheet is damaged (${(err as Error).message}). Open it in Excel, save it again and import that.`);
  }
}

/** The sheet's XML as text, a piece at a time. */
function* sheetText(xml: Buffer): Generator<Piece> {
  const decoder = new StringDecoder('utf8');
  for (let at = 0; at < xml.length; at += PIECE) {
    const end = Math.min(xml.length, at + PIECE);
    const text = decoder.write(xml.subarray(at, end));
    yield { text: end === xml.length ? text + decoder.end() : text, read: end };
  }
}

const SHEET_DATA = /<(?:[\w.-]+:)?sheetData\b[^>]*?(\/?)>/;
const SHEET_DATA_END = /<\/(?:[\w.-]+:)?sheetData>/;
const ROW_OR_CELL = /<(?:[\w.-]+:)?(?:row\b([^>]*)>|c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>))/g;

/** SheetJS takes the sheet's extent from the first "X:Y" within 50 characters of <dimension. */
function dimensionRef(head: string): string | null {
  const at = head.search(/<(?:\w*:)?dimension/);
  if (at <= 0) return null;
  return /"(\w*:\w*)"/.exec(head.slice(at, at + 50))?.[1] ?? null;
}

/** Visits every row and cell of sheetData, in order; yields the compressed bytes read after each piece. */
function* scanSheet(pieces: Iterable<Piece>, visit: SheetVisitor): Generator<number> {
  let carry = '';
  let inData = false;
  for (const piece of pieces) {
    let text = carry + piece.text;
    carry = '';
    if (!inData) {
      const start = SHEET_DATA.exec(text);
      if (!start) {
        carry = text;
        yield piece.read;
        continue;
      }
      visit.dimension(dimensionRef(text.slice(0, start.index)));
      if (start[1] === '/') return;
      inData = true;
      text = text.slice(start.index + start[0].length);
    }
    // Its closing tag, found cheaply first: a regular expression over every piece cost more.
    const close = text.indexOf('sheetData>');
    const end = close < 0 ? null : SHEET_DATA_END.exec(text.slice(Math.max(0, close - 40)));
    if (end) text = text.slice(0, Math.max(0, close - 40) + end.index);
    ROW_OR_CELL.lastIndex = 0;
    let done = 0;
    let m: RegExpExecArray | null;
    while ((m = ROW_OR_CELL.exec(text))) {
      if (m[1] !== undefined) visit.row(m[1]);
      else visit.cell(m[2]!, m[3]);
      done = ROW_OR_CELL.lastIndex;
    }
    yield piece.read;
    if (end) return;
    // A row or cell cut at the piece's end is read whole with the next piece.
    carry = text.slice(done);
  }
  if (!inData) visit.dimension(dimensionRef(carry));
}

interface Bounds {
  /** First row and column of the rows SheetJS gives (0-based). */
  start: { r: number; c: number };
  /** Last row and column holding a value or a formula, or -1. */
  lastRow: number;
  lastCol: number;
}

/** The first pass: where the sheet's table starts and ends. */
function sheetBounds(file: string, xml: Buffer, ctx: CellContext): Bounds | null {
  const cells = new CellReader(ctx);
  let dimension: ReturnType<typeof XLSX.utils.decode_range> | null = null;
  const guess = { r: Infinity, c: Infinity, anyCell: false, anyRow: false };
  let lastRow = -1;
  let lastCol = -1;
  const scratch: CellAttributes = { r: undefined, s: undefined, t: undefined };
  const walk = scanSheet(sheetText(xml), {
    dimension(ref) {
      const d = ref ? XLSX.utils.decode_range(ref) : null;
      dimension = d && d.s.r <= d.e.r && d.s.c <= d.e.c && d.s.r >= 0 && d.s.c >= 0 ? d : null;
    },
    row(attributes) {
      cells.startRow(attributes);
      guess.r = Math.min(guess.r, cells.rowNumber - 1);
      guess.anyRow = true;
    },
    cell(attributes, content) {
      // Most cells lie within the bounds found so far and cannot move them: only their address is read.
      const ref = dimension ? (cellAttributes(attributes, scratch) ? scratch.r : attribute(attributes, 'r')) : undefined;
      if (ref) {
        const at = decodeAddress(ref);
        if (at.row <= lastRow && at.col <= lastCol) {
          cells.column = at.col;
          return;
        }
      }
      const cell = cells.cell(attributes, content, false);
      guess.c = Math.min(guess.c, cells.column);
      guess.anyCell = true;
      if (!cell.present) return;
      if (cell.row > lastRow) lastRow = cell.row;
      if (cell.col > lastCol) lastCol = cell.col;
    },
  });
  for (const _ of walk) void _;
  const found = dimension as ReturnType<typeof XLSX.utils.decode_range> | null;
  const start = found ? found.s : guess.anyCell && guess.anyRow ? { r: guess.r, c: guess.c } : null;
  if (!start || lastRow < start.r || lastCol < start.c) return null;
  if (lastCol + 1 > MAX_COLUMNS) throw tooManyColumns(file, lastRow + 1, lastCol + 1);
  return { start, lastRow, lastCol };
}

/**
 * The second pass: the rows, a batch per piece of the sheet. A row the sheet does not have
 * at all is an empty array, as SheetJS gives it; the first row is always full width.
 */
function* sheetRows(file: string, xml: Buffer, ctx: CellContext, bounds: Bounds, onRead: (n: number) => void): Generator<SheetRow[]> {
  const { start, lastRow, lastCol } = bounds;
  const width = lastCol - start.c + 1;
  const columnName = (i: number) => `column ${columnLetters(start.c + i)}`;
  const cells = new CellReader(ctx);
  let batch: SheetRow[] = [];
  let next = start.r;
  let current: { index: number; cells: unknown[] } | null = null;
  const emit = (index: number, values: unknown[]) => {
    checkRow(file, index + 1, values, columnName);
    batch.push({ row: index + 1, cells: values });
  };
  const flush = () => {
    if (!current) return;
    emit(current.index, current.cells);
    next = current.index + 1;
    current = null;
  };
  const walk = scanSheet(sheetText(xml), {
    dimension() {},
    row(attributes) {
      cells.startRow(attributes);
    },
    cell(attributes, content) {
      const cell = cells.cell(attributes, content);
      if (cell.row < start.r || cell.row > lastRow) return;
      if (!current || current.index !== cell.row) {
        if (cell.row < (current?.index ?? next)) {
          throw badInput(file, `the workbook is damaged: its rows are out of order (row ${cell.row + 1} comes after row ${Math.max(next, current?.index ?? 0)}). Open it in Excel, save it again and import that.`, { row: cell.row + 1 });
        }
        flush();
        for (; next < cell.row; next++) emit(next, next === start.r ? new Array<unknown>(width).fill(null) : []);
        current = { index: cell.row, cells: new Array<unknown>(width).fill(null) };
      }
      if (cell.present && cell.col >= start.c && cell.col <= lastCol) current.cells[cell.col - start.c] = cell.value;
    },
  });
  for (const read of walk) {
    onRead(read);
    if (batch.length) {
      yield batch;
      batch = [];
    }
  }
  flush();
  for (; next <= lastRow; next++) emit(next, next === start.r ? new Array<unknown>(width).fill(null) : []);
  if (batch.length) yield batch;
}

export interface StreamedSheet {
  file: string;
  sheet: string;
  /** The whole xlsx file, its sheet part and its size on disk (for progress). */
  zip: Buffer;
  part: string;
  /** The sheet part already inflated (and checked against its declared size), when it has been. */
  xml?: Buffer;
  /** The sheet part's uncompressed size, as the zip declares it. */
  declaredBytes: number;
  fileBytes: number;
  context: CellContext;
}

function sheetXml(s: StreamedSheet): Buffer {
  const entry = zipEntryData(s.zip, s.part);
  if (!entry) throw badInput(s.file, `the workbook is damaged: its sheet "${s.sheet}" is missing. Open it in Excel, save it again and import that.`);
  return inflateSheet(s.file, entry, s.declaredBytes);
}

/** A large sheet as a table: the head read at once, every row streamed on demand. */
export function openStreamedSheet(s: StreamedSheet): TableSource & RowBatches {
  const xml = s.xml ?? sheetXml(s);
  const bounds = sheetBounds(s.file, xml, s.context);
  let read = 0;
  const rowsOf = () => (bounds ? sheetRows(s.file, xml, s.context, bounds, (n) => (read = n)) : [][Symbol.iterator]());
  const head: SheetRow[] = [];
  // Not head.push(...batch): a sheet with a stray cell far down is a batch of a million empty rows.
  fill: for (const batch of rowsOf()) {
    for (const row of batch) {
      head.push(row);
      if (head.length >= HEAD_ROWS) break fill;
    }
  }
  read = 0;
  async function* batches(signal?: AbortSignal): AsyncIterable<SheetRow[]> {
    for (const batch of rowsOf()) {
      signal?.throwIfAborted();
      yield batch;
    }
  }
  return {
    file: s.file,
    sheet: s.sheet,
    head: head.slice(0, HEAD_ROWS),
    progress: () => ({ read: xml.length ? Math.round((s.fileBytes * read) / xml.length) : s.fileBytes, total: s.fileBytes }),
    batches,
    async *rows(signal?: AbortSignal) {
      for await (const batch of batches(signal)) yield* batch;
    },
  };
}
