/**
 * One worksheet cell's value, read from its XML exactly as SheetJS reads it (with the options
 * xlsx.ts gives SheetJS: dense, cellDates, sheetStubs) and as xlsx.ts then turns it into a
 * row's cell: numbers, shared and inline strings, booleans, dates, an error as its text
 * (#DIV/0!), a formula's saved value (a formula is never evaluated) and a formula without one
 * as its text. Kept apart from the streaming reader so each can be read on its own.
 */
import { badInput } from '../../errors';
import { excelUnescape, inlineString, xmlTrue } from './xlsxParts';

/** What a sheet's cells need from the rest of the workbook. */
export interface CellContext {
  file: string;
  strings: string[];
  /** Per cell style: whether its number format is a date. Null when the workbook has no styles part. */
  dateStyles: boolean[] | null;
  date1904: boolean;
}

export interface Cell {
  /** 0-based row and column where the cell sits. */
  row: number;
  col: number;
  /** Whether the cell counts towards the sheet's extent: it has a value, or a formula. */
  present: boolean;
  value: unknown;
}

/** Excel's error values (SheetJS keeps an error cell whose text is not one of these as valueless). */
const ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#WTF?']);

const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const NAMED: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };

/** XML text as SheetJS unescapes it: entities, CDATA sections, then Excel's _xHHHH_ escapes. */
function unescapeXml(text: string, excel = false): string {
  const cdata = text.indexOf('<![CDATA[');
  if (cdata >= 0) {
    const end = text.indexOf(']]>', cdata);
    return unescapeXml(text.slice(0, cdata), excel) + text.slice(cdata + 9, end) + unescapeXml(text.slice(end + 3), excel);
  }
  let out = text;
  if (out.includes('&')) {
    out = out.replace(ENTITY, (m: string, code?: string) => {
      const known = NAMED[m.toLowerCase()];
      if (known !== undefined) return known;
      return String.fromCharCode(parseInt(code!, m.includes('x') || m.includes('X') ? 16 : 10)) || m;
    });
  }
  if (out.includes('_x')) out = out.replace(/_x([\da-fA-F]{4})_/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return excel ? excelUnescape(out) : out;
}

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTRIBUTE.exec(text))) out[m[1]!] = m[2] ?? m[3]!;
  return out;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * One attribute of a tag, e.g. a cell's r, s or t: looked up directly, as a sheet has
 * millions of cells, falling back to reading every attribute for unusual spacing (r = "A1").
 */
export function attribute(text: string, name: string): string | undefined {
  const key = `${name}=`;
  if (!text.includes(name)) return undefined;
  for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) {
    if (i > 0 && !isSpace(text.charCodeAt(i - 1))) continue;
    const quote = text[i + key.length];
    if (quote !== '"' && quote !== "'") break;
    const end = text.indexOf(quote, i + key.length + 1);
    return end < 0 ? undefined : text.slice(i + key.length + 1, end);
  }
  return /\s=|=\s/.test(text) ? attributes(text)[name] : undefined;
}

/** A cell's address, style and type attributes, as attribute() reads them. */
export interface CellAttributes {
  r: string | undefined;
  s: string | undefined;
  t: string | undefined;
}

/**
 * A cell's r, s and t attributes, read in one pass over its attribute text: a sheet has
 * millions of cells, and looking each attribute up in turn was a good part of reading one.
 * False, with `out` left unusable, for anything but plain name="value" pairs (r = "A1"):
 * those are read by attribute().
 */
export function cellAttributes(text: string, out: CellAttributes): boolean {
  out.r = out.s = out.t = undefined;
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const nameStart = i;
    while (c !== 61 && !isSpace(c) && ++i < n) c = text.charCodeAt(i);
    if (c !== 61 || i === nameStart) return false;
    const quote = text.charCodeAt(i + 1);
    if (quote !== 34 && quote !== 39) return false;
    const end = text.indexOf(quote === 34 ? '"' : "'", i + 2);
    if (end < 0) return false;
    if (i - nameStart === 1) {
      // The first of a repeated attribute counts, as with attribute().
      const name = text.charCodeAt(nameStart);
      if (name === 114) out.r ??= text.slice(i + 2, end);
      else if (name === 115) out.s ??= text.slice(i + 2, end);
      else if (name === 116) out.t ??= text.slice(i + 2, end);
    }
    i = end + 1;
  }
  return true;
}

