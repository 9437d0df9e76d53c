/**
 * police.uk rows checked and encoded, without the database: months as yyyymm, repeating
 * text (forces, outcomes, locations, LSOAs, crime types) as small numbers of the file's own,
 * coordinates as numbers. This is the half of an import that can run on a thread of its
 * own (see policeUkThread.ts) while the main thread writes; the other half turns the file's
 * numbers into the workspace's ids and inserts (policeUk.ts).
 */
import { badInput } from '../../errors';
import { currentMonth, fromIsoMonth, toIsoMonth } from '../../months';
import { requireColumns, type ImportContext } from '../context';
import type { SheetRow } from '../readers/table';
import { cellText } from '../readers/table';

const COLUMNS = [
  'crime id',
  'month',
  'reported by',
  'falls within',
  'longitude',
  'latitude',
  'location',
  'lsoa code',
  'lsoa name',
  'crime type',
  'last outcome category',
  'context',
] as const;
type Column = (typeof COLUMNS)[number];
export type PoliceUkLayout = Record<Column, number>;

/** LSOA codes: England's E01…, Wales's W01…, as police.uk gives them. */
const LSOA_CODE = /^[EW]01\d{6}$/;

/** The layout when every police.uk column is present (in any order). */
export function recognisePoliceUk(header: string[]): PoliceUkLayout | null {
  const layout = {} as PoliceUkLayout;
  for (const c of COLUMNS) {
    const i = header.indexOf(c);
    if (i < 0 && c !== 'context' && c !== 'last outcome category') return null;
    layout[c] = i;
  }
  return layout;
}

/** Per row, in `ints`: month (yyyymm), then the file's numbers for these, -1 for blank. */
export const INT_FIELDS = 7; // month, reported by, falls within, location, lsoa, crime type, outcome

/** New entries of the file's dictionaries, in the order their numbers were given. */
export interface NewEntries {
  forces: string[];
  outcomes: string[];
  locations: string[];
  crimeTypes: string[];
  /** [code, name] */
  lsoas: [string, string][];
  months: number[];
}

export interface EncodedRows {
  count: number;
  ints: Int32Array;
  /** longitude, latitude per row; NaN for blank. */
  coords: Float64Array;
  /**
   * Crime ids and contexts, each column's texts joined into one string with each row's
   * length beside it (-1 for blank): one long string crosses between threads in one copy,
   * where a thousand short ones were the dearest part of posting a chunk.
   */
  crimeIds: JoinedTexts;
  contexts: JoinedTexts;
  added: NewEntries;
}

export interface JoinedTexts {
  text: string;
  lengths: Int32Array;
}

/** One column's texts (null for blank) as one string and their lengths. */
function joined(texts: (string | null)[]): JoinedTexts {
  const lengths = new Int32Array(texts.length);
  for (let i = 0; i < texts.length; i++) lengths[i] = texts[i] === null ? -1 : texts[i]!.length;
  return { text: texts.join(''), lengths };
}

/** The texts of a JoinedTexts again, in row order. */
export function* splitJoined({ text, lengths }: JoinedTexts): Generator<string | null> {
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    const n = lengths[i]!;
    if (n < 0) yield null;
    else {
      yield text.slice(at, at + n);
      at += n;
    }
  }
}

/** Text → the file's own number for it, first seen first numbered. */
class Numbering {
  private readonly numbers = new Map<string, number>();
  private lastText = '';
  private lastNumber = -1;
  added: string[] = [];

  of(text: string): number {
    const n = this.known(text);
    return n === undefined ? this.add(text) : n;
  }

  /** The number already given to `text` (-1 for blank), or undefined for text not seen yet. */
  known(text: string): number | undefined {
    // Runs of one value are common (a file is one force; rows come street by street).
    if (text === this.lastText) return this.lastNumber;
    if (text === '') return -1;
    const n = this.numbers.get(text);
    if (n !== undefined) {
      this.lastText = text;
      this.lastNumber = n;
    }
    return n;
  }

