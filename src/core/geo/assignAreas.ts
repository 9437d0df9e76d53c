/**
 * Points to areas: every police.uk incident of a dataset gets the ward (of one chosen ward
 * set) and the borough its point falls in, by point-in-polygon over a spatial index. Rows
 * without coordinates and points in no polygon are counted and stored as unplaced, never
 * given a guessed area. Each location is stored once (incident_places) and pivots reach an
 * incident's ward through its coordinates; a later month's incident at a location already
 * placed has its ward at once, one at a new location shows as not yet placed.
 */
import type { AssignAreasArgs, AssignAreasResult } from '../../shared/geo';
import { WardlensError } from '../errors';
import { summariseIncidents } from '../store/summaries';
import type { Db } from '../store/workspace';
import { areasWithoutPolygon, polygonsOf, vintagesWithPolygons } from './boundaryStore';
import { EDGE_RULE_NOTE, SNAP_POINT_NOTE } from './notes';
import { PolygonIndex } from './polygonIndex';
import { counted } from '../../shared/counted';

export interface IncidentDataset {
  id: number;
  key: string;
  name: string;
}

export function incidentDataset(db: Db, key: string): IncidentDataset {
  const d = db.prepare('SELECT id, key, name, kind FROM datasets WHERE key = ?').get(key) as (IncidentDataset & { kind: string }) | undefined;
  if (!d) throw new WardlensError('not-found', `There is no dataset "${key}" in this workspace.`);
  if (d.kind !== 'incidents') {
    throw new WardlensError('bad-request', `"${d.name}" holds ${d.kind}, not police.uk incidents with coordinates: only incidents can be placed on a map by point.`);
  }
  return { id: d.id, key: d.key, name: d.name };
}

/** The ward set to use: the one asked for (it must have polygons), else the newest that has. */
export function chooseWardVintage(db: Db, requested: string | undefined): string {
  const available = vintagesWithPolygons(db);
  if (requested !== undefined) {
    if (!available.includes(requested)) {
      throw new WardlensError('not-found', available.length
        ? `There are no ${requested} ward boundaries in this workspace (ward sets with boundaries: ${available.join(', ')}). Import them first.`
        : 'There are no ward boundaries in this workspace yet: import a ward GeoJSON (e.g. london_wards_2022_merged.geojson) first.');
    }
    return requested;
  }
  if (available.length === 0) throw new WardlensError('not-found', 'There are no ward boundaries in this workspace yet: import a ward GeoJSON first.');
  return available[0]!;
}