function readCellAttributes(text: string, out: CellAttributes): CellAttributes {
  if (cellAttributes(text, out)) return out;
  out.r = attribute(text, 'r');
  out.s = attribute(text, 's');
  out.t = attribute(text, 't');
  return out;
}

const childPatterns = new Map<string, RegExp>();
/** The first child element `name` of a cell: its attributes and its content (undefined when written <name/>). */
function child(content: string, name: string): { attrs: string; inner: string | undefined } | null {
  let pattern = childPatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>)`);
    childPatterns.set(name, pattern);
  }
  const m = pattern.exec(content);
  return m ? { attrs: m[1]!, inner: m[2] } : null;
}

/** "AB12" → column 27, row 11 (0-based), as SheetJS decodes a cell address. */
export function decodeAddress(ref: string): { row: number; col: number } {
  let row = 0;
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 48 && c <= 57) row = 10 * row + (c - 48);
    else if (c >= 65 && c <= 90) col = 26 * col + (c - 64);
  }
  return { row: row - 1, col: col - 1 };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date serial as the date SheetJS gives (a local date with the serial's calendar date and
 * time), keeping Excel's 29 February 1900, which never was, as its number.
 */
function serialDate(serial: number): unknown {
  if (serial >= 60 && serial < 61) return serial;
  return utcToLocal(new Date((serial > 60 ? serial : serial + 1) * DAY_MS + EXCEL_EPOCH));
}

function utcToLocal(d: Date): Date {
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** An ISO date or date-time cell (t="d"), read as SheetJS's parseDate reads it. */
function isoDate(text: string, date1904: boolean): Date {
  let m = /^(\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(text);
  if (m) {
    const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31);
    const seconds = (parseInt(m[1]!, 10) * 60 + parseInt(m[2]!, 10)) * 60 + (m[3] ? parseInt(m[3].slice(1), 10) : 0);
    return new Date(base + seconds * 1000 + (m[4] ? parseInt(`${m[4]}000`.slice(1, 4), 10) : 0));
  }
  m = /^(\d+)-(\d+)-(\d+)$/.exec(text);
  if (m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  m = /^(\d+)-(\d+)-(\d+)[T ](\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(text);
  if (m) {
    const s = (m[6] && parseInt(m[6].slice(1), 10)) || 0;
    const ms = (m[7] && parseInt(`${m[7]}0000`.slice(1, 4), 10)) || 0;
    return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, s, ms));
  }
  return new Date(text);
}

/**
 * Reads a sheet's cells in order. Keeps what a cell's value depends on besides its own XML:
 * the row it is in (for cells without an address), and the formulas other cells share.
 */
export class CellReader {
  /** 1-based number of the current <row>, and the column of its last cell. */
  rowNumber = 0;
  column = -1;
  private readonly sharedFormulas = new Map<string, string>();
  /** Reused for every cell: its attributes are read before anything else can run. */
  private readonly attrs: CellAttributes = { r: undefined, s: undefined, t: undefined };

  constructor(private readonly ctx: CellContext) {}

  startRow(attrText: string): void {
    const r = attribute(attrText, 'r');
    this.rowNumber = r !== undefined ? parseInt(r, 10) : this.rowNumber + 1;
    this.column = -1;
  }

  /**
   * The cell whose XML this is. Without `withValue` only where it is and whether it is
   * present are worked out (the first pass over a sheet needs no more); its value is null.
   */
  cell(attrText: string, content: string | undefined, withValue = true): Cell {
    const a = readCellAttributes(attrText, this.attrs);
    const r = a.r;
    let row: number;
    let col: number;
    if (r) {
      ({ row, col } = decodeAddress(r));
      this.column = col;
    } else {
      this.column++;
      row = this.rowNumber - 1;
      col = this.column;
    }
    let v: string | undefined;
    let formula: string | undefined;
    if (content) {
      const raw = content.startsWith('<v>') ? content.slice(3, content.indexOf('</v>')) : child(content, 'v')?.inner;
      if (raw) v = raw.includes('&') || raw.includes('_x') || raw.includes('<') ? unescapeXml(raw) : raw;
      if (content.includes('f')) formula = this.formula(content);
    }
    const type = a.t;
    if (!withValue) return { row, col, present: isPresent(type, v, formula), value: null };
    const value = this.value({ t: type, s: a.s }, v, formula, content, row, col);
    return { row, col, present: value.present, value: value.value };
  }

  /** A cell's formula text (shared formulas as written in their first cell: they are never evaluated). */
  private formula(content: string): string | undefined {
    const f = child(content, 'f');
    if (!f) return undefined;
    const fa = attributes(f.attrs);
    if (!f.inner) return fa.si !== undefined && (f.inner === undefined || fa.t === 'shared') ? this.sharedFormulas.get(fa.si) : undefined;
    const text = unescapeXml(f.inner, true).replace(/_xlfn\./g, '');
    if (fa.t === 'shared' && fa.si !== undefined) this.sharedFormulas.set(fa.si, unescapeXml(f.inner).replace(/_xlfn\./g, ''));
    return text;
  }

  private value(
    a: { t: string | undefined; s: string | undefined },
    v: string | undefined,
    formula: string | undefined,
    content: string | undefined,
    row: number,
    col: number,
  ): { present: boolean; value: unknown } {
    const type = a.t || 'n';
    const asFormulaText = () => (formula ? { present: true, value: `=${formula}` } : { present: false, value: null });
    switch (type) {
      case 'n':
        return v === undefined ? asFormulaText() : this.number(parseFloat(v), a.s);
      case 's': {
        if (v === undefined) return asFormulaText();
        const text = this.ctx.strings[parseInt(v, 10)];
        if (text === undefined) throw this.damaged(row, col, `it refers to shared text number ${v}, which the workbook does not have`);
        return { present: true, value: text };
      }
      case 'str':
        return { present: true, value: v === undefined ? '' : unescapeXml(v, true) };
      case 'inlineStr': {
        const is = content ? child(content, 'is') : null;
        return { present: true, value: is?.inner ? inlineString(is.inner) : '' };
      }
      case 'b':
        return { present: true, value: xmlTrue(v) };
      case 'd':
        if (v === undefined) throw this.damaged(row, col, 'a date cell has no date');
        return { present: true, value: utcToLocal(isoDate(v, this.ctx.date1904)) };
      case 'e':
        // An error value reads as its text (#DIV/0!), never as a blank or 0.
        return v !== undefined && ERRORS.has(v) ? { present: true, value: v } : asFormulaText();
      default:
        throw this.damaged(row, col, `a cell has a type Excel does not write ("${type}")`);
    }
  }

  /** Shared text number `index`, or undefined when the workbook has none such. */
  sharedString(index: number): string | undefined {
    return this.ctx.strings[index];
  }

  /** Whether a number in a cell of this style (its s attribute) is a date. */
  isDateStyle(style: string | undefined): boolean {
    return style !== undefined && this.isDateStyleIndex(parseInt(style, 10));
  }

  /** The same for a style given as its number. */
  isDateStyleIndex(style: number): boolean {
    return this.ctx.dateStyles?.[style] === true;
  }

  private number(n: number, style: string | undefined): { present: boolean; value: unknown } {
    const isDate = this.isDateStyle(style);
    return { present: true, value: isDate ? serialDate(n + (this.ctx.date1904 ? 1462 : 0)) : n };
  }

  private damaged(row: number, col: number, why: string) {
    return badInput(this.ctx.file, `the workbook could not be read: ${why}.`, { row: row + 1, column: `column ${columnLetters(col)}` });
  }
}

/** Whether a cell has a value or a formula, as value() would find, without reading the value. */
function isPresent(type: string | undefined, v: string | undefined, formula: string | undefined): boolean {
  switch (type || 'n') {
    case 'n':
    case 's':
      return v !== undefined || formula !== undefined;
    case 'e':
      return (v !== undefined && ERRORS.has(v)) || formula !== undefined;
    default:
      return true;
  }
}

export function columnLetters(col: number): string {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
