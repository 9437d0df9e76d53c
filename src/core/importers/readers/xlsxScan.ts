/**
 * The rows and cells of a large sheet's XML, found in its bytes. A sheet is millions of
 * cells of one narrow shape, `<c r="B7" s="3" t="s"><v>12</v></c>`: those are read here
 * straight from the bytes, without making a string of the cell (decoding the sheet to text
 * and matching each cell with a regular expression was most of a large import's reading).
 * Any other cell (a formula, inline text, a date, an error, an unusual attribute, a prefix)
 * is handed as text to CellReader (xlsxCells.ts), which reads every kind as SheetJS does;
 * so the result is the same as reading every cell as text, only faster.
 *
 * Elements are matched as the regular expression this replaced matched them (see
 * tests/unit/xlsxScan.test.ts): a <row> or <c>, with or without a namespace prefix, at any
 * "<" of sheetData; a cell runs to its first closing </c>.
 */
import type { Cell, CellReader } from './xlsxCells';

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const QUOTE = 0x22;
const EQUALS = 0x3d;
const SPACE = 0x20;
const C = 0x63;
const V = 0x76;

const isWordByte = (b: number) => (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 95;
/** A namespace prefix's characters: [\w.-]. */
const isPrefixByte = (b: number) => isWordByte(b) || b === 46 || b === 45;
const isSpaceByte = (b: number) => b === 32 || b === 9 || b === 10 || b === 13;
const isDigit = (b: number) => b >= 48 && b <= 57;

export interface SheetSpan {
  /** Byte offsets of sheetData's content: after its opening tag, before its closing tag. */
  from: number;
  to: number;
}

export interface CellVisitor {
  row(): void;
  cell(cell: Cell): void;
}

/**
 * The first `byte` in [from, to), or -1. A loop here rather than Buffer.indexOf: the gaps
 * between tags are a few bytes, and a call into indexOf per tag cost more than the search.
 */
function find(xml: Uint8Array, byte: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (xml[i] === byte) return i;
  return -1;
}

/** Where an element name starts after "<", past a namespace prefix if there is one. */
function localName(xml: Uint8Array, at: number, to: number): number {
  let i = at;
  while (i < to && isPrefixByte(xml[i]!)) i++;
  if (i < to && xml[i] === COLON && i > at) return i + 1;
  return at;
}

/** Whether the element name at `at` is row or c (a whole word: not rows, not col). */
function elementAt(xml: Uint8Array, at: number): 'row' | 'c' | null {
  if (xml[at] === 0x72 && xml[at + 1] === 0x6f && xml[at + 2] === 0x77 && !isWordByte(xml[at + 3]!)) return 'row';
  if (xml[at] === C && !isWordByte(xml[at + 1]!)) return 'c';
  return null;
}

/** Where `</c>` or `</prefix:c>` first starts at or after `from`, and the index past its ">"; null when none does. */
function cellClose(xml: Uint8Array, from: number, to: number): { start: number; end: number } | null {
  for (let i = find(xml, LT, from, to); i >= 0; i = find(xml, LT, i + 1, to)) {
    if (xml[i + 1] !== SLASH) continue;
    const name = localName(xml, i + 2, to);
    if (xml[name] === C && xml[name + 1] === GT && name + 1 < to) return { start: i, end: name + 2 };
  }
  return null;
}

/**
 * Reads the cells of sheetData between `span.from` and `span.to`, handing each row start
 * and each cell to `visit` in order. Yields the byte offset reached about every `step`
 * bytes, between cells, so the caller can hand on what it has.
 */
export function* scanCells(xml: Buffer, span: SheetSpan, cells: CellReader, withValue: boolean, visit: CellVisitor, step: number): Generator<number> {
  const fast = new FastCell(xml, cells, withValue);
  const { to } = span;
  let next = span.from + step;
  let at = find(xml, LT, span.from, to);
  while (at >= 0) {
    if (at >= next) {
      yield at;
      next = at + step;
    }
    if (xml[at + 1] === C && xml[at + 2] === SPACE) {
      const end = fast.readAt(at, to);
      if (end >= 0) {
        visit.cell(fast.out);
        at = find(xml, LT, end, to);
        continue;
      }
    }
    // As the expression matched: a row or cell after a prefix, else without one (<c:x is a c).
    let name = localName(xml, at + 1, to);
    if (name !== at + 1 && !elementAt(xml, name)) name = at + 1;
    const element = elementAt(xml, name);
    let after = at + 1;
    if (element === 'row') {
      // <row …>: its attributes run to the first ">".
      const gt = find(xml, GT, name + 3, to);
      if (gt >= 0) {
        cells.startRow(xml.toString('utf8', name + 3, gt));
        visit.row();
        after = gt + 1;
      }
    } else if (element === 'c') {
      const gt = find(xml, GT, name + 1, to);
      if (gt >= 0) {
        const selfClosing = xml[gt - 1] === SLASH && gt - 1 >= name + 1;
        if (selfClosing) {
          visit.cell(cells.cell(xml.toString('utf8', name + 1, gt - 1), undefined, withValue));
          after = gt + 1;
        } else {
          const close = cellClose(xml, gt + 1, to);
          if (close) {
            visit.cell(cells.cell(xml.toString('utf8', name + 1, gt), xml.toString('utf8', gt + 1, close.start), withValue));
            after = close.end;
          }
        }
      }
    }
    at = find(xml, LT, after, to);
  }
}

/**
 * A cell of the common shape read from its bytes, or null for CellReader to read: a plain
 * address, a number or shared string in <v>, no formula, no date style.
 */
class FastCell {
  private r0 = -1;
  private r1 = -1;
  private s0 = -1;
  private s1 = -1;
  private t0 = -1;
  private t1 = -1;

  constructor(
    private readonly xml: Buffer,
    private readonly cells: CellReader,
    private readonly withValue: boolean,
  ) {}

  /** The cell read, one object reused for every cell: visitors use it at once. */
  readonly out: Cell = { row: 0, col: 0, present: false, value: null };

  /**
   * The cell whose "<c " is at `at`, if it has the common shape, read in one pass over its
   * bytes into `out`: the index past its end, or -1 for CellReader to read it.
   */
  readAt(at: number, to: number): number {
    const x = this.xml;
    const gt = this.attributes(at + 2, to);
    if (gt < 0 || !this.address()) return -1;
    const type = this.type();
    if (type === null) return -1;
    const out = this.out;
    if (x[gt] === SLASH) {
      // <c r="B7" s="3"/>: a styled blank, no value.
      this.cells.column = out.col;
      out.present = false;
      out.value = null;
      return gt + 2;
    }
    // Exactly <v>…</v></c>, the value numeric characters only (no entities, no _x escapes).
    if (x[gt + 1] !== LT || x[gt + 2] !== V || x[gt + 3] !== GT) return -1;
    const v0 = gt + 4;
    const v1 = find(x, LT, v0, to);
    if (v1 <= v0 || v1 + 8 > to) return -1;
    if (x[v1 + 1] !== SLASH || x[v1 + 2] !== V || x[v1 + 3] !== GT || x[v1 + 4] !== LT || x[v1 + 5] !== SLASH || x[v1 + 6] !== C || x[v1 + 7] !== GT) return -1;
    let value: unknown;
    if (type === 's') {
      const index = this.digits(v0, v1);
      // A missing string is an error CellReader words.
      value = index < 0 ? undefined : this.cells.sharedString(index);
      if (value === undefined) return -1;
    } else {
      if (this.s0 >= 0 && this.dateStyle()) return -1;
      value = this.number(v0, v1);
      if (value === null) return -1;
    }
    this.cells.column = out.col;
    out.present = true;
    out.value = this.withValue ? value : null;
    return v1 + 8;
  }

  /** Whether the cell's style is a date format (or may be: an s that is not plain digits). */
  private dateStyle(): boolean {
    const style = this.s1 > this.s0 ? this.digits(this.s0, this.s1) : -1;
    return style < 0 ? this.cells.isDateStyle(this.xml.toString('latin1', this.s0, this.s1)) : this.cells.isDateStyleIndex(style);
  }

  /**
   * The r, s and t attributes (the first of each) from plain name="value" pairs, up to the
   * tag's end: the index of its ">" or of the "/" of its "/>", or -1 for anything else (a ">"
   * inside a value, single quotes, spaces around "=").
   */
  private attributes(from: number, to: number): number {
    const x = this.xml;
    this.r0 = this.s0 = this.t0 = -1;
    let i = from;
    while (i < to) {
      const b = x[i]!;
      if (isSpaceByte(b)) {
        i++;
        continue;
      }
      if (b === GT) return i;
      if (b === SLASH) return x[i + 1] === GT && i + 1 < to ? i : -1;
      const nameStart = i;
      while (i < to && x[i] !== EQUALS) {
        const c = x[i]!;
        if (c === GT || c === SLASH || c === QUOTE || isSpaceByte(c)) return -1;
        i++;
      }
      if (i >= to || i === nameStart || x[i + 1] !== QUOTE) return -1;
      let end = i + 2;
      while (end < to && x[end] !== QUOTE) {
        if (x[end] === GT) return -1;
        end++;
      }
      if (end >= to) return -1;
      if (i - nameStart === 1) {
        const name = x[nameStart];
        if (name === 0x72 && this.r0 < 0) {
          this.r0 = i + 2;
          this.r1 = end;
        } else if (name === 0x73 && this.s0 < 0) {
          this.s0 = i + 2;
          this.s1 = end;
        } else if (name === 0x74 && this.t0 < 0) {
          this.t0 = i + 2;
          this.t1 = end;
        }
      }
      i = end + 1;
    }
    return -1;
  }

  /** "AB12" as 0-based row and column, into `out`; false for anything but capital letters then digits. */
  private address(): boolean {
    if (this.r0 < 0) return false;
    const x = this.xml;
    let i = this.r0;
    let col = 0;
    while (i < this.r1 && x[i]! >= 65 && x[i]! <= 90) col = 26 * col + (x[i++]! - 64);
    if (col === 0 || i === this.r1 || i - this.r0 > 3) return false;
    let row = 0;
    for (; i < this.r1; i++) {
      if (!isDigit(x[i]!)) return false;
      row = 10 * row + (x[i]! - 48);
    }
    if (row === 0 || this.r1 - this.r0 > 10) return false;
    this.out.row = row - 1;
    this.out.col = col - 1;
    return true;
  }

  /** 'n' or 's', or null for any other type. */
  private type(): 'n' | 's' | null {
    if (this.t0 < 0 || this.t1 === this.t0) return 'n';
    if (this.t1 - this.t0 !== 1) return null;
    const t = this.xml[this.t0];
    return t === 0x6e ? 'n' : t === 0x73 ? 's' : null;
  }

  /** A whole number of up to 9 digits, or -1. */
  private digits(from: number, to: number): number {
    if (to - from > 9) return -1;
    let n = 0;
    for (let i = from; i < to; i++) {
      const b = this.xml[i]!;
      if (!isDigit(b)) return -1;
      n = 10 * n + (b - 48);
    }
    return n;
  }

  /** A number as parseFloat reads its text; null when the text is more than a plain number. */
  private number(from: number, to: number): number | null {
    const x = this.xml;
    const negative = x[from] === 45;
    const whole = this.digits(negative ? from + 1 : from, to);
    if (whole >= 0 && to > (negative ? from + 1 : from)) return negative ? -whole : whole;
    for (let i = from; i < to; i++) {
      const b = x[i]!;
      // Digits, a sign, a point and an exponent: anything else (entities, escapes) is read as text.
      if (!isDigit(b) && b !== 45 && b !== 43 && b !== 46 && b !== 0x65 && b !== 0x45) return null;
    }
    return parseFloat(x.toString('latin1', from, to));
  }
}
