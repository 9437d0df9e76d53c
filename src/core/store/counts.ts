/**
 * Writing monthly counts fast. A wide file arrives area by area with months across, but the
 * table is clustered by (dataset, month, category, area); inserting in file order scatters
 * writes over the whole B-tree. So figures are gathered in compact typed arrays, sorted
 * into the table's own order and written with multi-row INSERTs, a chunk at a time so
 * memory stays bounded whatever the file's size.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './workspace';

const FIELDS = 6; // area, borough, category, month, count, source row
const CHUNK = 1 << 20; // figures per chunk: 24 MB of Int32s
const BATCH = 100; // rows per INSERT statement
const WIDTH = 8; // columns per inserted row

export interface DuplicateFigure {
  row: number;
  earlierRow: number | null;
}

export class CountWriter {
  private data = new Int32Array(CHUNK * FIELDS);
  private size = 0;
  private readonly batchInsert: Statement;
  private readonly singleInsert: Statement;

  /**
   * @param combine what to do when a file gives one area, category and month twice:
   * 'refuse' (an MPS file never does; it would double count) or 'add' (partner sheets
   * that split a figure over several rows).
   */
  constructor(
    private readonly db: Db,
    private readonly datasetId: number,
    private readonly importId: number,
    private readonly combine: 'refuse' | 'add',
    private readonly onDuplicate: (d: DuplicateFigure) => never,
  ) {
    const columns = '(dataset_id, month, category_id, area_id, borough_id, import_id, count, source_row)';
    const values = (n: number) => Array(n).fill('(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    const conflict = combine === 'add' ? ' ON CONFLICT DO UPDATE SET count = count + excluded.count' : '';
    this.batchInsert = db.prepare(`INSERT INTO monthly_counts ${columns} VALUES ${values(BATCH)}${conflict}`);
    this.singleInsert = db.prepare(`INSERT INTO monthly_counts ${columns} VALUES ${values(1)}${conflict}`);
  }

  add(areaId: number, boroughId: number, categoryId: number, month: number, count: number, row: number): void {
    if (this.size === CHUNK) this.flush();
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

  /** Writes what is gathered. Call once more at the end of the file. */
  flush(): void {
    const order = this.sortedOrder();
    const d = this.data;
    const params: number[] = new Array(BATCH * WIDTH);
    let inBatch = 0;
    let previous = -1;
    for (const i of order) {
      const o = i * FIELDS;
      if (previous >= 0 && this.sameKey(previous * FIELDS, o)) {
        if (this.combine === 'refuse') this.onDuplicate({ row: d[o + 5]!, earlierRow: d[previous * FIELDS + 5]! });
        // 'add': the ON CONFLICT clause sums it when the batch is written
      }
      previous = i;
      const p = inBatch * WIDTH;
      params[p] = this.datasetId;
      params[p + 1] = d[o + 3]!;
      params[p + 2] = d[o + 2]!;
      params[p + 3] = d[o]!;
      params[p + 4] = d[o + 1]!;
      params[p + 5] = this.importId;
      params[p + 6] = d[o + 4]!;
      params[p + 7] = d[o + 5]!;
      if (++inBatch === BATCH) {
        this.write(this.batchInsert, params);
        inBatch = 0;
      }
    }
    for (let b = 0; b < inBatch; b++) this.write(this.singleInsert, params.slice(b * WIDTH, (b + 1) * WIDTH));
    this.size = 0;
  }

  private write(statement: Statement, params: number[]): void {
    try {
      statement.run(params);
    } catch (err) {
      // A repeat across chunks only shows up as the table's key constraint.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') this.onDuplicate({ row: -1, earlierRow: null });
      throw err;
    }
  }

  private sameKey(a: number, b: number): boolean {
    const d = this.data;
    return d[a] === d[b] && d[a + 1] === d[b + 1] && d[a + 2] === d[b + 2] && d[a + 3] === d[b + 3];
  }

  /** Indexes of the gathered figures in the table's order: month, category, area, borough. */
  private sortedOrder(): Uint32Array {
    const d = this.data;
    const order = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) order[i] = i;
    return order.sort((x, y) => {
      const a = x * FIELDS;
      const b = y * FIELDS;
      return d[a + 3]! - d[b + 3]! || d[a + 2]! - d[b + 2]! || d[a]! - d[b]! || d[a + 1]! - d[b + 1]!;
    });
  }
}
