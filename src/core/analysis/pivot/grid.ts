/**
 * The pivot's grid: which row and column headers there are, and, for any cell, row, column
 * or the whole table, the counts it holds and the header tuples it spans (rates need to
 * know which areas and years a total covers, including those with no crimes).
 */
import type { PivotHeader } from '../../../shared/pivot';
import type { Aggregate } from './query';

export interface CellFacts {
  count: number;
  previousCount: number;
  /** Every full key tuple (row keys then column keys) the figure spans. */
  spans: string[][];
}

const SEP = '\u0001';

export class Grid {
  readonly rowHeaders: PivotHeader[];
  readonly columnHeaders: PivotHeader[];
  private readonly current = new Map<string, number>();
  private readonly previous = new Map<string, number>();

  constructor(
    private readonly rowDims: number,
    columnDims: number,
    current: Aggregate[],
    previous: Aggregate[],
  ) {
    for (const a of current)
      this.current.set(a.keys.join(SEP), (this.current.get(a.keys.join(SEP)) ?? 0) + a.count);
    for (const a of previous)
      this.previous.set(a.keys.join(SEP), (this.previous.get(a.keys.join(SEP)) ?? 0) + a.count);
    this.rowHeaders = headers([...current, ...previous], 0, rowDims);
    this.columnHeaders = headers([...current, ...previous], rowDims, rowDims + columnDims);
  }

  cellFacts(row: PivotHeader, column: PivotHeader): CellFacts {
    return this.sum([row], [column]);
  }
  rowFacts(row: PivotHeader): CellFacts {
    return this.sum([row], this.columnHeaders);
  }
  columnFacts(column: PivotHeader): CellFacts {
    return this.sum(this.rowHeaders, [column]);
  }
  grandFacts(): CellFacts {
    return (this.grand ??= this.sum(this.rowHeaders, this.columnHeaders));
  }
  private grand?: CellFacts;

  private sum(rows: PivotHeader[], columns: PivotHeader[]): CellFacts {
    const facts: CellFacts = { count: 0, previousCount: 0, spans: [] };
    for (const r of rows) {
      for (const c of columns) {
        const keys = [...r.keys, ...c.keys];
        const k = keys.join(SEP);
        facts.count += this.current.get(k) ?? 0;
        facts.previousCount += this.previous.get(k) ?? 0;
        facts.spans.push(keys);
      }
    }
    return facts;
  }
}

/** Distinct header tuples for dimensions [from, to), ordered by their keys (periods sort by key, names by label). */
function headers(rows: Aggregate[], from: number, to: number): PivotHeader[] {
  const seen = new Map<string, PivotHeader>();
  for (const r of rows) {
    const keys = r.keys.slice(from, to);
    const k = keys.join(SEP);
    if (!seen.has(k)) seen.set(k, { keys, labels: r.labels.slice(from, to) });
  }
  if (from === to) return [{ keys: [], labels: [] }];
  return [...seen.values()].sort((a, b) => {
    for (let i = 0; i < a.keys.length; i++) {
      const byKey = /^\d{4}/.test(a.keys[i]!)
        ? a.keys[i]!.localeCompare(b.keys[i]!)
        : a.labels[i]!.localeCompare(b.labels[i]!, 'en-GB');
      if (byKey !== 0) return byKey;
    }
    return 0;
  });
}
