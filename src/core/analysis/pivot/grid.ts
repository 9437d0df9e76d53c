/**
 * The pivot's grid: which row and column headers there are, and, for any cell, row, column
 * or the whole table, the counts it holds and the areas and periods it spans (rates need
 * every area a total covers, including areas with no crimes; completeness needs every
 * period).
 *
 * Everything runs on small integers: each dimension's distinct keys are numbered once, a
 * header is a tuple of those numbers, and counts sit in
 * flat typed arrays indexed by row × column. A table of a hundred thousand cells builds
 * without making a key string or a Map per group.
 */
import type { Dimension, PivotHeader } from '../../../shared/pivot';
import { isTimeDimension, periodKey, periodLabel, yearStep } from './dimensions';
import type { Aggregate } from './query';
import { runAtOnce, type Steps } from './steps';

export interface CellFacts {
  count: number;
  previousCount: number;
  /** Distinct area keys the figure spans (empty when the pivot has no area dimension). */
  areas: string[];
  /** Distinct period keys the figure spans (empty when the pivot has no time dimension). */
  periods: string[];
}

export interface GridInput {
  dims: Dimension[];
  rowDims: number;
  current: Aggregate;
  /** The same question a year earlier (its period codes are moved forward a year here). */
  previous: Aggregate | null;
  /** Positions of the area and time dimensions among rows then columns (-1: none). */
  areaIndex: number;
  timeIndex: number;
  /** Period codes to show even with no rows: the periods the dataset covers in the span. */
  periods: number[];
}

/** One dimension's distinct keys, numbered in the order first met. */
class KeyTable {
  readonly keys: string[] = [];
  readonly labels: string[] = [];
  private readonly numbers = new Map<string, number>();

  intern(key: string, label: string): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.keys.length;
      this.numbers.set(key, n);
      this.keys.push(key);
      this.labels.push(label);
    }
    return n;
  }
}

/** Each group's key number in one dimension, from its ids (time codes shifted `shiftYears` forward). */
function keyColumn(table: KeyTable, dim: Dimension, agg: Aggregate, i: number, shiftYears: number): Int32Array {
  const ids = agg.ids[i]!;
  const shift = isTimeDimension(dim) ? shiftYears * yearStep(dim) : 0;
  const keyOf = (id: number | null): number => {
    if (!isTimeDimension(dim)) {
      const [key, label] = agg.lookups[i]!(id);
      return table.intern(key, label);
    }
    const code = Number(id) + shift;
    return table.intern(periodKey(dim, code), periodLabel(dim, code));
  };
  const column = new Int32Array(ids.length);
  const range = idRange(ids);
  if (range) {
    // Ids are small whole numbers (database row ids, period codes): an array indexed by id
    // answers a hundred thousand look-ups far faster than a Map.
    const byId = new Int32Array(range.max - range.min + 1).fill(-1);
    if (ids instanceof Int32Array) {
      keysOfTypedIds(ids, range.min, byId, column, keyOf);
      return column;
    }
    for (let r = 0; r < ids.length; r++) {
      const at = ids[r]! - range.min;
      let n = byId[at]!;
      if (n < 0) byId[at] = n = keyOf(ids[r]!);
      column[r] = n;
    }
    return column;
  }
  const byId = new Map<number | null, number>();
  for (let r = 0; r < ids.length; r++) {
    let n = byId.get(ids[r]!);
    if (n === undefined) byId.set(ids[r]!, (n = keyOf(ids[r]!)));
    column[r] = n;
  }
  return column;
}

/**
 * keyColumn's loop for ids already in a typed array (as a count table's ids come when each
 * row is its own group): a loop that only ever sees one array type is compiled for it.
 */
function keysOfTypedIds(ids: Int32Array, min: number, byId: Int32Array, out: Int32Array, keyOf: (id: number) => number): void {
  for (let r = 0; r < ids.length; r++) {
    const at = ids[r]! - min;
    let n = byId[at]!;
    if (n < 0) byId[at] = n = keyOf(ids[r]!);
    out[r] = n;
  }
}

function typedRange(ids: Int32Array): { min: number; max: number } | null {
  let min = 2 ** 31;
  let max = -(2 ** 31);
  for (let r = 0; r < ids.length; r++) {
    const id = ids[r]!;
    if (id < min) min = id;
    if (id > max) max = id;
  }
  return ids.length > 0 && max - min < 1 << 20 ? { min, max } : null;
}

