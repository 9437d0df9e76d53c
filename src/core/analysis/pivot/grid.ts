/**
 * The pivot's grid: which row and column headers there are, and, for any cell, row, column
 * or the whole table, the counts it holds and the areas and periods it spans (rates need
 * every area a total covers, including areas with no crimes; completeness needs every
 * period). Counts are looked up by row key then column key, so a table of a hundred
 * thousand cells builds in milliseconds.
 */
import type { PivotHeader } from '../../../shared/pivot';
import type { Aggregate } from './query';

export interface CellFacts {
  count: number;
  previousCount: number;
  /** Distinct area keys the figure spans (empty when the pivot has no area dimension). */
  areas: string[];
  /** Distinct period keys the figure spans (empty when the pivot has no time dimension). */
  periods: string[];
}

const SEP = '\u0001';
type Counts = Map<string, Map<string, number>>;

/** The dimensions [from, to) of a key list as one string: what cells are looked up by. */
function keyText(keys: string[], from: number, to: number): string {
  let text = from < to ? keys[from]! : '';
  for (let i = from + 1; i < to; i++) text += SEP + keys[i]!;
  return text;
}

function index(rows: Aggregate[], rowDims: number): { cells: Counts; rowTotals: Map<string, number>; columnTotals: Map<string, number>; total: number } {
  const cells: Counts = new Map();
  const rowTotals = new Map<string, number>();
  const columnTotals = new Map<string, number>();
  let total = 0;
  for (const a of rows) {
    const r = keyText(a.keys, 0, rowDims);
    const c = keyText(a.keys, rowDims, a.keys.length);
    let row = cells.get(r);
    if (!row) cells.set(r, (row = new Map()));
    row.set(c, (row.get(c) ?? 0) + a.count);
    rowTotals.set(r, (rowTotals.get(r) ?? 0) + a.count);
    columnTotals.set(c, (columnTotals.get(c) ?? 0) + a.count);
    total += a.count;
  }
  return { cells, rowTotals, columnTotals, total };
}

/** Facts are asked for by header position; each header's key text and spans are worked out once. */
export class Grid {
  readonly rowHeaders: PivotHeader[];
  readonly columnHeaders: PivotHeader[];
  private readonly current;
  private readonly previous;
  private readonly allAreas: string[];
  private readonly allPeriods: string[];
  private readonly rowTexts: string[];
  private readonly columnTexts: string[];
  /** The one area / period key a row or column fixes, or null when the other side does. */
  private readonly rowSpan: { areas: string[] | null; periods: string[] | null }[];
  private readonly columnSpan: { areas: string[] | null; periods: string[] | null }[];

  /** @param areaIndex, timeIndex: positions of the area and time dimensions among rows then columns (-1: none). */
  constructor(
    private readonly rowDims: number,
    columnDims: number,
    current: Aggregate[],
    previous: Aggregate[],
    private readonly areaIndex: number,
    private readonly timeIndex: number,
  ) {
    this.current = index(current, rowDims);
    this.previous = index(previous, rowDims);
    this.rowHeaders = headers(current, previous, 0, rowDims);
    this.columnHeaders = headers(current, previous, rowDims, rowDims + columnDims);
    this.rowTexts = this.rowHeaders.map((h) => keyText(h.keys, 0, h.keys.length));
    this.columnTexts = this.columnHeaders.map((h) => keyText(h.keys, 0, h.keys.length));
    this.allAreas = this.distinct(areaIndex);
    this.allPeriods = this.distinct(timeIndex);
    const fixed = (i: number, h: PivotHeader, inRows: boolean) =>
      i < 0 || i < rowDims !== inRows ? null : [h.keys[inRows ? i : i - rowDims]!];
    this.rowSpan = this.rowHeaders.map((h) => ({ areas: fixed(areaIndex, h, true), periods: fixed(timeIndex, h, true) }));
    this.columnSpan = this.columnHeaders.map((h) => ({ areas: fixed(areaIndex, h, false), periods: fixed(timeIndex, h, false) }));
  }

  /** The cell at row header i and column header j. */
  cellFacts(i: number, j: number): CellFacts {
    const r = this.rowTexts[i]!;
    const c = this.columnTexts[j]!;
    return {
      count: this.current.cells.get(r)?.get(c) ?? 0,
      previousCount: this.previous.cells.get(r)?.get(c) ?? 0,
      areas: this.spanned(this.areaIndex, this.rowSpan[i]!.areas ?? this.columnSpan[j]!.areas),
      periods: this.spanned(this.timeIndex, this.rowSpan[i]!.periods ?? this.columnSpan[j]!.periods),
    };
  }

  /** The total of row header i. */
  rowFacts(i: number): CellFacts {
    const r = this.rowTexts[i]!;
    return {
      count: this.current.rowTotals.get(r) ?? 0,
      previousCount: this.previous.rowTotals.get(r) ?? 0,
      areas: this.spanned(this.areaIndex, this.rowSpan[i]!.areas) ?? this.allAreas,
      periods: this.spanned(this.timeIndex, this.rowSpan[i]!.periods) ?? this.allPeriods,
    };
  }

  /** The total of column header j. */
  columnFacts(j: number): CellFacts {
    const c = this.columnTexts[j]!;
    return {
      count: this.current.columnTotals.get(c) ?? 0,
      previousCount: this.previous.columnTotals.get(c) ?? 0,
      areas: this.spanned(this.areaIndex, this.columnSpan[j]!.areas) ?? this.allAreas,
      periods: this.spanned(this.timeIndex, this.columnSpan[j]!.periods) ?? this.allPeriods,
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
    const from = i < this.rowDims ? this.rowHeaders : this.columnHeaders;
    const at = i < this.rowDims ? i : i - this.rowDims;
    return [...new Set(from.map((h) => h.keys[at]!))];
  }
}

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** Distinct header tuples for dimensions [from, to): periods in time order, names alphabetically. */
function headers(current: Aggregate[], previous: Aggregate[], from: number, to: number): PivotHeader[] {
  if (from === to) return [{ keys: [], labels: [] }];
  const seen = new Map<string, PivotHeader>();
  for (const rows of [current, previous]) {
    for (const r of rows) {
      const k = keyText(r.keys, from, to);
      if (!seen.has(k)) seen.set(k, { keys: r.keys.slice(from, to), labels: r.labels.slice(from, to) });
    }
  }
  const isPeriod = (key: string) => /^\d{4}/.test(key);
  return [...seen.values()].sort((a, b) => {
    for (let i = 0; i < a.keys.length; i++) {
      const order = isPeriod(a.keys[i]!) ? a.keys[i]!.localeCompare(b.keys[i]!) : collator.compare(a.labels[i]!, b.labels[i]!);
      if (order !== 0) return order;
    }
    return 0;
  });
}
