/**
 * police.uk street-level crime CSVs: one row per crime (or anti-social behaviour incident).
 * Repeating text (forces, locations, outcomes, LSOAs, crime types) is stored once and
 * referenced, which keeps a million rows small and quick to write.
 */
import type { Statement } from 'better-sqlite3';
import { badInput } from '../../errors';
import { fromIsoMonth } from '../../months';
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
  id(text: string): number | null {
    if (text === '') return null;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = ((this.find.get(text) ?? this.insert.get(text)) as { id: number }).id;
      this.ids.set(text, id);
    }
    return id;
  }
}

export async function importPoliceUk(ctx: ImportContext, layout: PoliceUkLayout): Promise<void> {
  const { db, source } = ctx;
  const forces = new Dictionary(db, 'forces', 'name');
  const outcomes = new Dictionary(db, 'outcomes', 'name');
  const locations = new Dictionary(db, 'locations', 'description');
  const categories = new CategoryRegistry(db, 'policeuk');
  const lsoas = new Map<string, number>();
  const insert = db.prepare(
    `INSERT INTO incidents (import_id, dataset_id, crime_id, month, reported_by_id, falls_within_id, longitude, latitude,
       location_id, lsoa_id, category_id, outcome_id, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const needed = layout['crime type'] + 1;
  const at = (cells: unknown[], c: Column) => (layout[c] < 0 ? '' : cellText(cells[layout[c]]));

  for await (const { row, cells } of dataRows(ctx)) {
    requireColumns(ctx, row, cells, Math.max(needed, layout['lsoa name'] + 1));
    const monthText = at(cells, 'month');
    const month = fromIsoMonth(monthText);
    if (month === null) {
      throw badInput(source.file, `expected a month such as 2017-01, found "${monthText.slice(0, 20)}".`, { row, column: 'Month', expected: 'YYYY-MM' });
    }
    const crimeType = at(cells, 'crime type');
    if (crimeType === '') throw badInput(source.file, 'the crime type is blank.', { row, column: 'Crime type', expected: 'a crime type' });
    const reportedBy = forces.id(at(cells, 'reported by'));
    const fallsWithin = forces.id(at(cells, 'falls within'));
    if (reportedBy === null || fallsWithin === null) {
      throw badInput(source.file, 'the force is blank.', { row, column: reportedBy === null ? 'Reported by' : 'Falls within', expected: 'a police force name' });
    }
    const lsoaCode = at(cells, 'lsoa code');
    let lsoaId: number | null = null;
    if (lsoaCode !== '') {
      lsoaId = lsoas.get(lsoaCode) ?? null;
      if (lsoaId === null) {
        lsoaId = ctx.areas.ensureCoded('lsoa', lsoaCode, at(cells, 'lsoa name') || lsoaCode, null).id;
        lsoas.set(lsoaCode, lsoaId);
      }
      ctx.tally.areas.add(lsoaId);
    }
    const crimeId = at(cells, 'crime id');
    const context = at(cells, 'context');
    insert.run(
      ctx.importId,
      ctx.datasetId,
      crimeId === '' ? null : crimeId,
      month,
      reportedBy,
      fallsWithin,
      coordinate(ctx, cells, row, layout.longitude, 'Longitude', 180),
      coordinate(ctx, cells, row, layout.latitude, 'Latitude', 90),
      locations.id(at(cells, 'location')),
      lsoaId,
      categories.idFor(crimeType, crimeType),
      outcomes.id(at(cells, 'last outcome category')),
      context === '' ? null : context,
    );
    ctx.tally.months.add(month);
    ctx.tally.rowsStored++;
  }
  ctx.tally.categories = categories.count;
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