/** The span of a column of ids when all are whole numbers within a million of each other. */
function idRange(ids: ArrayLike<number | null>): { min: number; max: number } | null {
  if (ids instanceof Int32Array) return typedRange(ids);
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0; r < ids.length; r++) {
    const id = ids[r]!;
    if (id === null || !Number.isInteger(id)) return null;
    if (id < min) min = id;
    if (id > max) max = id;
  }
  return ids.length > 0 && max - min < 1 << 20 ? { min, max } : null;
}

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
const isPeriod = (key: string) => /^\d{4}/.test(key);

/** Each key number's place in header order (periods in time order, names alphabetically); ties share a place. */
function ranks(table: KeyTable): Int32Array {
  const { keys, labels } = table;
  const compare = (a: number, b: number) =>
    isPeriod(keys[a]!) ? keys[a]!.localeCompare(keys[b]!) : collator.compare(labels[a]!, labels[b]!);
  const order = keys.map((_, n) => n).sort(compare);
  const rank = new Int32Array(keys.length);
  order.forEach((n, i) => (rank[n] = i > 0 && compare(order[i - 1]!, n) === 0 ? rank[order[i - 1]!]! : i));
  return rank;
}

/** One side of the table (rows or columns): its headers and where each group falls. */
interface Axis {
  headers: PivotHeader[];
  /** Per aggregate (current, previous), each group's header position. */
  positionOf: Int32Array[];
}

/**
 * The distinct header tuples of dimensions [from, to), from the groups of every aggregate,
 * plus, when the axis holds the time dimension, every covered period for each tuple met.
 */
function* buildAxis(tables: KeyTable[], columns: Int32Array[][], sizes: number[], from: number, to: number, fill: { at: number; keys: number[] } | null): Steps<Axis> {
  const width = to - from;
  const tuples: number[][] = [];
  const radix = tables.slice(from, to).map((t) => Math.max(1, t.keys.length));
  const space = radix.reduce((a, b) => a * b, 1);
  // A tuple's code numbers it among all possible tuples; past 2^53 codes would collide, and
  // the tuple's text is the key instead (only for improbably many dimensions and keys).
  const exact = space <= Number.MAX_SAFE_INTEGER;
  // Header number by tuple code: an array when the codes are few enough, else a Map.
  const direct = space <= Math.max(1 << 16, 8 * sizes.reduce((a, b) => a + b, 0)) ? new Int32Array(space).fill(-1) : null;
  const codeOf = new Map<number | string, number>();
  const add = (tuple: number[]): number => {
    let code = 0;
    for (let k = 0; k < width; k++) code = code * radix[k]! + tuple[k]!;
    const key = exact ? code : tuple.join(',');
    let h = direct ? direct[code]! : (codeOf.get(key) ?? -1);
    if (h < 0) {
      h = tuples.length;
      if (direct) direct[code] = h;
      else codeOf.set(key, h);
      tuples.push(tuple.slice());
    }
    return h;
  };
  // Each group's header number, from its key numbers in this axis's dimensions.
  const headerNumbers = (mine: Int32Array[], n: number): Int32Array => {
    const out = new Int32Array(n);
    if (!exact) {
      for (let r = 0; r < n; r++) out[r] = add(mine.map((c) => c[r]!));
      return out;
    }
    const miss = (r: number) => add(mine.map((c) => c[r]!));
    if (direct) {
      placeDirect(smallTupleCodes(mine, radix, n), direct, out, miss);
      return out;
    }
    const codes = tupleCodes(mine, radix, n);
    for (let r = 0; r < n; r++) out[r] = codeOf.get(codes[r]!) ?? miss(r);
    return out;
  };
  const headerOf: Int32Array[] = [];
  for (const [s, cols] of columns.entries()) {
    headerOf.push(headerNumbers(cols.slice(from, to), sizes[s]!));
    yield;
  }
  if (fill && width === 1) for (const period of fill.keys) add([period]);
  else if (fill) {
    // Every covered period for each distinct tuple of the axis's other dimensions.
    const met = tuples.length;
    const others = new Set<string>();
    for (let h = 0; h < met; h++) {
      const t = tuples[h]!.slice();
      t[fill.at] = -1;
      const text = t.join(',');
      if (others.has(text)) continue;
      others.add(text);
      for (const period of fill.keys) {
        t[fill.at] = period;
        add(t);
      }
    }
  }
  if (tuples.length === 0 && width === 0) add([]);
  yield;
  const rankOf = tables.slice(from, to).map(ranks);
  const order = tuples.map((_, h) => h);
  yield;
  order.sort((a, b) => {
    for (let k = 0; k < width; k++) {
      const d = rankOf[k]![tuples[a]![k]!]! - rankOf[k]![tuples[b]![k]!]!;
      if (d !== 0) return d;
    }
    return 0;
  });
  yield;
  const place = new Int32Array(tuples.length);
  order.forEach((h, i) => (place[h] = i));
  const headers: PivotHeader[] = new Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const tuple = tuples[order[i]!]!;
    headers[i] = { keys: tuple.map((n, k) => tables[from + k]!.keys[n]!), labels: tuple.map((n, k) => tables[from + k]!.labels[n]!) };
    if ((i & 8191) === 8191) yield;
  }
  yield;
  return {
    headers,
    positionOf: headerOf.map((hs) => {
      for (let r = 0; r < hs.length; r++) hs[r] = place[hs[r]!]!;
      return hs;
    }),
  };
}

