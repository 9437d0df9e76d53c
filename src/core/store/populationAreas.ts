/**
 * Population files' areas and years. Wards only a population file knows have codes of a boundary
 * set older than the gazetteer's (the 2011 wards of boroughs redrawn in 2014). Before migration 012
 * the population importer named each such ward after the first name-like cell of its row, which
 * in the GLA ward table is the Borough column: 54 wards were stored as "Hackney" and the like,
 * with no borough. These helpers find such wards and put them right, and say whether each year's
 figures are estimates or projections.
 */
import {
  basisOfSource,
  combineBases,
  type PopulationBasis,
  type YearBasis,
} from '../../shared/populationBasis';
import type { AreaKind } from '../../shared/workspace';
import { matchName } from './areas';
import type { Db } from './workspace';

export interface MisnamedWard {
  id: number;
  code: string;
  /** The borough whose name the ward was given, which is also the borough it lies in. */
  boroughId: number;
}

/**
 * Coded wards in no boundary set whose name is a borough's name: named after their borough by
 * an earlier import. A real ward is never called exactly what its borough is called; the ward
 * "City of London" cannot be one, as the City's wards carry their own names.
 */
export function misnamedWards(db: Db): MisnamedWard[] {
  return db
    .prepare(
      `SELECT w.id, w.code, b.id AS boroughId FROM areas w
       JOIN areas b ON b.kind = 'borough' AND b.match_name = w.match_name
       WHERE w.kind = 'ward' AND w.code IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM area_vintages v WHERE v.area_id = w.id)
       ORDER BY w.code`,
    )
    .all() as MisnamedWard[];
}

/** Gives a ward the name and borough a population file states for it. */
export function nameWard(db: Db, wardId: number, name: string, boroughId: number | null): void {
  db.prepare(
    'UPDATE areas SET name = ?, match_name = ?, parent_id = coalesce(?, parent_id) WHERE id = ?',
  ).run(name, matchName(name), boroughId, wardId);
}

/** Each population year held (of one kind of area, or all) and whether its figures in force are estimates or projections. */
export function populationBases(db: Db, kind?: AreaKind): YearBasis[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT p.year, p.source FROM current_populations p JOIN areas a ON a.id = p.area_id
       WHERE ? IS NULL OR a.kind = ? ORDER BY p.year`,
    )
    .all(kind ?? null, kind ?? null) as {
    year: number;
    source: string | null;
  }[];
  const byYear = new Map<number, (PopulationBasis | null)[]>();
  for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), basisOfSource(r.source)]);
  return [...byYear].map(([year, bases]) => ({ year, basis: combineBases(bases) }));
}
