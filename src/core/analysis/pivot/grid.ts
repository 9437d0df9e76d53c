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

function index(rows: Aggregate[], rowDims: number): { cells: Counts; columnTotals: Map<string, number>; total: number } {
  const cells: Counts = new Map();
  const columnTotals = new Map<string, number>();
  let total = 0;
  for (const a of rows) {
    const r = a.keys.slice(0, rowDims).join(SEP);
    const c = a.keys.slice(rowDims).join(SEP);
    let row = cells.get(r);
    if (!row) cells.set(r, (row = new Map()));
    row.set(c, (row.get(c) ?? 0) + a.count);
    columnTotals.set(c, (columnTotals.get(c) ?? 0) + a.count);
    total += a.count;
  }
  return { cells, columnTotals, total };
}

export class Grid {
  readonly rowHeaders: PivotHeader[];
  readonly columnHeaders: PivotHeader[];
  private readonly current;
  private readonly previous;
  private readonly allAreas: string[];
  private readonly allPeriods: string[];

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
    this.rowHeaders = headers([...current, ...previous], 0, rowDims);
    this.columnHeaders = headers([...current, ...previous], rowDims, rowDims + columnDims);
    this.allAreas = this.distinct(areaIndex);
    this.allPeriods = this.distinct(timeIndex);
  }

  cellFacts(row: PivotHeader, column: PivotHeader): CellFacts {
    const r = row.keys.join(SEP);
    const c = column.keys.join(SEP);
    return {
      count: this.current.cells.get(r)?.get(c) ?? 0,
      previousCount: this.previous.cells.get(r)?.get(c) ?? 0,
      areas: this.spanned(this.areaIndex, row, column, this.allAreas),
      periods: this.spanned(this.timeIndex, row, column, this.allPeriods),
    };
  }

  rowFacts(row: PivotHeader): CellFacts {
    const sum = (m: Map<string, number> | undefined) => [...(m?.values() ?? [])].reduce((t, n) => t + n, 0);
    const r = row.keys.join(SEP);
    return {
      count: sum(this.current.cells.get(r)),
      previousCount: sum(this.previous.cells.get(r)),
      areas: this.spanned(this.areaIndex, row, null, this.allAreas),
      periods: this.spanned(this.timeIndex, row, null, this.allPeriods),
    };
  }

  columnFacts(column: PivotHeader): CellFacts {
    const c = column.keys.join(SEP);
    return {
      count: this.current.columnTotals.get(c) ?? 0,
      previousCount: this.previous.columnTotals.get(c) ?? 0,
      areas: this.spanned(this.areaIndex, null, column, this.allAreas),
      periods: this.spanned(this.timeIndex, null, column, this.allPeriods),
    };
  }

  grandFacts(): CellFacts {
    return { count: this.current.total, previousCount: this.previous.total, areas: this.allAreas, periods: this.allPeriods };
  }

  /** The key of dimension `i` when the row or column fixes it, else every key the table has. */
  private spanned(i: number, row: PivotHeader | null, column: PivotHeader | null, all: string[]): string[] {
    if (i < 0) return [];
    if (i < this.rowDims) return row ? [row.keys[i]!] : all;
    return column ? [column.keys[i - this.rowDims]!] : all;
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
function headers(rows: Aggregate[], from: number, to: number): PivotHeader[] {
  if (from === to) return [{ keys: [], labels: [] }];
  const seen = new Map<string, PivotHeader>();
  for (const r of rows) {
    const k = r.keys.slice(from, to).join(SEP);
    if (!seen.has(k)) seen.set(k, { keys: r.keys.slice(from, to), labels: r.labels.slice(from, to) });
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
