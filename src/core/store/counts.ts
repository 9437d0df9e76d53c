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
 * current figures are summed on the way and written to monthly_totals at the end.
 */
import type { Statement } from 'better-sqlite3';
import type { MonthClaims } from './revisions';
import type { Db } from './workspace';

const FIELDS = 6; // area, borough, category, month, count, source row
const CHUNK = 1 << 20; // figures per chunk: 24 MB of Int32s
const BATCH = 100; // rows per INSERT statement
const WIDTH = 8; // columns per inserted row

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
  private readonly totals = new Map<string, number>();
  private readonly stale = new Set<number>();

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
    for (const i of order) {
      const o = i * FIELDS;
      if (previous >= 0 && this.sameKey(previous * FIELDS, o) && this.combine === 'refuse') {
        this.onDuplicate({ row: d[o + 5]!, earlierRow: d[previous * FIELDS + 5]! });
      }
      previous = i;
      const month = d[o + 3]!;
      const toCurrent = !kept.has(month);
      if (toCurrent) {
        const key = `${d[o + 1]}|${month}|${d[o + 2]}`;
        this.totals.set(key, (this.totals.get(key) ?? 0) + d[o + 4]!);
      }
      const params = toCurrent ? batches.current : batches.superseded;
      params.push(this.datasetId, d[o + 1]!, month, d[o + 2]!, d[o]!, this.importId, d[o + 4]!, d[o + 5]!);
      if (params.length === BATCH * WIDTH) this.write(toCurrent ? this.current : this.superseded, params);
    }
    this.write(this.current, batches.current);
    this.write(this.superseded, batches.superseded);
    this.size = 0;
  }

  /** Writes the rest and the borough totals of every month this extract now supplies. */
  finish(claimedMonths: number[]): void {
    this.flush();
    const kept = new Set(this.claimsOrThrow().keptAsRevision);
    const months = claimedMonths.filter((m) => !kept.has(m));
    for (const m of months) this.stale.add(m);
    const clear = this.db.prepare('DELETE FROM monthly_totals WHERE dataset_id = ? AND month = ?');
    for (const m of this.stale) clear.run(this.datasetId, m);
    const insert = this.db.prepare('INSERT INTO monthly_totals (dataset_id, month, category_id, borough_id, count) VALUES (?, ?, ?, ?, ?)');
    for (const [key, count] of this.totals) {
      const [borough, month, category] = key.split('|').map(Number);
      insert.run(this.datasetId, month, category, borough, count);
    }
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

  /** Indexes of the gathered figures in the table's order: borough, month, category, area. */
  private sortedOrder(): Uint32Array {
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