/**
 * Each group's tuple code, a column at a time. Tight loops in functions of their own: V8
 * optimises them at once, where loops inside a closure made per call run slower for longer.
 */
function tupleCodes(columns: Int32Array[], radix: number[], n: number): Float64Array {
  const codes = new Float64Array(n);
  for (let k = 0; k < columns.length; k++) {
    const column = columns[k]!;
    const base = radix[k]!;
    for (let r = 0; r < n; r++) codes[r] = codes[r]! * base + column[r]!;
  }
  return codes;
}

/** tupleCodes for codes that index an array (so fit an Int32Array, which is faster to index by). */
function smallTupleCodes(columns: Int32Array[], radix: number[], n: number): Int32Array {
  if (columns.length === 1) return columns[0]!;
  const codes = new Int32Array(n);
  for (let k = 0; k < columns.length; k++) {
    const column = columns[k]!;
    const base = radix[k]!;
    for (let r = 0; r < n; r++) codes[r] = codes[r]! * base + column[r]!;
  }
  return codes;
}

/** Each group's header number from the array of header numbers by code (`miss` adds a new one). */
function placeDirect(codes: Int32Array, direct: Int32Array, out: Int32Array, miss: (r: number) => number): void {
  for (let r = 0; r < codes.length; r++) {
    const h = direct[codes[r]!]!;
    out[r] = h >= 0 ? h : miss(r);
  }
}

/** Counts of one aggregate laid out on the grid, with row, column and grand totals. */
interface Counts {
  cells: Float64Array;
  rowTotals: Float64Array;
  columnTotals: Float64Array;
  total: number;
}

function layOut(counts: ArrayLike<number> | null, rowAt: Int32Array | undefined, columnAt: Int32Array | undefined, rows: number, columns: number): Counts {
  const out = { cells: new Float64Array(rows * columns), rowTotals: new Float64Array(rows), columnTotals: new Float64Array(columns), total: 0 };
  if (!counts || !rowAt || !columnAt) return out;
  for (let g = 0; g < counts.length; g++) {
    const n = counts[g]!;
    const r = rowAt[g]!;
    const c = columnAt[g]!;
    const at = r * columns + c;
    out.cells[at] = out.cells[at]! + n;
    out.rowTotals[r] = out.rowTotals[r]! + n;
    out.columnTotals[c] = out.columnTotals[c]! + n;
    out.total += n;
  }
  return out;
}

type Span = { areas: string[] | null; periods: string[] | null };

/** The grid of a pivot's aggregates, in steps (steps.ts): the headers of a hundred thousand groups take a while. */
export function* buildGrid(input: GridInput): Steps<Grid> {
  return new Grid(input, yield* gridAxes(input));
}

/** The row and column headers, and where each group of each aggregate falls among them. */
function* gridAxes(input: GridInput): Steps<{ rows: Axis; cols: Axis }> {
  const { dims, rowDims, timeIndex } = input;
  const sets = input.previous ? [input.current, input.previous] : [input.current];
  const tables = dims.map(() => new KeyTable());
  const columns: Int32Array[][] = [];
  for (const [s, agg] of sets.entries()) {
    const mine: Int32Array[] = [];
    for (const [i, d] of dims.entries()) {
      mine.push(keyColumn(tables[i]!, d, agg, i, s));
      yield;
    }
    columns.push(mine);
  }
  let fill: { at: number; keys: number[] } | null = null;
  if (timeIndex >= 0) {
    const d = dims[timeIndex]!;
    const t = tables[timeIndex]!;
    const keys = isTimeDimension(d) ? input.periods.map((code) => t.intern(periodKey(d, code), periodLabel(d, code))) : [];
    fill = { at: timeIndex < rowDims ? timeIndex : timeIndex - rowDims, keys };
  }
  const sizes = sets.map((a) => a.size);
  const rows = yield* buildAxis(tables, columns, sizes, 0, rowDims, fill && timeIndex < rowDims ? fill : null);
  const cols = yield* buildAxis(tables, columns, sizes, rowDims, dims.length, fill && timeIndex >= rowDims ? fill : null);
  return { rows, cols };
}

