/**
 * Where incidents are: rows police.uk publishes without a location, and points that fell
 * outside every ward polygon when the dataset was placed in wards (incident_places).
 */
import type { QualityFinding } from '../../../../shared/quality';
import { vintagesWithPolygons } from '../../../geo/boundaryStore';
import type { Db } from '../../../store/workspace';
import { type CheckedDataset, count, firstFew, n, percent } from './dataset';

export function incidentLocations(db: Db, d: CheckedDataset): QualityFinding {
  const r = db
    .prepare('SELECT count(*) AS total, coalesce(sum(latitude IS NULL OR longitude IS NULL), 0) AS noPoint, coalesce(sum(lsoa_id IS NULL), 0) AS noLsoa FROM current_incidents WHERE dataset_id = ?')
    .get(d.id) as { total: number; noPoint: number; noLsoa: number };
  return {
    check: 'incident-locations',
    severity: r.noPoint ? 'note' : 'ok',
    title: r.noPoint ? `${n(r.noPoint)} of ${n(r.total)} incidents have no location (${percent(r.noPoint, r.total)})` : 'Every incident has a location',
    detail: `${n(r.noPoint)} rows have no map point and ${n(r.noLsoa)} no LSOA. police.uk points are snapped to anonymised map points, which can make false hotspots.`,
    meaning: 'Rows without a location count in force-wide totals but in no ward, LSOA or hotspot.',
    action: r.noPoint ? 'Quote area figures as "crimes with a recorded location", and give the force-wide total beside them.' : 'Nothing to do.',
    items: [{ incidents: r.total, withoutPoint: r.noPoint, withoutLsoa: r.noLsoa }],
  };
}

const PLACE_IT = (key: string) => `in the app, Hotspots ▸ "Place incidents in wards and boroughs"; on the command line, \`wardlens assign-areas --dataset ${key}\`.`;

interface Placement {
  vintage: string;
  located: number;
  outside: number;
  unplaced: number;
}

function placement(db: Db, d: CheckedDataset): Placement | null {
  const assigned = db.prepare('SELECT vintage FROM incident_assignments WHERE dataset_id = ?').pluck().get(d.id) as string | undefined;
  if (assigned === undefined) return null;
  // A location with a place row but no ward fell in no polygon; one with no place row is newer than the placing.
  const r = db
    .prepare(
      `SELECT count(*) AS located, coalesce(sum(p.dataset_id IS NOT NULL AND p.ward_id IS NULL), 0) AS outside, coalesce(sum(p.dataset_id IS NULL), 0) AS unplaced
       FROM current_incidents i LEFT JOIN incident_places p ON p.dataset_id = i.dataset_id AND p.longitude = i.longitude AND p.latitude = i.latitude
       WHERE i.dataset_id = ? AND i.longitude IS NOT NULL AND i.latitude IS NOT NULL`,
    )
    .get(d.id) as Omit<Placement, 'vintage'>;
  return { vintage: assigned, ...r };
}

/** The outside points, busiest first, with the street police.uk gives and the borough polygon they fell in, if any. */
interface OutsidePoint {
  longitude: number;
  latitude: number;
  location: string | null;
  borough: string | null;
  incidents: number;
}

function outsidePoints(db: Db, d: CheckedDataset): OutsidePoint[] {
  return db
    .prepare(
      `SELECT i.longitude, i.latitude, min(l.description) AS location, b.name AS borough, count(*) AS incidents
       FROM current_incidents i JOIN incident_places p ON p.dataset_id = i.dataset_id AND p.longitude = i.longitude AND p.latitude = i.latitude
       LEFT JOIN locations l ON l.id = i.location_id LEFT JOIN areas b ON b.id = p.borough_id
       WHERE i.dataset_id = ? AND p.ward_id IS NULL GROUP BY i.longitude, i.latitude ORDER BY incidents DESC, location LIMIT 200`,
    )
    .all(d.id) as OutsidePoint[];
}

export function outsideBoundaries(db: Db, d: CheckedDataset): QualityFinding {
  const p = placement(db, d);
  if (!p) return notPlaced(db, d);
  const points = p.outside ? outsidePoints(db, d) : [];
  const unplaced = p.unplaced ? ` ${count(p.unplaced, 'incident')} from extracts imported since ${p.unplaced === 1 ? 'is' : 'are'} not placed yet.` : '';
  return {
    check: 'outside-boundaries',
    severity: p.outside || p.unplaced ? 'warning' : 'ok',
    title: p.outside
      ? `${n(p.outside)} of ${n(p.located)} located incidents (${percent(p.outside, p.located)}) fall outside every ${p.vintage} ward`
      : p.unplaced
        ? `${count(p.unplaced, 'incident')} not yet placed in wards`
        : `Every located incident falls in a ${p.vintage} ward`,
    detail:
      (p.outside
        ? `${count(p.outside, 'incident')} at ${points.length === 200 ? 'over ' : ''}${count(points.length, 'point')} lie in no ward polygon imported, for example ${firstFew(points.map((x) => `${x.location ?? 'no street given'} (${n(x.incidents)})`), 5, ', ')}.`
        : `All ${n(p.located - p.unplaced)} placed incidents with a map point lie inside a ${p.vintage} ward polygon.`) + unplaced,
    meaning: p.outside
      ? 'These crimes have a map point but no ward: they count in force-wide and LSOA figures and in hotspots, but in no ward or borough figure. Generalised boundaries stop at the river bank, so crimes on bridges fall outside; points beyond London are outside the boundaries imported.'
      : p.unplaced
        ? 'Incidents not yet placed have no ward: ward figures for their months are short.'
        : 'Ward figures account for every incident with a map point.',
    action: p.outside
      ? `Say in the caveats that ward figures leave out ${n(p.outside)} crimes outside the ward boundaries. If many lie in one place, import boundaries that cover it and place the incidents again: ${PLACE_IT(d.key)}`
      : p.unplaced
        ? `Place the incidents again: ${PLACE_IT(d.key)}`
        : 'Nothing to do.',
    items: points.map((x) => ({ location: x.location, longitude: x.longitude, latitude: x.latitude, borough: x.borough, incidents: x.incidents })),
  };
}

function notPlaced(db: Db, d: CheckedDataset): QualityFinding {
  const vintages = vintagesWithPolygons(db);
  const have = vintages.length > 0;
  return {
    check: 'outside-boundaries',
    severity: 'note',
    title: have ? 'Incidents not yet placed in wards' : 'Points outside every boundary: needs ward boundaries',
    detail: have
      ? `Ward boundaries are imported (${vintages.join(', ')}), but this dataset’s incidents have not been placed in them, so points outside every ward cannot be counted yet.`
      : 'No ward boundaries are loaded in this workspace, so Wardlens cannot tell which points fall outside every ward.',
    meaning: 'Until the incidents are placed, they have LSOAs from police.uk but no ward: ward figures and the choropleth cannot use them.',
    action: have
      ? `Place them: ${PLACE_IT(d.key)}`
      : `Import a ward boundary file (drop london_wards_2022_merged.geojson on the Import view, or \`wardlens boundaries import FILE.geojson\`), then place the incidents: ${PLACE_IT(d.key)}`,
    items: [],
  };
}
