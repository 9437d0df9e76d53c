/**
 * police.uk street-level crime CSVs: one row per crime (or anti-social behaviour incident).
 * Repeating text (forces, locations, outcomes, LSOAs, crime types) is stored once and
 * referenced, which keeps a million rows small and quick to write.
 */
import type { Statement } from 'better-sqlite3';
import { badInput } from '../../errors';
import { currentMonth, fromIsoMonth, toIsoMonth } from '../../months';
import { CategoryRegistry } from '../../store/categories';
import type { DatasetSpec } from '../../store/datasets';
import type { Db } from '../../store/workspace';
import { dataRows, requireColumns, type ImportContext } from '../context';
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
/** LSOA codes: England's E01…, Wales's W01…, as police.uk gives them. */
const LSOA_CODE = /^[EW]01\d{6}$/;
export type PoliceUkLayout = Record<Column, number>;

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

export async function importPoliceUk(ctx: ImportContext, layout: PoliceUkLayout): Promise<void> {
  const { db, source, tally } = ctx;
  const forces = new Dictionary(db, 'forces', 'name');
  const outcomes = new Dictionary(db, 'outcomes', 'name');
  const locations = new Dictionary(db, 'locations', 'description');
  const categories = new CategoryRegistry(db, 'policeuk');
  const categoryIds = new Map<string, number>();
  const lsoas = new Map<string, number>();
  const months = new Map<string, number>();
  const writer = new IncidentWriter(db, ctx.importId, ctx.datasetId);
  const needed = Math.max(layout['crime type'], layout['lsoa name']) + 1;
  const [cCrimeId, cMonth, cReportedBy, cFallsWithin, cLocation, cLsoaCode, cLsoaName, cCrimeType, cOutcome, cContext] = (
    ['crime id', 'month', 'reported by', 'falls within', 'location', 'lsoa code', 'lsoa name', 'crime type', 'last outcome category', 'context'] as const
  ).map((c) => layout[c]) as number[] as [number, number, number, number, number, number, number, number, number, number];
  // CSV cells are strings: trim them directly; anything else (xlsx) goes through cellText.
  const at = (cells: unknown[], index: number) => {
    if (index < 0) return '';
    const v = cells[index];
    return typeof v === 'string' ? v.trim() : cellText(v);
  };

  for await (const rows of dataRows(ctx).batches()) {
    let i = 0;
    try {
      for (; i < rows.length; i++) {
        const { row, cells } = rows[i]!;
      requireColumns(ctx, row, cells, needed);
      const monthText = at(cells, cMonth);
      let month = months.get(monthText);
      if (month === undefined) {
        const m = fromIsoMonth(monthText);
        if (m === null) {
          throw badInput(source.file, `expected a month such as 2017-01, found "${monthText.slice(0, 20)}".`, { row, column: 'Month', expected: 'YYYY-MM' });
        }
        if (m > currentMonth()) {
          throw badInput(source.file, `the month ${monthText} has not happened yet: police.uk publishes a month's crimes after it ends.`, { row, column: 'Month', expected: `a month up to ${toIsoMonth(currentMonth())}` });
        }
        months.set(monthText, (month = m));
        tally.months.add(m);
      }
      const crimeType = at(cells, cCrimeType);
      if (crimeType === '') throw badInput(source.file, 'the crime type is blank.', { row, column: 'Crime type', expected: 'a crime type' });
      const reportedBy = forces.id(at(cells, cReportedBy));
      const fallsWithin = forces.id(at(cells, cFallsWithin));
      if (reportedBy === null || fallsWithin === null) {
        throw badInput(source.file, 'the force is blank.', { row, column: reportedBy === null ? 'Reported by' : 'Falls within', expected: 'a police force name' });
      }
      const lsoaCode = at(cells, cLsoaCode);
      let lsoaId: number | null = null;
      if (lsoaCode !== '') {
        lsoaId = lsoas.get(lsoaCode) ?? null;
        if (lsoaId === null) {
          // Not a code (a street, a borough name): the row's cells have moved, e.g. round an unquoted comma.
          if (!LSOA_CODE.test(lsoaCode)) {
            throw badInput(source.file, `"${lsoaCode.slice(0, 30)}" is not an LSOA code; a cell before it may hold a comma without quotes round it, moving the cells after it.`, { row, column: 'LSOA code', expected: 'an LSOA code such as E01000001' });
          }
          lsoaId = ctx.areas.ensureCoded('lsoa', lsoaCode, at(cells, cLsoaName) || lsoaCode, null).id;
          lsoas.set(lsoaCode, lsoaId);
          tally.areas.add(lsoaId);
        }
      }
      let categoryId = categoryIds.get(crimeType);
      if (categoryId === undefined) categoryIds.set(crimeType, (categoryId = categories.idFor(crimeType, crimeType)));
      const longitude = coordinate(ctx, cells, row, layout.longitude, 'Longitude', 180);
      const latitude = coordinate(ctx, cells, row, layout.latitude, 'Latitude', 90);
      const crimeId = at(cells, cCrimeId);
      const context = at(cells, cContext);
      const o = writer.next();
      const p = writer.params;
      p[o] = crimeId === '' ? null : crimeId;
      p[o + 1] = month;
      p[o + 2] = reportedBy;
      p[o + 3] = fallsWithin;
      p[o + 4] = longitude;
      p[o + 5] = latitude;
      p[o + 6] = locations.id(at(cells, cLocation));
      p[o + 7] = lsoaId;
      p[o + 8] = categoryId;
      p[o + 9] = outcomes.id(at(cells, cOutcome));
      p[o + 10] = context === '' ? null : context;
      tally.rowsStored++;
      }
    } catch (err) {
      // dataRows counted the whole batch as read; a failed import reports rows read up to the failing row.
      tally.rowsRead -= rows.length - i - 1;
      throw err;
    }
  }
  writer.flush();
  tally.categories = categories.count;
}

function coordinate(ctx: ImportContext, cells: unknown[], row: number, index: number, column: string, limit: number): number | null {
  const text = cellText(cells[index]);
  if (text === '') return null;
  const value = Number(text);
  if (!Number.isFinite(value) || Math.abs(value) > limit) {
    throw badInput(ctx.source.file, `expected a ${column.toLowerCase()} in degrees, found "${text.slice(0, 20)}".`, { row, column, expected: `a number between -${limit} and ${limit}` });
  }
  return value;
}