/** Facts are asked for by header position; each header's spans are worked out once. */
export class Grid {
  readonly rowHeaders: PivotHeader[];
  readonly columnHeaders: PivotHeader[];
  private readonly current: Counts;
  private readonly previous: Counts;
  private readonly columnCount: number;
  private readonly allAreas: string[];
  private readonly allPeriods: string[];
  /** The one area / period key a row or column fixes, or null when the other side does. */
  private readonly rowSpan: Span[];
  private readonly columnSpan: Span[];
  private readonly areaIndex: number;
  private readonly timeIndex: number;
  private readonly rowDims: number;

  /** Given no axes, works them out at once (buildGrid works them out in steps). */
  constructor(input: GridInput, axes?: { rows: Axis; cols: Axis }) {
    const { rows, cols } = axes ?? runAtOnce(gridAxes(input));
    const { rowDims, areaIndex, timeIndex } = input;
    this.areaIndex = areaIndex;
    this.timeIndex = timeIndex;
    this.rowDims = rowDims;
    this.rowHeaders = rows.headers;
    this.columnHeaders = cols.headers;
    this.columnCount = cols.headers.length;
    const R = rows.headers.length;
    const C = cols.headers.length;
    this.current = layOut(input.current.counts, rows.positionOf[0], cols.positionOf[0], R, C);
    this.previous = layOut(input.previous?.counts ?? null, rows.positionOf[1], cols.positionOf[1], R, C);
    this.allAreas = this.distinct(areaIndex);
    this.allPeriods = this.distinct(timeIndex);
    const fixed = (i: number, h: PivotHeader, inRows: boolean) =>
      i < 0 || i < rowDims !== inRows ? null : [h.keys[inRows ? i : i - rowDims]!];
    this.rowSpan = this.rowHeaders.map((h) => ({ areas: fixed(areaIndex, h, true), periods: fixed(timeIndex, h, true) }));
    this.columnSpan = this.columnHeaders.map((h) => ({ areas: fixed(areaIndex, h, false), periods: fixed(timeIndex, h, false) }));
  }

  /** How many of the dimensions are on the rows (the rest are on the columns). */
  get rowDimensions(): number {
    return this.rowDims;
  }

  /** The current counts of every cell, row by row (row header i, column header j at i × columns + j). */
  get currentCells(): Float64Array {
    return this.current.cells;
  }

  /**
   * The cell at row header i and column header j, written into `into` when given (a table's
   * worth of short-lived objects is a measurable share of building it).
   */
  cellFacts(i: number, j: number, into?: CellFacts): CellFacts {
    const at = i * this.columnCount + j;
    const facts = into ?? { count: 0, previousCount: 0, areas: [], periods: [] };
    facts.count = this.current.cells[at]!;
    facts.previousCount = this.previous.cells[at]!;
    facts.areas = this.spanned(this.areaIndex, this.rowSpan[i]!.areas ?? this.columnSpan[j]!.areas);
    facts.periods = this.spanned(this.timeIndex, this.rowSpan[i]!.periods ?? this.columnSpan[j]!.periods);
    return facts;
  }

  /** The total of row header i. */
  rowFacts(i: number): CellFacts {
    return {
      count: this.current.rowTotals[i]!,
      previousCount: this.previous.rowTotals[i]!,
      areas: this.spanned(this.areaIndex, this.rowSpan[i]!.areas),
      periods: this.spanned(this.timeIndex, this.rowSpan[i]!.periods),
    };
  }

  /** The total of column header j. */
  columnFacts(j: number): CellFacts {
    return {
      count: this.current.columnTotals[j]!,
      previousCount: this.previous.columnTotals[j]!,
      areas: this.spanned(this.areaIndex, this.columnSpan[j]!.areas),
      periods: this.spanned(this.timeIndex, this.columnSpan[j]!.periods),
    };
  }

  grandFacts(): CellFacts {
    return { count: this.current.total, previousCount: this.previous.total, areas: this.allAreas, periods: this.allPeriods };
  }

  /** A fixed key, else every key the table has for that dimension (none when the pivot lacks it). */
  private spanned(i: number, fixed: string[] | null): string[] {
    if (i < 0) return [];
    return fixed ?? (i === this.areaIndex ? this.allAreas : this.allPeriods);
  }

  private distinct(i: number): string[] {
    if (i < 0) return [];
    const rowDims = this.rowDims;
    const inRows = i < rowDims;
    const from = inRows ? this.rowHeaders : this.columnHeaders;
    const at = inRows ? i : i - rowDims;
    return [...new Set(from.map((h) => h.keys[at]!))];
  }
}
