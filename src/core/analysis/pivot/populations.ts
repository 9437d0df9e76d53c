/** Populations for rates: the current figure for each area (by key) and year. */
import type { Db } from '../../store/workspace';

export type PopulationTable = Map<string, Map<number, number>>;

/** Area key (ONS code, or name for uncoded areas) → year → population, for one kind of area. */
export function loadPopulations(db: Db, kind: 'borough' | 'ward' | 'lsoa'): PopulationTable {
  const rows = db
    .prepare(
      `SELECT coalesce(a.code, a.name) AS area, p.year, p.population FROM current_populations p
       JOIN areas a ON a.id = p.area_id WHERE a.kind = ?`,
    )
    .all(kind) as { area: string; year: number; population: number }[];
  const table: PopulationTable = new Map();
  for (const r of rows) {
    let years = table.get(r.area);
    if (!years) table.set(r.area, (years = new Map()));
    years.set(r.year, r.population);
  }
  return table;
}
