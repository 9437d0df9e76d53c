/**
 * Area outlines simplified for drawing, never for export: Douglas–Peucker within a tolerance
 * below half a pixel of the map as drawn, so the map looks the same and Plotly projects and
 * writes far fewer points (an all-London ward map drops about 45% of its 26,000 vertices).
 *
 * Neighbouring areas share their borders point for point, and simplifying each outline on its
 * own would open slivers between them. So, as TopoJSON does, each outline is cut at its
 * junctions (points where three or more areas meet, or where a shared border ends) and every
 * stretch between two junctions is simplified the same way whichever area it belongs to: a
 * shared border stays shared.
 */
import type { AreaGeometry, BBox, Position } from '../../shared/geo';

type Point = Position;
type Ring = Point[];

/** Metres in a degree of latitude. */
const METRES_PER_DEGREE = 111_320;

/**
 * Points as numbers, so shared points are found quickly: both coordinates on a grid of 1 cm
 * (0.0000001°, coarser over a continent) packed into one safe integer. The same point always
 * gives the same key; points that differ by less than a grid step would share one.
 */
function keyMaker(rings: Ring[]): (p: Point) => number {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings)
    for (const [x, y] of ring) {
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
    }
  const cells = 2 ** 26 - 1;
  const scale = Math.min(1e7, cells / Math.max(x1 - x0, 1e-9), cells / Math.max(y1 - y0, 1e-9));
  return (p) => Math.round((p[0] - x0) * scale) * 2 ** 26 + Math.round((p[1] - y0) * scale);
}

/**
 * The tolerance (in degrees of latitude) that stays under half a pixel when `box` is fitted
 * into a plot `plotWidth` × `plotHeight` pixels (the larger the plot, the finer the tolerance).
 */
export function toleranceFor(box: BBox, plotWidth: number, plotHeight: number): number {
  const midLat = ((box[1] + box[3]) / 2) * (Math.PI / 180);
  const widthMetres = (box[2] - box[0]) * METRES_PER_DEGREE * Math.cos(midLat);
  const heightMetres = (box[3] - box[1]) * METRES_PER_DEGREE;
  // The map is fitted to whichever side is tighter; metres per pixel on that side.
  const metresPerPixel = Math.max(widthMetres / plotWidth, heightMetres / plotHeight);
  return (0.5 * metresPerPixel) / METRES_PER_DEGREE;
}

/**
 * The same shapes with fewer points, in the same order. `tolerance` is in degrees of latitude;
 * longitudes are scaled by the cosine of the latitude, so it means the same distance both ways.
 */
export function simplifyShapes<G extends AreaGeometry>(shapes: G[], tolerance: number): G[] {
  if (!(tolerance > 0) || shapes.length === 0) return shapes;
  const rings = shapes.flatMap(ringsOf);
  const lat0 = (rings.find((r) => r.length)?.[0]?.[1] ?? 0) * (Math.PI / 180);
  // Each point's key, worked out once: a ring is met again as the very same array.
  const keyOf = keyMaker(rings);
  const keys = new Map(rings.map((r) => [r, r.map(keyOf)]));
  const junctions = findJunctions(rings, keys);
  const simplifyRing = (ring: Ring) =>
    simplifyRingAt(ring, keys.get(ring) ?? ring.map(keyOf), junctions, tolerance ** 2, Math.cos(lat0));
  return shapes.map((g) =>
    g.type === 'Polygon'
      ? ({ ...g, coordinates: g.coordinates.map(simplifyRing) } as G)
      : ({ ...g, coordinates: g.coordinates.map((polygon) => polygon.map(simplifyRing)) } as G),
  );
}

function ringsOf(g: AreaGeometry): Ring[] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/**
 * Points where outlines meet or part: a point with more than two different neighbours along
 * all the rings that pass through it.
 */
