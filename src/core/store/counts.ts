/**
 * Writing monthly counts fast. A wide file arrives area by area with months across, but the
 * current-figures table is clustered by (dataset, borough, month, category, area); inserting
 * in file order scatters writes over the whole B-tree. So figures are gathered in compact
 * typed arrays, sorted into the table's order and written with multi-row INSERTs, a chunk
 * at a time so memory stays bounded whatever the file's size.
 *
 * Each month's figures go where the month's claim says: to the current figures if this
 * extract is now the newest for that month, else to the superseded figures (an older
 * extract imported after a newer one is kept for revisions only). Borough totals of the
 * current figures, and each area's total over the categories, are summed on the way and
 * written to monthly_totals and ward_totals at the end.
 */
import type { Statement } from 'better-sqlite3';
import { WardlensError } from '../errors';
import type { MonthClaims } from './revisions';
import type { Db } from './workspace';

const FIELDS = 6; // area, borough, category, month, count, source row
const CHUNK = 1 << 20; // figures per chunk: 24 MB of Int32s
const BATCH = 100; // rows per INSERT statement
const WIDTH = 8; // columns per inserted row
/** Widest span of ids (or months) sorted by counting: a count array of 16 MB at most. */
const MAX_RADIX_RANGE = 1 << 22;

export interface DuplicateFigure {
  row: number;
  earlierRow: number | null;
}

interface Destination {
  batch: Statement;
  single: Statement;
}

export class CountWriter {
  private data = new Int32Array(CHUNK * FIELDS);
  private size = 0;
  private readonly current: Destination;
  private readonly superseded: Destination;
  /** Borough totals by borough|month|category: [borough, month, category, count]. */
  private readonly totals = new Map<string, [number, number, number, number]>();
  /** Area totals over the categories: borough → (area × 1,000,000 + month) → count. */
  private readonly areaTotals = new Map<number, Map<number, number>>();
  /** Every area (wards and boroughs) and category written, to check once each at the end. */
  private readonly areaIds = new Set<number>();
  private readonly categoryIds = new Set<number>();

