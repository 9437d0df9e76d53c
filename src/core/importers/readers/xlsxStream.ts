/**
 * Large xlsx sheets, read without SheetJS. SheetJS reads a workbook whole, every cell an
 * object with its formatted text: for a 20,000-row MPS ward file with 120 month columns that
 * was most of the import's time. Here the sheet's XML is scanned as bytes (xlsxScan.ts: a
 * sheet holds little but <row>, <c> and <v>; sax, which builds an object for every element,
 * took as long as SheetJS on it) and its rows handed on in batches; the small parts (sheet
 * list, styles, shared strings) are parsed with sax (xlsxParts.ts).
 *
 * The rows are exactly those SheetJS gives (xlsx.ts's sheetRows), including their width: every
 * row is as wide as the widest row with a value, and trailing rows without values are left
 * out. Those bounds are known only at the sheet's end. So the first pass over the XML finds
 * them and, for a sheet of up to maxKeptCells cells, keeps every cell, from which the rows
 * are made once; a larger sheet is read again, a piece at a time, on every read of its rows.
 */
import { inflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { badInput } from '../../errors';
import { checkRow, MAX_COLUMNS, tooManyColumns } from './limits';
import { HEAD_ROWS, type SheetRow, type TableSource } from './table';
import type { RowBatches } from './csv';
import { CellReader, columnLetters, type Cell, type CellContext } from './xlsxCells';
import { scanCells, type SheetSpan } from './xlsxScan';
import { zipEntryData } from './zipSizes';

/** XML bytes read between batches: a few thousand rows. */
const PIECE = 2 * 1024 * 1024;

/**
 * The sheet's XML inflated (by zlib, never past the size its zip entry declares, which the
 * guards in xlsx.ts have already checked against what it holds). fflate's streaming inflate
 * took 0.8 s of CPU per pass over a 67 MB sheet against zlib's 0.15 s; the XML bytes (at
 * most MAX_SHEET_XML_BYTES) are far less than SheetJS held.
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

const SHEET_DATA = /<(?:[\w.-]+:)?sheetData\b[^>]*?(\/?)>/;
const SHEET_DATA_END = /<\/(?:[\w.-]+:)?sheetData>/;

/** SheetJS takes the sheet's extent from the first "X:Y" within 50 characters of <dimension. */
function dimensionRef(head: string): string | null {
  const at = head.search(/<(?:\w*:)?dimension/);
  if (at <= 0) return null;
  return /"(\w*:\w*)"/.exec(head.slice(at, at + 50))?.[1] ?? null;
}

interface SheetLayout {
  /** The <dimension> ref before sheetData, as SheetJS takes it (a range with a colon), or null. */
  dimension: string | null;
  /** sheetData's content, or null when the sheet has none. */
  span: SheetSpan | null;
}

/**
 * Where sheetData's rows lie in the sheet's bytes. Its tags are plain ASCII, so the text
 * around them is read as latin1, whose character offsets are byte offsets.
 */
function sheetLayout(xml: Buffer): SheetLayout {
  for (let at = xml.indexOf('sheetData'); at >= 0; at = xml.indexOf('sheetData', at + 1)) {
    const gt = xml.indexOf(0x3e, at);
    if (gt < 0) break;
    const head = xml.toString('latin1', 0, gt + 1);
    const open = SHEET_DATA.exec(head);
    if (!open) continue;
    const dimension = dimensionRef(head.slice(0, open.index));
    if (open[1] === '/') return { dimension, span: null };
    const from = open.index + open[0].length;
    return { dimension, span: { from, to: sheetDataEnd(xml, from) } };
  }
  return { dimension: null, span: null };
}

/** Where sheetData's closing tag starts (the sheet's end when it has none). */
function sheetDataEnd(xml: Buffer, from: number): number {
  for (let close = xml.indexOf('sheetData>', from); close >= 0; close = xml.indexOf('sheetData>', close + 1)) {
    const windowStart = Math.max(from, close - 40);
    const end = SHEET_DATA_END.exec(xml.toString('latin1', windowStart, close + 10));
    if (end) return windowStart + end.index;
  }
  return xml.length;
}

interface Bounds {
  /** First row and column of the rows SheetJS gives (0-based). */
  start: { r: number; c: number };
  /** Last row and column holding a value or a formula, or -1. */
  lastRow: number;
  lastCol: number;
}

/**
 * Cells a sheet's table may span (rows × columns) for its rows to be kept in memory after the
 * first pass: a 20,000-row MPS ward file of 170 months is 3.5 million, some 30 MB of rows.
 * Read when a sheet is opened, so tests can lower it.
 */
export function maxKeptCells(): number {
  return Number(process.env.WARDLENS_XLSX_KEEP_CELLS ?? 5_000_000);
}

/** Every cell of a sheet, in the order of its XML, compactly. */
class KeptCells {
  rows = new Int32Array(1 << 16);
  cols = new Int32Array(1 << 16);
  present = new Uint8Array(1 << 16);
  values: unknown[] = [];
  size = 0;

  add(cell: Cell): void {
    if (this.size === this.rows.length) this.grow();
    this.rows[this.size] = cell.row;
    this.cols[this.size] = cell.col;
    this.present[this.size] = cell.present ? 1 : 0;
    this.values.push(cell.value);
    this.size++;
  }

  private grow(): void {
    const bigger = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
    this.rows = bigger(this.rows, new Int32Array(this.rows.length * 2));
    this.cols = bigger(this.cols, new Int32Array(this.cols.length * 2));
    this.present = bigger(this.present, new Uint8Array(this.present.length * 2));
  }
}

interface FirstPass {
  bounds: Bounds | null;
  /** Every cell, when the sheet is small enough to keep (maxKeptCells). */
  kept: KeptCells | null;
}

/**
 * The first pass: where the sheet's table starts and ends, and, for a sheet small enough,
 * every cell with its value, so that its rows need no second pass over the XML.
 */
function firstPass(file: string, xml: Buffer, layout: SheetLayout, ctx: CellContext): FirstPass {
  const d = layout.dimension ? XLSX.utils.decode_range(layout.dimension) : null;
  const dimension = d && d.s.r <= d.e.r && d.s.c <= d.e.c && d.s.r >= 0 && d.s.c >= 0 ? d : null;
  const cells = new CellReader(ctx);
  const guess = { r: Infinity, c: Infinity, anyCell: false, anyRow: false };
  const limit = maxKeptCells();
  let kept: KeptCells | null = limit > 0 ? new KeptCells() : null;
  let lastRow = -1;
  let lastCol = -1;
  if (layout.span) {
    const walk = scanCells(xml, layout.span, cells, kept !== null, {
      row() {
        guess.r = Math.min(guess.r, cells.rowNumber - 1);
        guess.anyRow = true;
      },
      cell(cell) {
        if (kept) {
          if (kept.size < limit) kept.add(cell);
          else kept = null;
        }
        guess.c = Math.min(guess.c, cell.col);
        guess.anyCell = true;
        if (!cell.present) return;
        if (cell.row > lastRow) lastRow = cell.row;
        if (cell.col > lastCol) lastCol = cell.col;
      },
    }, PIECE);
    for (const _ of walk) void _;
  }
  const start = dimension ? dimension.s : guess.anyCell && guess.anyRow ? { r: guess.r, c: guess.c } : null;
  if (!start || lastRow < start.r || lastCol < start.c) return { bounds: null, kept: null };
  if (lastCol + 1 > MAX_COLUMNS) throw tooManyColumns(file, lastRow + 1, lastCol + 1);
  // The rows made are as wide as the widest: a stray cell far down or far right makes a great
  // many empty cells, and those count against the limit too.
  if (kept && (lastRow - start.r + 1) * (lastCol - start.c + 1) > limit) kept = null;
  return { bounds: { start, lastRow, lastCol }, kept };
}

/**
 * Rows from the sheet's cells, in order, as SheetJS gives them: within the bounds, every row
 * as wide as the widest; a row the sheet does not have at all is an empty array, but the
 * first row is always full width.
 */
class RowAssembler {
  /** Rows made and not yet taken. */
  batch: SheetRow[] = [];
  private next: number;
  private current: { index: number; cells: unknown[] } | null = null;
  private readonly width: number;

  constructor(
    private readonly file: string,
    private readonly bounds: Bounds,
  ) {
    this.next = bounds.start.r;
    this.width = bounds.lastCol - bounds.start.c + 1;
  }

  cell(row: number, col: number, present: boolean, value: unknown): void {
    const { start, lastRow, lastCol } = this.bounds;
    if (row < start.r || row > lastRow) return;
    let current = this.current;
    if (!current || current.index !== row) {
      if (row < (current?.index ?? this.next)) {
        throw badInput(this.file, `the workbook is damaged: its rows are out of order (row ${row + 1} comes after row ${Math.max(this.next, current?.index ?? 0)}). Open it in Excel, save it again and import that.`, { row: row + 1 });
      }
      this.flush();
      this.emptyRowsBefore(row);
      current = this.current = { index: row, cells: new Array<unknown>(this.width).fill(null) };
    }
    if (present && col >= start.c && col <= lastCol) current.cells[col - start.c] = value;
  }

  /** The rows after the last cell, to the table's end. */
  finish(): void {
    this.flush();
    this.emptyRowsBefore(this.bounds.lastRow + 1);
  }

  take(): SheetRow[] {
    const rows = this.batch;
    this.batch = [];
    return rows;
  }

  private emptyRowsBefore(row: number): void {
    for (; this.next < row; this.next++) this.emit(this.next, this.next === this.bounds.start.r ? new Array<unknown>(this.width).fill(null) : []);
  }

  private flush(): void {
    if (!this.current) return;
    this.emit(this.current.index, this.current.cells);
    this.next = this.current.index + 1;
    this.current = null;
  }

  private emit(index: number, values: unknown[]): void {
    checkRow(this.file, index + 1, values, (i) => `column ${columnLetters(this.bounds.start.c + i)}`);
    this.batch.push({ row: index + 1, cells: values });
  }
}

/** The second pass, for a sheet too large to keep: the rows, a batch per piece of the sheet. */
function* sheetRows(file: string, xml: Buffer, span: SheetSpan, ctx: CellContext, bounds: Bounds, onRead: (n: number) => void): Generator<SheetRow[]> {
  const assembler = new RowAssembler(file, bounds);
  const walk = scanCells(xml, span, new CellReader(ctx), true, {
    row() {},
    cell: (cell) => assembler.cell(cell.row, cell.col, cell.present, cell.value),
  }, PIECE);
  for (const read of walk) {
    onRead(read);
    if (assembler.batch.length) yield assembler.take();
  }
  onRead(xml.length);
  assembler.finish();
  if (assembler.batch.length) yield assembler.take();
}

/** A kept sheet's rows, made once from its cells. */
function keptRows(file: string, bounds: Bounds, kept: KeptCells): SheetRow[] {
  const assembler = new RowAssembler(file, bounds);
  for (let i = 0; i < kept.size; i++) assembler.cell(kept.rows[i]!, kept.cols[i]!, kept.present[i] === 1, kept.values[i]);
  assembler.finish();
  return assembler.take();
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

/** Rows handed out at a time from a kept sheet. */
const KEPT_BATCH = 2048;

/**
 * A large sheet as a table. Its XML is read once for the table's bounds; a sheet of up to
 * maxKeptCells cells keeps its rows from that pass (an MPS ward file is read in whole twice
 * by an import, for its ward codes and then its figures, and each read of the XML was a
 * second of a large import), a larger one is read again, a piece at a time, on every read.
 */
export function openStreamedSheet(s: StreamedSheet): TableSource & RowBatches {
  const { file, fileBytes, context } = s;
  const whole = s.xml ?? sheetXml(s);
  const layout = sheetLayout(whole);
  const first = firstPass(file, whole, layout, context);
  const bounds = first.bounds;
  const rows = bounds && first.kept ? keptRows(file, bounds, first.kept) : null;
  // The XML only while it is still to be read: a kept sheet lets its 60 MB go.
  let xml: Buffer | null = rows ? null : whole;
  let read = 0;
  const rowsOf = (): Iterable<SheetRow[]> => {
    if (rows) return keptBatches(rows, (n) => (read = n));
    const bytes = xml;
    return bounds && layout.span && bytes ? sheetRows(file, bytes, layout.span, context, bounds, (n) => (read = Math.round((fileBytes * n) / Math.max(1, bytes.length)))) : [];
  };
  const head: SheetRow[] = [];
  // Not head.push(...batch): a sheet with a stray cell far down is a batch of a million empty rows.
  fill: for (const batch of rowsOf()) {
    for (const row of batch) {
      head.push(row);
      if (head.length >= HEAD_ROWS) break fill;
    }
  }
  read = 0;
  if (!bounds) xml = null;
  function* keptBatches(all: SheetRow[], onRead: (n: number) => void): Generator<SheetRow[]> {
    for (let at = 0; at < all.length; at += KEPT_BATCH) {
      // Progress as the share of the rows handed out: nothing more is read from the file.
      onRead(Math.round((fileBytes * Math.min(all.length, at + KEPT_BATCH)) / all.length));
      yield all.slice(at, at + KEPT_BATCH);
    }
    onRead(fileBytes);
  }
  async function* batches(signal?: AbortSignal): AsyncIterable<SheetRow[]> {
    for (const batch of rowsOf()) {
      signal?.throwIfAborted();
      yield batch;
    }
  }
  return {
    file,
    sheet: s.sheet,
    head: head.slice(0, HEAD_ROWS),
    progress: () => ({ read: bounds ? read : fileBytes, total: fileBytes }),
    batches,
    async *rows(signal?: AbortSignal) {
      for await (const batch of batches(signal)) yield* batch;
    },
  };
}