export function assignAreas(db: Db, args: AssignAreasArgs): AssignAreasResult {
  const started = Date.now();
  const dataset = incidentDataset(db, args.dataset);
  const vintage = chooseWardVintage(db, args.vintage);
  const wards = polygonsOf(db, 'ward', vintage);
  const boroughs = polygonsOf(db, 'borough');
  const wardIndex = new PolygonIndex(wards);
  const boroughIndex = boroughs.length ? new PolygonIndex(boroughs) : null;

  const tally = new Int32Array(wards.length);
  let outside = 0;
  let onBoundary = 0;
  let crossed = 0;
  db.exec('BEGIN IMMEDIATE');
  try {
    const incidents = db.prepare('SELECT count(*) FROM incidents WHERE dataset_id = ?').pluck().get(dataset.id) as number;
    // police.uk snaps crimes to shared points, so a million rows sit on far fewer locations:
    // each location is placed, and stored, once.
    const locations = db
      .prepare('SELECT longitude, latitude, count(*) FROM incidents WHERE dataset_id = ? AND longitude IS NOT NULL AND latitude IS NOT NULL GROUP BY 1, 2')
      .raw()
      .all(dataset.id) as [number, number, number][];
    db.prepare('DELETE FROM incident_places WHERE dataset_id = ?').run(dataset.id);
    const place = db.prepare('INSERT INTO incident_places (dataset_id, longitude, latitude, ward_id, borough_id) VALUES (?, ?, ?, ?, ?)');
    let located = 0;
    for (const [lon, lat, n] of locations) {
      located += n;
      const w = wardIndex.locate(lon, lat);
      const b = boroughIndex ? boroughIndex.locate(lon, lat).area : -1;
      const polygonBorough = b >= 0 ? boroughs[b]!.areaId : null;
      if (w.onEdge) onBoundary += n;
      if (w.area < 0) {
        outside += n;
        place.run(dataset.id, lon, lat, null, polygonBorough);
        continue;
      }
      tally[w.area]! += n;
      const ward = wards[w.area]!;
      if (boroughIndex && polygonBorough !== ward.parentId) crossed += n;
      place.run(dataset.id, lon, lat, ward.areaId, boroughIndex ? polygonBorough : ward.parentId);
    }
    const noLocation = incidents - located;
    const assigned = incidents - noLocation - outside;
    const boroughFrom = boroughIndex ? 'borough-polygons' : 'ward-parent';
    db.prepare(
      `INSERT OR REPLACE INTO incident_assignments (dataset_id, vintage, borough_from, incidents, assigned, no_location, outside, assigned_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(dataset.id, vintage, boroughFrom, incidents, assigned, noLocation, outside, new Date().toISOString());
    // The dataset's ward codes are now this set's: the choropleth checks it before drawing.
    db.prepare('UPDATE datasets SET boundary_vintage = ? WHERE id = ?').run(vintage, dataset.id);
    // Incident summaries count by ward: (re)build them for the new placements (store/summaries.ts).
    summariseIncidents(db, dataset.id);
    db.exec('COMMIT');
    return {
      dataset: dataset.key, vintage, boroughFrom, incidents, assigned, noLocation, outside, onBoundary,
      wards: wards.map((w, i) => ({ code: w.code, name: w.name, incidents: tally[i]! })).filter((w) => w.incidents > 0).sort((a, b) => b.incidents - a.incidents || a.code.localeCompare(b.code)),
      seconds: (Date.now() - started) / 1000,
      notes: assignmentNotes(db, vintage, { noLocation, outside, onBoundary, crossed, boroughs: boroughIndex !== null }),
    };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

function assignmentNotes(db: Db, vintage: string, c: { noLocation: number; outside: number; onBoundary: number; crossed: number; boroughs: boolean }): string[] {
  const notes = [SNAP_POINT_NOTE];
  if (c.noLocation) notes.push(`${counted(c.noLocation, 'incident')} ${c.noLocation === 1 ? 'has' : 'have'} no coordinates on police.uk and no ward.`);
  if (c.outside) notes.push(`${counted(c.outside, 'incident')} ${c.outside === 1 ? 'lies' : 'lie'} outside every ${vintage} ward polygon imported (for example on a Thames bridge, where boundaries stop at the bank, or outside London) and ${c.outside === 1 ? 'has' : 'have'} no ward: ${c.outside === 1 ? 'it is' : 'they are'} not guessed.`);
  if (c.onBoundary) notes.push(`${counted(c.onBoundary, 'incident')} ${c.onBoundary === 1 ? 'lies' : 'lie'} exactly on a ward boundary. ${EDGE_RULE_NOTE}`);
  if (c.crossed) {
    notes.push(`${counted(c.crossed, 'incident')} ${c.crossed === 1 ? 'falls' : 'fall'} in a ward of one borough but inside another borough’s polygon: the ward and borough boundary files are drawn at different scales, and these points lie on the borough edge.`);
  }
  if (!c.boroughs) notes.push("No borough boundaries are imported, so each incident’s borough is its ward’s borough.");
  const missing = areasWithoutPolygon(db, 'ward', vintage);
  if (missing.length) notes.push(`${counted(missing.length, `${vintage} ward`)} ${missing.length === 1 ? 'has' : 'have'} no polygon imported (e.g. ${missing.slice(0, 3).map((m) => m.name).join(', ')}); points there count as outside.`);
  return notes;
}