  /** Numbers text not seen before. */
  add(text: string): number {
    const n = this.numbers.size;
    this.numbers.set(text, n);
    this.added.push(text);
    this.lastText = text;
    this.lastNumber = n;
    return n;
  }

  takeAdded(): string[] {
    const out = this.added;
    this.added = [];
    return out;
  }
}

/** What the encoder needs of an import: the file's name and header, for errors. */
export type EncoderContext = Pick<ImportContext, 'source' | 'header'>;

export class PoliceUkEncoder {
  private readonly forces = new Numbering();
  private readonly outcomes = new Numbering();
  private readonly locations = new Numbering();
  private readonly crimeTypes = new Numbering();
  private readonly lsoas = new Numbering();
  private lsoaNames: [string, string][] = [];
  private readonly months = new Map<string, number>();
  private newMonths: number[] = [];
  private readonly needed: number;
  private readonly cols: number[];
  private readonly latest = currentMonth();
  /** Rows encoded so far, the failing one included when a row is refused. */
  rowsRead = 0;

  constructor(
    private readonly ctx: EncoderContext,
    private readonly layout: PoliceUkLayout,
  ) {
    this.needed = Math.max(layout['crime type'], layout['lsoa name']) + 1;
    this.cols = (['crime id', 'month', 'reported by', 'falls within', 'location', 'lsoa code', 'lsoa name', 'crime type', 'last outcome category', 'context'] as const).map((c) => layout[c]);
  }

  encode(rows: SheetRow[]): EncodedRows {
    const n = rows.length;
    const ints = new Int32Array(n * INT_FIELDS);
    const coords = new Float64Array(n * 2);
    const crimeIds: (string | null)[] = new Array(n);
    const contexts: (string | null)[] = new Array(n);
    const [cCrimeId, cMonth, cReportedBy, cFallsWithin, cLocation, cLsoaCode, cLsoaName, cCrimeType, cOutcome, cContext] = this.cols as [number, number, number, number, number, number, number, number, number, number];
    const file = this.ctx.source.file;
    for (let i = 0; i < n; i++) {
      const { row, cells } = rows[i]!;
      this.rowsRead++;
      requireColumns(this.ctx, row, cells, this.needed);
      const o = i * INT_FIELDS;
      ints[o] = this.month(at(cells, cMonth), row);
      const crimeType = at(cells, cCrimeType);
      if (crimeType === '') throw badInput(file, 'the crime type is blank.', { row, column: 'Crime type', expected: 'a crime type' });
      const reportedBy = this.forces.of(at(cells, cReportedBy));
      const fallsWithin = this.forces.of(at(cells, cFallsWithin));
      if (reportedBy < 0 || fallsWithin < 0) {
        throw badInput(file, 'the force is blank.', { row, column: reportedBy < 0 ? 'Reported by' : 'Falls within', expected: 'a police force name' });
      }
      ints[o + 1] = reportedBy;
      ints[o + 2] = fallsWithin;
      ints[o + 3] = this.locations.of(at(cells, cLocation));
      ints[o + 4] = this.lsoa(at(cells, cLsoaCode), cells, cLsoaName, row);
      ints[o + 5] = this.crimeTypes.of(crimeType);
      ints[o + 6] = this.outcomes.of(at(cells, cOutcome));
      coords[i * 2] = this.coordinate(cells, row, this.layout.longitude, 'Longitude', 180);
      coords[i * 2 + 1] = this.coordinate(cells, row, this.layout.latitude, 'Latitude', 90);
      const crimeId = at(cells, cCrimeId);
      const context = at(cells, cContext);
      crimeIds[i] = crimeId === '' ? null : crimeId;
      contexts[i] = context === '' ? null : context;
    }
    return { count: n, ints, coords, crimeIds: joined(crimeIds), contexts: joined(contexts), added: this.takeAdded() };
  }

  private takeAdded(): NewEntries {
    const added: NewEntries = {
      forces: this.forces.takeAdded(),
      outcomes: this.outcomes.takeAdded(),
      locations: this.locations.takeAdded(),
      crimeTypes: this.crimeTypes.takeAdded(),
      lsoas: this.lsoaNames,
      months: this.newMonths,
    };
    this.lsoas.takeAdded();
    this.lsoaNames = [];
    this.newMonths = [];
    return added;
  }

