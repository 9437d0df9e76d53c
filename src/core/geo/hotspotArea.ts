/**
 * The area a hotspot grid covers: the chosen boroughs' polygons together, in British National
 * Grid metres, indexed for "is this hexagon in the area". Borough polygons are used when
 * imported; otherwise the boroughs' wards (newest ward set with polygons) stand in for them.
 */
import type { AreaGeometry, Position } from '../../shared/geo';
import { WardlensError } from '../errors';
import { matchName } from '../store/areas';
import type { Db } from '../store/workspace';
import { polygonsOf, vintagesWithPolygons, type AreaPolygon } from './boundaryStore';
import { PolygonIndex } from './polygonIndex';
import { wgs84ToBng } from './projection';

export interface AreaOutline {
  boroughs: { code: string; name: string }[];
  index: PolygonIndex;
  bngBox: [number, number, number, number];
}

export function areaOutline(db: Db, wanted: string[]): AreaOutline {
  const all = db.prepare("SELECT id, code, name, match_name AS m FROM areas WHERE kind = 'borough'").all() as { id: number; code: string | null; name: string; m: string }[];
  const boroughs = wanted.map((w) => {
    const hit = all.find((b) => b.code === w.trim().toUpperCase()) ?? all.find((b) => b.m === matchName(w));
    if (!hit) throw new WardlensError('not-found', `There is no borough "${w}". Give borough names or E09 codes.`);
    return hit;
  });
  const ids = new Set(boroughs.map((b) => b.id));
  let polygons: AreaPolygon[] = polygonsOf(db, 'borough').filter((p) => ids.has(p.areaId));
  if (polygons.length < ids.size) {
    const vintage = vintagesWithPolygons(db)[0];
    polygons = vintage ? polygonsOf(db, 'ward', vintage).filter((p) => p.parentId !== null && ids.has(p.parentId)) : [];
  }
  if (polygons.length === 0) {
    throw new WardlensError('not-found', 'The chosen boroughs have no boundaries in this workspace: import borough or ward boundaries first.');
  }
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const projected = polygons.map((p) => ({ code: p.code, geometry: toBng(p.geometry, box) }));
  return { boroughs: boroughs.map((b) => ({ code: b.code ?? b.name, name: b.name })), index: new PolygonIndex(projected), bngBox: box };
}

function toBng(g: AreaGeometry, box: [number, number, number, number]): AreaGeometry {
  const ring = (r: Position[]) =>
    r.map(([lon, lat]) => {
      const p = wgs84ToBng(lon, lat);
      box[0] = Math.min(box[0], p[0]);
      box[1] = Math.min(box[1], p[1]);
      box[2] = Math.max(box[2], p[0]);
      box[3] = Math.max(box[3], p[1]);
      return p;
    });
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

/** The boroughs a hotspot grid can cover: those with a polygon of their own or with ward polygons. */
export function hotspotAreas(db: Db): { code: string; name: string }[] {
  return db
    .prepare(
      `SELECT coalesce(a.code, a.name) AS code, a.name FROM areas a
       WHERE a.kind = 'borough'
         AND (EXISTS (SELECT 1 FROM boundary_polygons p WHERE p.area_id = a.id)
           OR EXISTS (SELECT 1 FROM areas w JOIN boundary_polygons p ON p.area_id = w.id WHERE w.parent_id = a.id))
       ORDER BY a.name`,
    )
    .all() as { code: string; name: string }[];
}
