/**
 * What kind of text a CSV file is, told from its first bytes, and the file's bytes as UTF-8.
 *
 * Partners send what their Excel writes: "CSV UTF-8" (with or without a byte-order mark),
 * "Unicode Text" (UTF-16, little-endian, with a mark; big-endian from some other tools), or
 * plain "CSV (Comma delimited)", which on a UK Windows PC is Windows-1252 ("£" is byte A3,
 * curly quotes are 93 and 94). European settings separate cells with ";" and "Unicode Text"
 * with tabs. The CSV parser reads UTF-8 only, so any other encoding is decoded here as the
 * file streams, with Node's own TextDecoder; a UTF-8 file passes through untouched but is
 * checked, so a file that turns into another encoding half-way is refused, never read with
 * its names silently garbled.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { badInput } from '../../errors';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Names for messages, as Excel's "Save as" list calls them. */
export const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (Unicode Text)',
  'utf-16be': 'UTF-16 big-endian',
  'windows-1252': 'Windows-1252 (CSV from Excel on Windows)',
};

const LF = 0x0a;

/**
 * The encoding of a file from its first bytes: a byte-order mark decides; UTF-16 without one
 * is recognised by its zero bytes; otherwise UTF-8 if the bytes are valid UTF-8, else
 * Windows-1252. Bytes that are text in no encoding (NULs, control codes) are left for the
 * caller's binary check, so they are reported as binary rather than decoded as junk.
 */
export function detectEncoding(start: Buffer): TextEncoding {
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) return 'utf-8';
  if (start[0] === 0xff && start[1] === 0xfe && !(start[2] === 0 && start[3] === 0)) return 'utf-16le';
  if (start[0] === 0xfe && start[1] === 0xff) return 'utf-16be';
  const unmarked = utf16WithoutMark(start);
  if (unmarked) return unmarked;
  if (start.includes(0)) return 'utf-8'; // binary: the caller refuses it as such
  if (isUtf8(start.subarray(0, utf8Boundary(start)))) return 'utf-8';
  return looksLikeText(start) ? 'windows-1252' : 'utf-8';
}

