/**
 * police.uk street-level crime CSVs: one row per crime (or anti-social behaviour incident).
 * Repeating text (forces, locations, outcomes, LSOAs, crime types) is stored once and
 * referenced, which keeps a million rows small and quick to write.
 */
import type { Statement } from 'better-sqlite3';
import { CategoryRegistry } from '../../store/categories';
import { assertIdsExist } from '../../store/counts';
import type { DatasetSpec } from '../../store/datasets';
import type { Db } from '../../store/workspace';
import { dataRows, type ImportContext } from '../context';
import { cellText } from '../readers/table';
import { INT_FIELDS, PoliceUkEncoder, splitJoined, type EncodedRows, type PoliceUkLayout } from './policeUkEncode';
import { encodeOnThread, encoderThreadFor } from './policeUkThread';

export { recognisePoliceUk, type PoliceUkLayout } from './policeUkEncode';

export function policeUkDatasetSpec(force: string): DatasetSpec {
  const key = `policeuk-${force.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
  return { key, name: `police.uk incidents, ${force}`, kind: 'incidents', areaLevel: 'lsoa', categoryScheme: 'policeuk', boundaryVintage: null };
}

/** The force the file's rows fall within, from its first data row. */
export function forceOf(firstRows: { row: number; cells: unknown[] }[], headerRow: number, layout: PoliceUkLayout): string | null {
  const first = firstRows.find((r) => r.row > headerRow && cellText(r.cells[layout['falls within']]) !== '');
  return first ? cellText(first.cells[layout['falls within']]) : null;
}

/** Text → id for a lookup table, created on first sight and cached for the import. */
class Dictionary {
  private readonly ids = new Map<string, number>();
  private readonly find: Statement;
  private readonly insert: Statement;
  constructor(db: Db, table: 'forces' | 'outcomes' | 'locations', column: 'name' | 'description') {
    this.find = db.prepare(`SELECT id FROM ${table} WHERE ${column} = ?`);
    this.insert = db.prepare(`INSERT INTO ${table} (${column}) VALUES (?) RETURNING id`);
  }
  private lastText = '';
  private lastId: number | null = null;
  id(text: string): number | null {
    // Runs of one value are common (a file is one force; rows come street by street).
    if (text === this.lastText) return this.lastId;
    if (text === '') return null;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = ((this.find.get(text) ?? this.insert.get(text)) as { id: number }).id;
      this.ids.set(text, id);
    }
    this.lastText = text;
    this.lastId = id;
    return id;
  }
}

/** Rows per INSERT statement: one statement for many rows halves SQLite's per-row overhead. */
const BATCH = 64;
/** The columns bound per row; import_id and dataset_id are the same for every row and written into the SQL. */
const INCIDENT_COLUMNS = [
  'crime_id', 'month', 'reported_by_id', 'falls_within_id', 'longitude', 'latitude', 'location_id', 'lsoa_id',
  'category_id', 'outcome_id', 'context',
] as const;
const WIDTH = INCIDENT_COLUMNS.length;

/** Incidents of one import, written BATCH rows to a statement. */
class IncidentWriter {
  readonly params: unknown[] = new Array(BATCH * WIDTH);
  private size = 0;
  private readonly batchInsert: Statement;
  private readonly singleInsert: Statement;
  constructor(db: Db, importId: number, datasetId: number) {
    const row = `(${Math.trunc(importId)}, ${Math.trunc(datasetId)}, ${Array(WIDTH).fill('?').join(', ')})`;
    const into = `INSERT INTO incidents (import_id, dataset_id, ${INCIDENT_COLUMNS.join(', ')}) VALUES `;
    this.batchInsert = db.prepare(into + Array(BATCH).fill(row).join(', '));
    this.singleInsert = db.prepare(into + row);
  }
  /** Room for the next row: its values go into `params` from the offset returned, in INCIDENT_COLUMNS order. */
  next(): number {
    if (this.size === BATCH) {
      this.batchInsert.run(this.params);
      this.size = 0;
    }
    return this.size++ * WIDTH;
  }
  /** Writes the rows still held. */
  flush(): void {
    if (this.size === BATCH) this.batchInsert.run(this.params);
    else for (let r = 0; r < this.size; r++) this.singleInsert.run(this.params.slice(r * WIDTH, (r + 1) * WIDTH));
    this.size = 0;
  }
}

/**
 * The workspace's side of an import: the file's numbers for forces, outcomes, locations,
 * LSOAs and crime types become the workspace's ids (created on first sight), and the rows
 * are written BATCH to a statement.
 */
class IncidentStore {
  private readonly forces: Dictionary;
  private readonly outcomes: Dictionary;
  private readonly locations: Dictionary;
  readonly categories: CategoryRegistry;
  private readonly ids = { forces: [] as number[], outcomes: [] as number[], locations: [] as number[], crimeTypes: [] as number[], lsoas: [] as number[] };
  private readonly writer: IncidentWriter;

  constructor(private readonly ctx: ImportContext) {
    const { db } = ctx;
    this.forces = new Dictionary(db, 'forces', 'name');
    this.outcomes = new Dictionary(db, 'outcomes', 'name');
    this.locations = new Dictionary(db, 'locations', 'description');
    this.categories = new CategoryRegistry(db, 'policeuk');
    this.writer = new IncidentWriter(db, ctx.importId, ctx.datasetId);
  }

  write(rows: EncodedRows): void {
    const { added } = rows;
    const { ids, ctx } = this;
    for (const f of added.forces) ids.forces.push(this.forces.id(f)!);
    for (const o of added.outcomes) ids.outcomes.push(this.outcomes.id(o)!);
    for (const l of added.locations) ids.locations.push(this.locations.id(l)!);
    for (const t of added.crimeTypes) ids.crimeTypes.push(this.categories.idFor(t, t));
    for (const [code, name] of added.lsoas) {
      const id = ctx.areas.ensureCoded('lsoa', code, name, null).id;
      ids.lsoas.push(id);
      ctx.tally.areas.add(id);
    }
    for (const m of added.months) ctx.tally.months.add(m);
    const { ints, coords } = rows;
    const crimeIds = splitJoined(rows.crimeIds);
    const contexts = splitJoined(rows.contexts);
    const idOf = (table: number[], n: number) => (n < 0 ? null : table[n]!);
    for (let i = 0; i < rows.count; i++) {
      const r = i * INT_FIELDS;
      const o = this.writer.next();
      const p = this.writer.params;
      const longitude = coords[i * 2]!;
      const latitude = coords[i * 2 + 1]!;
      p[o] = crimeIds.next().value ?? null;
      p[o + 1] = ints[r];
      p[o + 2] = ids.forces[ints[r + 1]!];
      p[o + 3] = ids.forces[ints[r + 2]!];
      p[o + 4] = Number.isNaN(longitude) ? null : longitude;
      p[o + 5] = Number.isNaN(latitude) ? null : latitude;
      p[o + 6] = idOf(ids.locations, ints[r + 3]!);
      p[o + 7] = idOf(ids.lsoas, ints[r + 4]!);
      p[o + 8] = ids.crimeTypes[ints[r + 5]!];
      p[o + 9] = idOf(ids.outcomes, ints[r + 6]!);
      p[o + 10] = contexts.next().value ?? null;
    }
    ctx.tally.rowsStored += rows.count;
  }

  finish(): void {
    this.writer.flush();
    const lsoas = new Set(this.ids.lsoas);
    const crimeTypes = new Set(this.ids.crimeTypes);
    assertIdsExist(this.ctx.db, 'areas', lsoas);
    assertIdsExist(this.ctx.db, 'categories', crimeTypes);
    recordKeys(this.ctx, crimeTypes, lsoas);
    this.ctx.tally.categories = this.categories.count;
  }
}

/**
 * The crime types and LSOAs this import's rows use (migration 009): every one the file
 * numbered belongs to a stored row, as an import keeps all of its rows or none.
 */
function recordKeys({ db, importId }: ImportContext, crimeTypes: Set<number>, lsoas: Set<number>): void {
  const crimeType = db.prepare('INSERT INTO import_crime_types (import_id, category_id) VALUES (?, ?)');
  const lsoa = db.prepare('INSERT INTO import_lsoas (import_id, area_id) VALUES (?, ?)');
  for (const id of crimeTypes) crimeType.run(importId, id);
  for (const id of lsoas) lsoa.run(importId, id);
}

export async function importPoliceUk(ctx: ImportContext, layout: PoliceUkLayout): Promise<void> {
  const store = new IncidentStore(ctx);
  const thread = encoderThreadFor(ctx.source);
  if (thread) {
    // A large CSV is read and encoded on a thread of its own while this one writes.
    await encodeOnThread(ctx, thread, layout, (rows) => store.write(rows));
  } else {
    const encoder = new PoliceUkEncoder(ctx, layout);
    for await (const rows of dataRows(ctx).batches()) {
      const before = encoder.rowsRead;
      try {
        store.write(encoder.encode(rows));
      } catch (err) {
        // dataRows counted the whole batch as read; a failed import reports rows read up to the failing row.
        ctx.tally.rowsRead -= rows.length - (encoder.rowsRead - before);
        throw err;
      }
    }
  }
  store.finish();
}