  /**
   * @param combine what to do when a file gives one area, category and month twice:
   * 'refuse' (an MPS file never does; it would double count) or 'add' (partner sheets
   * that split a figure over several rows).
   * @param claims which months this extract now supplies (set before the first flush).
   */
  constructor(
    private readonly db: Db,
    private readonly datasetId: number,
    private readonly importId: number,
    private readonly combine: 'refuse' | 'add',
    private readonly onDuplicate: (d: DuplicateFigure) => never,
    private claims: MonthClaims | null = null,
  ) {
    const destination = (table: string): Destination => {
      const columns = '(dataset_id, borough_id, month, category_id, area_id, import_id, count, source_row)';
      const values = (n: number) => Array(n).fill('(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      const conflict = combine === 'add' ? ' ON CONFLICT DO UPDATE SET count = count + excluded.count' : '';
      return {
        batch: db.prepare(`INSERT INTO ${table} ${columns} VALUES ${values(BATCH)}${conflict}`),
        single: db.prepare(`INSERT INTO ${table} ${columns} VALUES ${values(1)}${conflict}`),
      };
    };
    this.current = destination('monthly_counts');
    this.superseded = destination('superseded_counts');
  }

  /** The months' claims, when they are known only after the whole file is read. */
  setClaims(claims: MonthClaims): void {
    this.claims = claims;
  }

  add(areaId: number, boroughId: number, categoryId: number, month: number, count: number, row: number): void {
    if (this.size * FIELDS === this.data.length) {
      // Until the months are claimed nothing can be written, so the buffer grows instead.
      if (this.claims) this.flush();
      else this.grow();
    }
    const o = this.size * FIELDS;
    const d = this.data;
    d[o] = areaId;
    d[o + 1] = boroughId;
    d[o + 2] = categoryId;
    d[o + 3] = month;
    d[o + 4] = count;
    d[o + 5] = row;
    this.size++;
  }

  private grow(): void {
    const bigger = new Int32Array(this.data.length * 2);
    bigger.set(this.data);
    this.data = bigger;
  }

  /** Writes what is gathered. */
  flush(): void {
    const kept = new Set(this.claimsOrThrow().keptAsRevision);
    const order = this.sortedOrder();
    const d = this.data;
    const batches = { current: [] as number[], superseded: [] as number[] };
    let previous = -1;
    let areaTotals: Map<number, number> | null = null;
    // Sorted by borough, month, category and area, one borough total is a run of figures.
    let runTotal = 0;
    let runStart = -1;
    const endRun = () => {
      if (runStart < 0) return;
      const o = runStart * FIELDS;
      const key = `${d[o + 1]}|${d[o + 3]}|${d[o + 2]}`;
      const total = this.totals.get(key);
      if (total) total[3] += runTotal;
      else this.totals.set(key, [d[o + 1]!, d[o + 3]!, d[o + 2]!, runTotal]);
      runStart = -1;
      runTotal = 0;
    };
    for (const i of order) {
      const o = i * FIELDS;
      if (previous >= 0) {
        const p = previous * FIELDS;
        if (this.sameKey(p, o) && this.combine === 'refuse') this.onDuplicate({ row: d[o + 5]!, earlierRow: d[p + 5]! });
        if (d[p + 1] !== d[o + 1] || d[p + 3] !== d[o + 3] || d[p + 2] !== d[o + 2]) endRun();
      }
      // Sorted by borough, month and category before area, the first and third change seldom: added on a change only.
      if (previous < 0 || d[previous * FIELDS + 1] !== d[o + 1]) this.areaIds.add(d[o + 1]!);
      if (previous < 0 || d[previous * FIELDS + 2] !== d[o + 2]) this.categoryIds.add(d[o + 2]!);
      this.areaIds.add(d[o]!);
      previous = i;
      const month = d[o + 3]!;
      const toCurrent = kept.size === 0 || !kept.has(month);
      if (toCurrent) {
        if (runStart < 0) runStart = i;
        runTotal += d[o + 4]!;
        if (areaTotals === null || runStart === i) areaTotals = this.areaTotalsOf(d[o + 1]!);
        const key = d[o]! * 1_000_000 + month;
        areaTotals.set(key, (areaTotals.get(key) ?? 0) + d[o + 4]!);
      }
      const params = toCurrent ? batches.current : batches.superseded;
      params.push(this.datasetId, d[o + 1]!, month, d[o + 2]!, d[o]!, this.importId, d[o + 4]!, d[o + 5]!);
      if (params.length === BATCH * WIDTH) this.write(toCurrent ? this.current : this.superseded, params);
    }
    endRun();
    this.write(this.current, batches.current);
    this.write(this.superseded, batches.superseded);
    this.size = 0;
  }

  /** Writes the rest and the borough totals of every month this extract now supplies. */
  finish(claimedMonths: number[]): void {
    this.flush();
    const kept = new Set(this.claimsOrThrow().keptAsRevision);
    const months = JSON.stringify(claimedMonths.filter((m) => !kept.has(m)));
    for (const table of ['monthly_totals', 'ward_totals']) {
      this.db.prepare(`DELETE FROM ${table} WHERE dataset_id = ? AND month IN (SELECT value FROM json_each(?))`).run(this.datasetId, months);
    }
    // Each in its table's key order: written in sequence, not scattered over its B-tree.
    const totals = [...this.totals.values()].sort((a, b) => a[1] - b[1] || a[2] - b[2] || a[0] - b[0]);
    this.insertRows(
      'monthly_totals (dataset_id, month, category_id, borough_id, count)',
      totals.map(([borough, month, category, count]) => [this.datasetId, month, category, borough, count]),
    );
    this.insertRows('ward_totals (dataset_id, borough_id, area_id, month, count)', this.areaTotalRows());
    assertIdsExist(this.db, 'areas', this.areaIds);
    assertIdsExist(this.db, 'categories', this.categoryIds);
  }

  private areaTotalsOf(borough: number): Map<number, number> {
    let totals = this.areaTotals.get(borough);
    if (!totals) this.areaTotals.set(borough, (totals = new Map()));
    return totals;
  }

  /** ward_totals rows of every month this extract now supplies, by borough, area and month. */
  private *areaTotalRows(): Generator<number[]> {
    for (const borough of [...this.areaTotals.keys()].sort((a, b) => a - b)) {
      const totals = this.areaTotals.get(borough)!;
      for (const key of [...totals.keys()].sort((a, b) => a - b)) {
        yield [this.datasetId, borough, Math.floor(key / 1_000_000), key % 1_000_000, totals.get(key)!];
      }
    }
  }

  /** Rows into `table (columns)`, BATCH to a statement and the rest one by one. */
  private insertRows(into: string, rows: Iterable<number[]>): void {
    const sql = (width: number, n: number) => `INSERT INTO ${into} VALUES ${Array(n).fill(`(${Array(width).fill('?').join(', ')})`).join(', ')}`;
    let batch: Statement | null = null;
    let params: number[] = [];
    let width = 0;
    for (const row of rows) {
      width = row.length;
      params.push(...row);
      if (params.length === BATCH * width) {
        (batch ??= this.db.prepare(sql(width, BATCH))).run(params);
        params = [];
      }
    }
    if (params.length === 0) return;
    const single = this.db.prepare(sql(width, 1));
    for (let p = 0; p < params.length; p += width) single.run(params.slice(p, p + width));
  }

  private claimsOrThrow(): MonthClaims {
    if (!this.claims) throw new Error('The months must be claimed before figures are written.');
    return this.claims;
  }

  /** Full batches with the batch statement, the remainder row by row; empties `params`. */
  private write(to: Destination, params: number[]): void {
    try {
      if (params.length === BATCH * WIDTH) to.batch.run(params);
      else for (let p = 0; p < params.length; p += WIDTH) to.single.run(params.slice(p, p + WIDTH));
    } catch (err) {
      // A repeat across chunks only shows up as the table's key constraint.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') this.onDuplicate({ row: -1, earlierRow: null });
      throw err;
    }
    params.length = 0;
  }

  private sameKey(a: number, b: number): boolean {
    const d = this.data;
    return d[a] === d[b] && d[a + 1] === d[b + 1] && d[a + 2] === d[b + 2] && d[a + 3] === d[b + 3];
  }

  /**
   * Indexes of the gathered figures in the table's order: borough, month, category, area.
   * A radix sort, one counting pass per field from the last to the first: ids and months
   * span small ranges, and a comparison sort of millions of figures took seconds.
   */
  private sortedOrder(): Uint32Array {
    const d = this.data;
    const n = this.size;
    let order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    let next = new Uint32Array(n);
    for (const field of [0, 2, 3, 1]) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = d[i * FIELDS + field]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (n === 0 || min === max) continue;
      if (max - min > MAX_RADIX_RANGE) return this.comparedOrder();
      const starts = new Uint32Array(max - min + 2);
      for (let i = 0; i < n; i++) starts[d[i * FIELDS + field]! - min + 1]!++;
      for (let k = 1; k < starts.length; k++) starts[k]! += starts[k - 1]!;
      for (let i = 0; i < n; i++) {
        const at = order[i]!;
        next[starts[d[at * FIELDS + field]! - min]!++] = at;
      }
      [order, next] = [next, order];
    }
    return order;
  }

  /** The same order by comparisons, for ids too far apart to count (never seen in a real workspace). */
  private comparedOrder(): Uint32Array {
    const d = this.data;
    const order = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) order[i] = i;
    return order.sort((x, y) => {
      const a = x * FIELDS;
      const b = y * FIELDS;
      return d[a + 1]! - d[b + 1]! || d[a + 3]! - d[b + 3]! || d[a + 2]! - d[b + 2]! || d[a]! - d[b]!;
    });
  }
}

/**
 * Every id exists in its table. Imports write their rows without SQLite's per-row key
 * checks (importers/importFile.ts); this checks the ids they used, once each, before the
 * import commits.
 */
export function assertIdsExist(db: Db, table: 'areas' | 'categories', ids: Set<number>): void {
  if (ids.size === 0) return;
  const found = db.prepare(`SELECT count(*) FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify([...ids])) as number;
  if (found !== ids.size) throw new WardlensError('internal', `An import referred to ${ids.size - found} ${table} that do not exist; nothing was kept.`);
}
