/**
 * Reading GeoJSON geometry as boundary files hold it: Polygon and MultiPolygon only, in
 * WGS84 or British National Grid, validated feature by feature so an error names the file,
 * the feature number and what was wrong. British National Grid is reprojected to WGS84 here,
 * once, so everything downstream works in longitude/latitude.
 */
import type { AreaGeometry, BBox, Position } from '../../shared/geo';
import { badInput } from '../errors';
import { bngToWgs84, looksLikeBng, looksLikeDegrees } from './projection';

export type SourceCrs = 'WGS84' | 'British National Grid';

const WGS84_NAMES = /(CRS84|EPSG::?4326|EPSG:4326|WGS ?84)$/i;
const BNG_NAMES = /(EPSG::?27700|EPSG:27700|British[_ ]National[_ ]Grid|OSGB ?1936)/i;

/** The CRS a GeoJSON's (pre-RFC 7946) `crs` member names, or a guess from its first coordinate. */
export function detectCrs(file: string, crsMember: unknown, firstPosition: Position | null): SourceCrs {
  const name = (crsMember as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name === 'string') {
    if (BNG_NAMES.test(name)) return 'British National Grid';
    if (WGS84_NAMES.test(name)) return 'WGS84';
    throw badInput(file, `the file says its coordinates are in ${name}; Wardlens reads WGS84 (EPSG:4326) or British National Grid (EPSG:27700). Reproject it in QGIS first.`);
  }
  if (!firstPosition) return 'WGS84';
  const [x, y] = firstPosition;
  if (looksLikeDegrees(x, y)) {
    // GeoJSON is longitude first; a UK file written latitude first would put ~51 in x.
    if (x >= 49 && x <= 61 && y >= -9 && y <= 2.5) {
      throw badInput(file, `the coordinates look like latitude, longitude (${x}, ${y}); GeoJSON puts longitude first.`);
    }
    return 'WGS84';
  }
  if (looksLikeBng(x, y)) return 'British National Grid';
  throw badInput(file, `the first coordinate (${x}, ${y}) is neither longitude/latitude nor British National Grid metres.`);
}

/** The first position of a geometry, for sniffing its CRS. */
export function firstPosition(geometry: unknown): Position | null {
  let c: unknown = (geometry as { coordinates?: unknown } | null)?.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' ? [c[0], c[1]] : null;
}

export interface ReadGeometry {
  geometry: AreaGeometry;
  bbox: BBox;
}

/**
 * A feature's geometry, checked and in WGS84. `feature` is the 1-based feature number for
 * messages. Rings left open are closed (shapefile tools differ); anything else wrong is an error.
 */
export function readGeometry(file: string, feature: number, geometry: unknown, crs: SourceCrs): ReadGeometry {
  const where = { row: feature, column: 'geometry' };
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') throw badInput(file, `feature ${feature} has no geometry.`, where);
  const polygons: unknown[] =
    g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' && Array.isArray(g.coordinates) ? g.coordinates : [];
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    throw badInput(file, `feature ${feature} is a ${String(g.type)}; boundaries must be Polygon or MultiPolygon.`, where);
  }
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const out = polygons.map((poly, pi) => {
    if (!Array.isArray(poly) || poly.length === 0) throw badInput(file, `feature ${feature}: polygon ${pi + 1} has no rings.`, where);
    return poly.map((ring, ri) => readRing(file, feature, ring, crs, box, `polygon ${pi + 1}, ring ${ri + 1}`));
  });
  if (out.length === 0) throw badInput(file, `feature ${feature}: the MultiPolygon is empty.`, where);
  return {
    geometry: out.length === 1 ? { type: 'Polygon', coordinates: out[0]! } : { type: 'MultiPolygon', coordinates: out },
    bbox: box,
  };
}

function readRing(file: string, feature: number, ring: unknown, crs: SourceCrs, box: BBox, what: string): Position[] {
  const where = { row: feature, column: 'geometry' };
  if (!Array.isArray(ring)) throw badInput(file, `feature ${feature}: ${what} is not a list of positions.`, where);
  const out: Position[] = [];
  for (const p of ring) {
    const x = Array.isArray(p) ? p[0] : undefined;
    const y = Array.isArray(p) ? p[1] : undefined;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw badInput(file, `feature ${feature}: ${what} has a position that is not two numbers (${JSON.stringify(p)}).`, where);
    }
    const pos: Position = crs === 'WGS84' ? [x, y] : roundPosition(bngToWgs84(x, y));
    if (Math.abs(pos[0]) > 180 || Math.abs(pos[1]) > 90) {
      throw badInput(file, `feature ${feature}: ${what} has a position outside longitude/latitude range (${x}, ${y}).`, where);
    }
    box[0] = Math.min(box[0], pos[0]);
    box[1] = Math.min(box[1], pos[1]);
    box[2] = Math.max(box[2], pos[0]);
    box[3] = Math.max(box[3], pos[1]);
    out.push(pos);
  }
  const first = out[0];
  const last = out.at(-1);
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  if (out.length < 4) throw badInput(file, `feature ${feature}: ${what} has fewer than three corners.`, where);
  return out;
}

/** Seven decimals of a degree is about a centimetre: reprojected shapes need no more. */
function roundPosition([x, y]: Position): Position {
  return [Math.round(x * 1e7) / 1e7, Math.round(y * 1e7) / 1e7];
}

/** Joins parts of one area given as several features into one MultiPolygon. */
export function mergeGeometries(a: ReadGeometry, b: ReadGeometry): ReadGeometry {
  const parts = (g: AreaGeometry) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
  return {
    geometry: { type: 'MultiPolygon', coordinates: [...parts(a.geometry), ...parts(b.geometry)] },
    bbox: [Math.min(a.bbox[0], b.bbox[0]), Math.min(a.bbox[1], b.bbox[1]), Math.max(a.bbox[2], b.bbox[2]), Math.max(a.bbox[3], b.bbox[3])],
  };
}