  private lastMonthText: string | null = null;
  private lastMonth = 0;

  private month(text: string, row: number): number {
    // A police.uk file comes month by month: most rows repeat the month before them.
    if (text === this.lastMonthText) return this.lastMonth;
    const known = this.months.get(text);
    if (known !== undefined) {
      this.lastMonthText = text;
      this.lastMonth = known;
      return known;
    }
    const file = this.ctx.source.file;
    const m = fromIsoMonth(text);
    if (m === null) throw badInput(file, `expected a month such as 2017-01, found "${text.slice(0, 20)}".`, { row, column: 'Month', expected: 'YYYY-MM' });
    if (m > this.latest) {
      throw badInput(file, `the month ${text} has not happened yet: police.uk publishes a month’s crimes after it ends.`, { row, column: 'Month', expected: `a month up to ${toIsoMonth(this.latest)}` });
    }
    this.months.set(text, m);
    this.newMonths.push(m);
    this.lastMonthText = text;
    this.lastMonth = m;
    return m;
  }

  private lsoa(code: string, cells: unknown[], nameColumn: number, row: number): number {
    const known = this.lsoas.known(code);
    if (known !== undefined) return known;
    // Not a code (a street, a borough name): the row's cells have moved, e.g. round an unquoted comma.
    if (!LSOA_CODE.test(code)) {
      throw badInput(this.ctx.source.file, `"${code.slice(0, 30)}" is not an LSOA code; a cell before it may hold a comma without quotes round it, moving the cells after it.`, { row, column: 'LSOA code', expected: 'an LSOA code such as E01000001' });
    }
    this.lsoaNames.push([code, at(cells, nameColumn) || code]);
    return this.lsoas.add(code);
  }

  private coordinate(cells: unknown[], row: number, index: number, column: string, limit: number): number {
    const text = cellText(cells[index]);
    if (text === '') return NaN;
    const value = Number(text);
    if (!Number.isFinite(value) || Math.abs(value) > limit) {
      throw badInput(this.ctx.source.file, `expected a ${column.toLowerCase()} in degrees, found "${text.slice(0, 20)}".`, { row, column, expected: `a number between -${limit} and ${limit}` });
    }
    return value;
  }
}

/** A cell's text, trimmed: CSV cells are strings already; anything else (xlsx) goes through cellText. */
function at(cells: unknown[], index: number): string {
  if (index < 0) return '';
  const v = cells[index];
  return typeof v === 'string' ? v.trim() : cellText(v);
}

/** Several encoded chunks as one, in order (for posting between threads a few at a time). */
export function mergeEncoded(parts: EncodedRows[]): EncodedRows {
  if (parts.length === 1) return parts[0]!;
  const count = parts.reduce((n, p) => n + p.count, 0);
  const ints = new Int32Array(count * INT_FIELDS);
  const coords = new Float64Array(count * 2);
  const texts = (pick: (p: EncodedRows) => JoinedTexts): JoinedTexts => {
    const lengths = new Int32Array(count);
    let at = 0;
    for (const p of parts) {
      lengths.set(pick(p).lengths, at);
      at += p.count;
    }
    return { text: parts.map((p) => pick(p).text).join(''), lengths };
  };
  let at = 0;
  for (const p of parts) {
    ints.set(p.ints, at * INT_FIELDS);
    coords.set(p.coords, at * 2);
    at += p.count;
  }
  const added: NewEntries = { forces: [], outcomes: [], locations: [], crimeTypes: [], lsoas: [], months: [] };
  for (const p of parts) {
    added.forces.push(...p.added.forces);
    added.outcomes.push(...p.added.outcomes);
    added.locations.push(...p.added.locations);
    added.crimeTypes.push(...p.added.crimeTypes);
    added.lsoas.push(...p.added.lsoas);
    added.months.push(...p.added.months);
  }
  return { count, ints, coords, crimeIds: texts((p) => p.crimeIds), contexts: texts((p) => p.contexts), added };
}