function findJunctions(rings: Ring[], keys: Map<Ring, number[]>): Set<number> {
  // The first two different neighbours met at each point; a third makes it a junction.
  const first = new Map<number, number>();
  const second = new Map<number, number>();
  const junctions = new Set<number>();
  const meet = (key: number, other: number) => {
    const a = first.get(key);
    if (a === undefined) return void first.set(key, other);
    if (a === other) return;
    const b = second.get(key);
    if (b === undefined) second.set(key, other);
    else if (b !== other) junctions.add(key);
  };
  for (const ring of rings) {
    const k = keys.get(ring)!;
    const n = ring.length - 1; // the last point repeats the first
    for (let i = 0; i < n; i++) {
      meet(k[i]!, k[(i - 1 + n) % n]!);
      meet(k[i]!, k[(i + 1) % n]!);
    }
  }
  return junctions;
}

function simplifyRingAt(
  ring: Ring,
  keys: number[],
  junctions: Set<number>,
  tolerance2: number,
  xScale: number,
): Ring {
  const n = ring.length - 1;
  if (n < 4) return ring;
  const cuts: number[] = [];
  for (let i = 0; i < n; i++) if (junctions.has(keys[i]!)) cuts.push(i);
  // A ring that meets no other (an island, or an enclave and the hole it fills): anchor it at
  // its smallest point and the point farthest from it, both found the same way from either side.
  if (cuts.length === 0) cuts.push(...anchorsOf(ring, keys, n));
  else if (cuts.length === 1) cuts.push((cuts[0]! + Math.floor(n / 2)) % n);
  cuts.sort((a, b) => a - b);
  const out: Ring = [];
  for (let c = 0; c < cuts.length; c++) {
    const from = cuts[c]!;
    const to = c + 1 < cuts.length ? cuts[c + 1]! : cuts[0]! + n;
    const stretch: Ring = [];
    for (let i = from; i <= to; i++) stretch.push(ring[i % n]!);
    const reversed = keys[from % n]! > keys[to % n]!;
    const kept = simplifyStretch(stretch, reversed, tolerance2, xScale);
    for (let i = 0; i < kept.length - 1; i++) out.push(kept[i]!);
  }
  out.push(out[0]!);
  // Too few points left to enclose anything: keep the outline as it was.
  return out.length >= 4 ? out : ring;
}

function anchorsOf(ring: Ring, keys: number[], n: number): number[] {
  let first = 0;
  for (let i = 1; i < n; i++) if (keys[i]! < keys[first]!) first = i;
  const [x0, y0] = ring[first]!;
  let far = first;
  let best = -1;
  for (let i = 0; i < n; i++) {
    const d = (ring[i]![0] - x0) ** 2 + (ring[i]![1] - y0) ** 2;
    if (d > best || (d === best && keys[i]! < keys[far]!)) {
      best = d;
      far = i;
    }
  }
  return far === first ? [first, (first + Math.floor(n / 2)) % n] : [first, far];
}

/**
 * Douglas–Peucker on one stretch, walked from its smaller end (`reversed` when that is its
 * last point) so the two areas on either side of a border keep the same points.
 */
function simplifyStretch(points: Ring, reversed: boolean, tolerance2: number, xScale: number): Ring {
  if (points.length <= 2) return points;
  const pts = reversed ? [...points].reverse() : points;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack: [number, number][] = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    let worst = -1;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance2(pts[i]!, pts[a]!, pts[b]!, xScale);
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    if (worst > tolerance2) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  const kept = pts.filter((_, i) => keep[i]);
  return reversed ? kept.reverse() : kept;
}

/** Squared distance from p to the segment a–b, longitudes scaled to latitude's length. */
function segmentDistance2(p: Point, a: Point, b: Point, xScale: number): number {
  const ax = a[0] * xScale;
  const bx = b[0] * xScale;
  const px = p[0] * xScale;
  const dx = bx - ax;
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  let t = length2 > 0 ? ((px - ax) * dx + (p[1] - a[1]) * dy) / length2 : 0;
  t = Math.max(0, Math.min(1, t));
  return (px - ax - t * dx) ** 2 + (p[1] - a[1] - t * dy) ** 2;
}