/** UTF-16 text without a mark: ASCII-range characters put a zero in every other byte. */
function utf16WithoutMark(start: Buffer): TextEncoding | null {
  const n = Math.min(start.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (start[i] === 0) evenZeros++;
    if (start[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Text has few control bytes besides tab, CR and LF; binary data has many. */
function looksLikeText(start: Buffer): boolean {
  let control = 0;
  for (const b of start) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) control++;
  return control <= start.length / 1000;
}

/** Where an unfinished UTF-8 sequence at the end of `buf` starts (buf.length when there is none). */
export function utf8Boundary(buf: Buffer): number {
  const len = buf.length;
  for (let i = len - 1; i >= 0 && i >= len - 3; i--) {
    const b = buf[i]!;
    if (b < 0x80) return len;
    if ((b & 0xc0) === 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return i + need > len ? i : len;
    }
  }
  return len;
}

/** The first bytes of the file as UTF-8 (the byte-order mark of UTF-16 dropped), for sniffing the layout. */
export function decodeStart(start: Buffer, encoding: TextEncoding): Buffer {
  if (encoding === 'utf-8') return start;
  return Buffer.from(new TextDecoder(encoding).decode(start, { stream: true }), 'utf8');
}

/**
 * The file's chunks as UTF-8. A UTF-8 file's chunks are passed on as they are, after a check
 * that they are valid (the bytes of a character split between chunks wait for the next);
 * other encodings are decoded. A file taken for UTF-8 because its first bytes were all ASCII,
 * whose first other byte is not UTF-8 (a "£" from Excel on Windows far down the file), is
 * Windows-1252 after all and is decoded so from there, which changes nothing before it. A
 * byte that is not text in the file's encoding is an error naming its line. `onRead` is told
 * how many of the file's own bytes each chunk was.
 */
export async function* utf8Chunks(
  path: string,
  chunks: AsyncIterable<Buffer>,
  encoding: TextEncoding,
  file: string,
  onRead?: (bytes: number) => void,
): AsyncIterable<Buffer> {
  let mode = encoding;
  let decoder = mode === 'utf-8' ? null : new TextDecoder(mode, { fatal: true });
  /** Bytes of the file read so far. */
  let read = 0;
  let ascii = true;
  let carry = Buffer.alloc(0);
  const invalid = (at: number) =>
    badInput(
      file,
      mode === 'utf-8'
        ? 'this line is not UTF-8 text, though the lines before it are: the file mixes two encodings. Open it in Excel, save it as "CSV UTF-8" and import that.'
        : `this line is not valid ${ENCODING_NAMES[mode]} text. Open the file in Excel, save it as "CSV UTF-8" and import that.`,
      { row: lineAt(path, at) },
    );
  const decode = (buf: Buffer, start: number, final: boolean): Buffer => {
    try {
      return Buffer.from(decoder!.decode(buf, { stream: !final }), 'utf8');
    } catch {
      throw invalid(start);
    }
  };
  /** The UTF-8 bytes of buf (which starts at the file's byte `start`); an unfinished character at its end is carried. */
  const pass = (buf: Buffer, start: number, final: boolean): Buffer => {
    if (decoder) return decode(buf, start, final);
    const cut = final ? buf.length : utf8Boundary(buf);
    const body = buf.subarray(0, cut);
    if (!isUtf8(body)) {
      const bad = firstInvalidLine(body, 0, cut);
      if (!ascii || !isAscii(body.subarray(0, bad))) throw invalid(start + bad);
      mode = 'windows-1252';
      decoder = new TextDecoder(mode, { fatal: true });
      return decode(buf, start, final);
    }
    ascii &&= isAscii(body);
    carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : Buffer.alloc(0);
    return body;
  };
  for await (const chunk of chunks) {
    onRead?.(chunk.length);
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    carry = Buffer.alloc(0);
    const start = read - (buf.length - chunk.length);
    read += chunk.length;
    const out = pass(buf, start, false);
    if (out.length) yield out;
  }
  const out = pass(carry, read - carry.length, true);
  if (out.length) yield out;
}

/** The start of the first line in buf[from, to) that is not valid UTF-8 (called once the range is known to hold one). */
function firstInvalidLine(buf: Buffer, from: number, to: number): number {
  let lineStart = from;
  for (let i = buf.indexOf(LF, from); i >= 0 && i < to; i = buf.indexOf(LF, i + 1)) {
    if (!isUtf8(buf.subarray(lineStart, i))) return lineStart;
    lineStart = i + 1;
  }
  return lineStart;
}

/** The line number of a byte of the file (read again, only to word an error). */
function lineAt(path: string, offset: number): number {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1024 * 1024);
    let line = 1;
    for (let pos = 0; pos < offset;) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, offset - pos), pos);
      if (n <= 0) break;
      for (let i = buf.indexOf(LF); i >= 0 && i < n; i = buf.indexOf(LF, i + 1)) line++;
      pos += n;
    }
    return line;
  } finally {
    closeSync(fd);
  }
}

export type Delimiter = ',' | ';' | '\t';

/**
 * The cell delimiter, from the first line (outside quotes): the commonest of comma,
 * semicolon and tab, comma on a tie (a one-column file has none).
 */
export function detectDelimiter(utf8Start: Buffer): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (
    let i = utf8Start[0] === 0xef && utf8Start[1] === 0xbb && utf8Start[2] === 0xbf ? 3 : 0;
    i < utf8Start.length;
    i++
  ) {
    const c = utf8Start[i];
    if (c === 0x22) quoted = !quoted;
    else if (quoted) continue;
    else if (c === LF || c === 0x0d) break;
    else if (c === 0x2c) counts[',']++;
    else if (c === 0x3b) counts[';']++;
    else if (c === 0x09) counts['\t']++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}
