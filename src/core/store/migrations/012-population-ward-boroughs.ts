/**
 * 012: wards a population file added (codes older than the gazetteer's sets) get their borough
 * back. Until now the population importer named such a ward after its row's first name-like
 * cell, which in the GLA ward table is the Borough column, and gave it no borough: 54 wards of
 * housing-density-ward.csv read "Hackney", "Tower Hamlets"… and fell out of borough totals.
 * The borough is the name they were given, so it is restored here. Their own names are not in
 * the workspace: the Data view says so and asks for the file again (taking the import out and
 * importing it again names them, see importers/formats/population.ts). The population dataset,
 * named "Population estimates" though it held GLA projections too, becomes "Population figures".
 * No schema changes.
 */
import { misnamedWards } from '../populationAreas';
import type { Db } from '../workspace';

export const sql = '';

export function run(db: Db): void {
  const setBorough = db.prepare('UPDATE areas SET parent_id = ? WHERE id = ? AND parent_id IS NULL');
  for (const w of misnamedWards(db)) setBorough.run(w.boroughId, w.id);
  // The dataset held GLA projections under the name "Population estimates": it holds both.
  db.prepare("UPDATE datasets SET name = 'Population figures' WHERE key = 'population' AND name = 'Population estimates'").run();
}
