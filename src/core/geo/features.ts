/** Small GeoJSON helpers shared by the map and hotspot outputs. */
import type { BBox, FeatureCollection } from '../../shared/geo';
import type { Db } from '../store/workspace';
import { polygonsInBox, polygonsOf, type AreaPolygon } from './boundaryStore';

export function bboxOf(polygons: { bbox: BBox }[]): BBox | null {
  if (polygons.length === 0) return null;
  return polygons.reduce<BBox>(
    (b, p) => [Math.min(b[0], p.bbox[0]), Math.min(b[1], p.bbox[1]), Math.max(b[2], p.bbox[2]), Math.max(b[3], p.bbox[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
}

export function toCollection(polygons: AreaPolygon[]): FeatureCollection<{ code: string; name: string }> {
  return {
    type: 'FeatureCollection',
    features: polygons.map((p) => ({ type: 'Feature', id: p.code, geometry: p.geometry, properties: { code: p.code, name: p.name } })),
  };
}

/** Borough outlines for the given borough ids, or null when no borough polygons are imported. */
export function outlinesOf(db: Db, boroughIds: Set<number>): FeatureCollection<{ code: string; name: string }> | null {
  const boroughs = polygonsOf(db, 'borough').filter((b) => boroughIds.has(b.areaId));
  return boroughs.length ? toCollection(boroughs) : null;
}

/** Ward (of a vintage) and borough outlines meeting a box, through the R*Tree. */
export function outlinesInBox(db: Db, box: BBox, wardVintage: string | null) {
  return {
    wards: toCollection(wardVintage ? polygonsInBox(db, 'ward', box, wardVintage) : []),
    boroughs: toCollection(polygonsInBox(db, 'borough', box)),
  };
}
