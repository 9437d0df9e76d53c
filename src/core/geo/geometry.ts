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
  /** Where a ring first crosses or touches itself, if one does (an invalid polygon, kept with a warning). */
  crossing: Position | null;
}

/**
 * A feature's geometry, checked and in WGS84. `feature` is the 1-based feature number for
 * messages. Rings left open are closed (shapefile tools differ); anything else wrong is an error.
 */
export function readGeometry(file: string, feature: number, geometry: unknown, crs: SourceCrs, code?: string): ReadGeometry {
  const where = { row: feature, column: 'geometry' };
  const label = code ? `feature ${feature} (${code})` : `feature ${feature}`;
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') throw badInput(file, `${label} has no geometry.`, where);
  const polygons: unknown[] =
    g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' && Array.isArray(g.coordinates) ? g.coordinates : [];
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    throw badInput(file, `${label} is a ${shortValue(g.type)}; boundaries must be Polygon or MultiPolygon.`, where);
  }
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const out = polygons.map((poly, pi) => {
    if (!Array.isArray(poly) || poly.length === 0) throw badInput(file, `${label}: polygon ${pi + 1} has no rings.`, where);
    return poly.map((ring, ri) => readRing(file, label, feature, ring, crs, box, `polygon ${pi + 1}, ring ${ri + 1}`));
  });
  if (out.length === 0) throw badInput(file, `${label}: the MultiPolygon is empty.`, where);
  let crossing: Position | null = null;
  for (const ring of out.flat()) if ((crossing = selfCrossing(ring))) break;
  return {
    geometry: out.length === 1 ? { type: 'Polygon', coordinates: out[0]! } : { type: 'MultiPolygon', coordinates: out },
    bbox: box,
    crossing,
  };
}

/**
 * Where any part of the United Kingdom lies, with a margin (Scilly to Shetland, Northern
 * Ireland to Lowestoft). Every area Wardlens knows has an ONS code, so a boundary point
 * outside this is a wrong coordinate system or a broken file: a ward "covering the world"
 * would otherwise take in every crime in the workspace.
 */
export const UK_EXTENT: BBox = [-11, 49, 3, 61.5];

function inUk([lon, lat]: Position): boolean {
  return lon >= UK_EXTENT[0] && lon <= UK_EXTENT[2] && lat >= UK_EXTENT[1] && lat <= UK_EXTENT[3];
}

function readRing(file: string, label: string, feature: number, ring: unknown, crs: SourceCrs, box: BBox, what: string): Position[] {
  const where = { row: feature, column: 'geometry' };
  if (!Array.isArray(ring)) throw badInput(file, `${label}: ${what} is not a list of positions.`, where);
  const out: Position[] = [];
  for (const p of ring) {
    const x = Array.isArray(p) ? p[0] : undefined;
    const y = Array.isArray(p) ? p[1] : undefined;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw badInput(file, `${label}: ${what} has a position that is not two numbers (${shortValue(p)}).`, where);
    }
    const pos: Position = crs === 'WGS84' ? [x, y] : roundPosition(bngToWgs84(x, y));
    if (!inUk(pos)) {
      const seen = crs === 'WGS84' ? `longitude ${x}, latitude ${y}` : `easting ${x}, northing ${y}, which is longitude ${pos[0].toFixed(4)}, latitude ${pos[1].toFixed(4)}`;
      throw badInput(
        file,
        `${label}: ${what} has a point outside the United Kingdom (${seen}). Boundaries must lie within longitude ` +
          `${UK_EXTENT[0]}° to ${UK_EXTENT[2]}°, latitude ${UK_EXTENT[1]}° to ${UK_EXTENT[3]}°: check the file’s coordinate system (${crs} was assumed).`,
        where,
      );
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
  if (out.length < 4) throw badInput(file, `${label}: ${what} has fewer than three corners.`, where);
  return out;
}

/**
 * A value from the file, cut short for a message. Never JSON.stringify a hostile value whole:
 * a list nested 100,000 deep would overflow the stack, and a 10 MB string would fill the screen.
 */
export function shortValue(value: unknown): string {
  const one = (v: unknown): string => {
    if (Array.isArray(v)) return v.length ? '[…]' : '[]';
    if (v !== null && typeof v === 'object') return '{…}';
    if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
    return String(v);
  };
  if (!Array.isArray(value)) return one(value);
  return `[${value.slice(0, 3).map(one).join(', ')}${value.length > 3 ? ', …' : ''}]`;
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
    crossing: a.crossing ?? b.crossing,
  };
}

/**
 * Where a closed ring first crosses or touches itself, or null. Boundaries from ONS are valid
 * polygons, but hand-edited partner files are not always: a crossing ring still reads (a point
 * counts as inside when the boundary goes round it an odd number of times) and is reported.
 * A sweep along longitude keeps this near-linear on real rings; a ring so tangled that the
 * sweep would pass its work budget is left unchecked rather than let it stall the import.
 */
export function selfCrossing(ring: Position[]): Position | null {
  // Repeated points are common in real files and are not crossings: drop them first.
  const pts = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
  const n = pts.length - 1;
  if (n < 4) return null;
  const lo = (i: number) => Math.min(pts[i]![0], pts[i + 1]![0]);
  const hi = (i: number) => Math.max(pts[i]![0], pts[i + 1]![0]);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => lo(a) - lo(b));
  let budget = 200 * n + 100_000;
  let active: number[] = [];
  for (const i of order) {
    const x = lo(i);
    budget -= active.length;
    active = active.filter((j) => hi(j) >= x);
    for (const j of active) {
      if (--budget < 0) return null;
      const adjacent = Math.abs(i - j) === 1 || Math.abs(i - j) === n - 1;
      if (!adjacent && segmentsMeet(pts[i]!, pts[i + 1]!, pts[j]!, pts[j + 1]!)) return meetingPoint(pts[i]!, pts[i + 1]!, pts[j]!, pts[j + 1]!);
    }
    active.push(i);
  }
  return null;
}

const turn = (a: Position, b: Position, c: Position) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
const within = (a: Position, b: Position, p: Position) =>
  Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);

/** Whether segments ab and cd share any point (crossing, touching or overlapping). */
function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const [t1, t2, t3, t4] = [turn(a, b, c), turn(a, b, d), turn(c, d, a), turn(c, d, b)];
  if (t1 !== t2 && t3 !== t4) return true;
  return (t1 === 0 && within(a, b, c)) || (t2 === 0 && within(a, b, d)) || (t3 === 0 && within(c, d, a)) || (t4 === 0 && within(c, d, b));
}

/** Where ab meets cd, for the warning: the crossing point, or a shared end when they only touch. */
function meetingPoint(a: Position, b: Position, c: Position, d: Position): Position {
  const den = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
  if (den === 0) return within(a, b, c) ? c : within(a, b, d) ? d : a;
  const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / den;
  return roundPosition([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
}
