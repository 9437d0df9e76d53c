/**
 * CSV files, streamed: memory stays flat whatever the file's size. UTF-8 with or without a
 * byte-order mark; binary files renamed .csv are refused before any parsing. UTF-16 and
 * Windows-1252 files are decoded as they stream, and ";" or tab may separate the cells
 * (see encoding.ts); rows past Excel's size limits are refused (see limits.ts).
 *
 * The streaming parser is Wardlens's own (RFC 4180: comma-separated, fields optionally in
 * double quotes, "" for a quote inside one, line breaks allowed inside quotes; records end
 * in LF, CRLF or, for old Mac files, CR). It works on the file's bytes, hands records out a
 * chunk at a time (see `batches`), and takes the quick path of splitting a line on commas
 * whenever the line holds no quote, which is nearly every line of a police.uk file: a
 * million rows parse in about a second, where csv-parse took over fifteen.
 *
 * Row numbers are records counted from 1, as a spreadsheet program shows the file: the
 * same as line numbers, except that a cell with line breaks in it is still one row.
 */
import { parse as parseSync } from 'csv-parse/sync';
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { badInput } from '../../errors';
import { decodeStart, detectDelimiter, detectEncoding, utf8Chunks, type Delimiter } from './encoding';
import { checkRow, MAX_CELL_CHARS, refuseLongFirstRows } from './limits';
import { HEAD_ROWS, type SheetRow, type TableSource } from './table';

const SNIFF_BYTES = 256 * 1024;
/**
 * Bytes read at a time: a chunk's rows (about a thousand) are short-lived garbage. Much
 * larger chunks keep two chunks' rows alive across young-generation collections, and
 * promoting them doubled the parser's time in a test here.
 */
const CHUNK_BYTES = 256 * 1024;
/** A record longer than this is a quote that was never closed, not data: refuse it rather than buffer the file. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** A CSV source also hands out its rows a chunk at a time, which importers of large files use. */
export interface RowBatches {
  /** Every row from the first, in arrays of a few thousand. */
  batches(signal?: AbortSignal): AsyncIterable<SheetRow[]>;
}

function readStart(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** A text file has no NUL bytes and decodes as UTF-8; anything else is not a CSV. */
function assertText(file: string, start: Buffer): void {
  if (start.includes(0)) {
    throw badInput(file, 'this is not a text CSV file (it contains binary data). Export the sheet as CSV and try again.', {
      row: 1,
    });
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(start.subarray(0, Math.max(0, start.length - 4)));
  } catch {
    throw badInput(file, 'this file is not UTF-8 text. Save it as "CSV UTF-8" and try again.', { row: 1 });
  }
}

/** The first rows, leniently: recognising a layout should not fail on a stray quote in a title row. */
function headRows(file: string, start: Buffer, complete: boolean, delimiter: Delimiter): SheetRow[] {
  let text = start.toString('utf8');
  if (!complete) text = text.slice(0, text.lastIndexOf('\n') + 1);
  const records = parseSync(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true, to_line: HEAD_ROWS }) as string[][];
  if (!complete && records.length < 2) refuseLongFirstRows(file, start, records.length, delimiter);
  return records.map((cells, i) => ({ row: i + 1, cells }));
}

/**
 * The record parser: fed the file's bytes a chunk at a time, it returns the complete
 * records and keeps the bytes of an unfinished one for the next chunk.
 */
export class CsvParser {
  /** Records completed so far: the row number of the last one. */
  private row = 0;
  private carry: Buffer | null = null;
  private started = false;
  /** LF (also CRLF) or, when the file's first line break is a lone CR, CR. */
  private eol = LF;
  private columnNames: string[] = [];

  private readonly sep: number;

  constructor(
    private readonly file: string,
    private readonly delimiter: Delimiter = ',',
  ) {
    this.sep = delimiter.charCodeAt(0);
  }

