/**
 * Why a ward rate map has blank areas, said once and in the map's own terms: the usual cause
 * is populations for another ward set (2014 wards, say, under 2022-ward crimes), which the
 * pivot cannot tell but the map can, as it knows which ward set it is drawn on.
 */
import { counted, listed } from '../../shared/counted';
import type { Db } from '../store/workspace';

/**
 * One note for wards left blank for want of a population, when none of them has a population
 * for any year; null when some do (then it is the year that is missing, and the pivot says so).
 */
export function wardPopulationNote(db: Db, vintage: string, blankCodes: string[]): string | null {
  if (blankCodes.length === 0) return null;
  const hasAny = db
    .prepare(
      `SELECT 1 FROM current_populations p JOIN areas a ON a.id = p.area_id
       WHERE a.kind = 'ward' AND a.code = ? LIMIT 1`,
    )
    .pluck();
  if (blankCodes.some((c) => hasAny.get(c) !== undefined)) return null;
  const held = db
    .prepare(
      `SELECT v.vintage, count(DISTINCT a.id) AS wards FROM current_populations p
       JOIN areas a ON a.id = p.area_id LEFT JOIN area_vintages v ON v.area_id = a.id
       WHERE a.kind = 'ward' GROUP BY v.vintage ORDER BY v.vintage`,
    )
    .all() as { vintage: string | null; wards: number }[];
  // Some wards of this very set have populations: these ones are simply not covered, as the pivot says.
  if (held.some((h) => h.vintage === vintage)) return null;
  const want = `Rates need ward populations for the ${vintage} wards`;
  if (held.length === 0) return `${want}; the workspace holds no ward populations. Import ward population estimates in the Import view.`;
  const total = (
    db
      .prepare(`SELECT count(DISTINCT p.area_id) FROM current_populations p JOIN areas a ON a.id = p.area_id WHERE a.kind = 'ward'`)
      .pluck()
      .get() as number
  ).toLocaleString('en-GB');
  const sets = held.filter((h) => h.vintage !== null && h.vintage !== vintage).map((h) => h.vintage!);
  const other = held.find((h) => h.vintage === null);
  const older = other ? `${counted(other.wards, 'ward')} of an older set` : '';
  const heldFor = sets.length ? `the ${listed(sets)} wards${older ? `, with ${older}` : ''}` : older;
  return (
    `${want}; the ward populations held (${total} wards) are for ${heldFor}. ` +
    `Import population estimates for the ${vintage} wards to see rates on this map.`
  );
}