  /** Parses a chunk; `final` says no more bytes follow. */
  push(chunk: Buffer, final: boolean): SheetRow[] {
    let buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    if (!this.started) {
      // Until the first line break is seen, how lines end is not known and no record is complete.
      const eol = lineBreakOf(buf);
      if (eol === 0 && !final) {
        if (buf.length > MAX_RECORD_BYTES) {
          throw badInput(this.file, 'the first row runs on for more than 16 MB: a closing quote (") is missing, or this is not a CSV file.', { row: 1 });
        }
        this.carry = Buffer.from(buf);
        return [];
      }
      this.started = true;
      this.eol = eol || LF;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    const out: SheetRow[] = [];
    const len = buf.length;
    const eol = this.eol;
    let pos = 0;
    let quote = buf.indexOf(QUOTE);
    while (pos < len) {
      let end = buf.indexOf(eol, pos);
      if (end < 0) {
        if (!final) break;
        end = len;
      }
      if (quote >= 0 && quote < pos) quote = buf.indexOf(QUOTE, pos);
      if (quote < 0 || quote >= end) {
        // The quick path: a line without quotes is its cells, split on commas.
        const stop = eol === LF && end > pos && buf[end - 1] === CR ? end - 1 : end;
        this.emit(out, buf.toString('utf8', pos, stop).split(this.delimiter), stop - pos);
        pos = end + 1;
        continue;
      }
      const next = this.quoted(buf, pos, final, out);
      if (next < 0) break;
      pos = next;
    }
    if (pos < len) {
      if (final) throw new Error('unreachable: bytes left after the last record');
      if (len - pos > MAX_RECORD_BYTES) {
        throw badInput(this.file, 'a quoted cell runs on for more than 16 MB: a closing quote (") is missing.', { row: this.row + 1 });
      }
      this.carry = Buffer.from(buf.subarray(pos));
    }
    return out;
  }

  private emit(out: SheetRow[], cells: string[], bytes: number): void {
    // Row 1's cells name the columns in errors about later rows.
    if (++this.row === 1) this.columnNames = cells;
    checkRow(this.file, this.row, cells, this.columnNames, bytes > MAX_CELL_CHARS);
    out.push({ row: this.row, cells });
  }

  /**
   * One record that has quotes in it, from `start`. Returns where the next record starts, or
   * -1 when the record does not end within this chunk (its bytes are then carried over).
   */
  private quoted(buf: Buffer, start: number, final: boolean, out: SheetRow[]): number {
    const len = buf.length;
    const cells: string[] = [];
    let p = start;
    for (;;) {
      if (p < len && buf[p] === QUOTE) {
        // A quoted field: up to the quote that is not doubled.
        let q = p + 1;
        let escaped = false;
        for (;;) {
          q = buf.indexOf(QUOTE, q);
          if (q < 0 || (q + 1 >= len && !final)) {
            if (final) throw this.error('a quoted cell is never closed: a closing quote (") is missing.', cells.length);
            return -1;
          }
          if (buf[q + 1] === QUOTE) {
            escaped = true;
            q += 2;
            continue;
          }
          break;
        }
        const text = buf.toString('utf8', p + 1, q);
        cells.push(escaped ? text.replace(/""/g, '"') : text);
        p = q + 1;
        if (p < len && buf[p] !== this.sep && buf[p] !== this.eol) {
          const crlf = this.eol === LF && buf[p] === CR;
          if (crlf && p + 1 >= len && !final) return -1;
          if (!crlf || (p + 1 < len && buf[p + 1] !== LF)) {
            throw this.error(`after a closing quote comes "${String.fromCharCode(buf[p]!)}" where a comma or the end of the line should be.`, cells.length - 1);
          }
        }
      } else {
        // An unquoted field: up to the next comma or the end of the line; no quotes inside.
        let e = p;
        while (e < len && buf[e] !== this.sep && buf[e] !== this.eol) {
          if (buf[e] === QUOTE) throw this.error('a cell that does not start with a quote has a quote (") in it. Put the whole cell in quotes and double the quote.', cells.length);
          e++;
        }
        if (e >= len && !final) return -1;
        const stop = this.eol === LF && e > p && buf[e - 1] === CR && (e >= len || buf[e] === LF) ? e - 1 : e;
        cells.push(buf.toString('utf8', p, stop));
        p = e;
      }
      // p is at a comma, the end of the line, or the end of the bytes.
      if (p < len && buf[p] === this.sep) {
        p++;
        continue;
      }
      if (p < len && buf[p] === CR && this.eol === LF) p++;
      if (p >= len && !final) return -1;
      this.emit(out, cells, p - start);
      return p + 1;
    }
  }

  private error(message: string, column: number) {
    return badInput(this.file, message, { row: this.row + 1, column: this.columnNames[column] || `column ${column + 1}` });
  }
}

/**
 * How the file ends its lines, from its first line break outside quotes: LF (or CRLF), or a
 * lone CR as old Mac files do; 0 while the bytes so far hold no line break to tell by.
 */
function lineBreakOf(buf: Buffer): number {
  let quoted = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && c === LF) return LF;
    else if (!quoted && c === CR) return i + 1 === buf.length ? 0 : buf[i + 1] === LF ? LF : CR;
  }
  return 0;
}

export function openCsv(path: string, displayName = basename(path)): TableSource & RowBatches {
  const total = statSync(path).size;
  const raw = readStart(path, SNIFF_BYTES);
  // Other encodings than UTF-8 are decoded as they are read (see encoding.ts).
  const encoding = detectEncoding(raw);
  const start = decodeStart(raw, encoding);
  assertText(displayName, start);
  const delimiter = detectDelimiter(start);
  const head = headRows(displayName, start, raw.length === total, delimiter);
  let read = 0;
  async function* batches(signal?: AbortSignal): AsyncIterable<SheetRow[]> {
    read = 0;
    const parser = new CsvParser(displayName, delimiter);
    const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES, signal });
    try {
      for await (const chunk of utf8Chunks(path, stream as AsyncIterable<Buffer>, encoding, displayName, (n) => (read += n))) {
        const rows = parser.push(chunk, false);
        if (rows.length) yield rows;
      }
      const rows = parser.push(Buffer.alloc(0), true);
      if (rows.length) yield rows;
    } finally {
      stream.destroy();
    }
  }
  return {
    file: displayName,
    sheet: null,
    path,
    head,
    progress: () => ({ read, total }),
    batches,
    async *rows(signal?: AbortSignal) {
      for await (const rows of batches(signal)) yield* rows;
    },
  };
}
