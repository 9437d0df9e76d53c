// Outlines simplified for the screen, on the real 2022 London ward boundaries (704 wards): far
// fewer points, no point of the real outline further from the drawn one than the tolerance,
// borders shared by two wards still shared point for point (no slivers), and every ring closed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simplifyShapes, toleranceFor } from '../../src/core/geo/simplify';
import type { AreaGeometry, BBox, Position } from '../../src/shared/geo';
import { dataDir } from '../support/data';

const folder = path.join(dataDir, 'boundaries', 'london_wards_2022_by_borough');
const wards: AreaGeometry[] = readdirSync(folder)
  .filter((f) => f.endsWith('.geojson'))
  .flatMap(
    (f) =>
      (JSON.parse(readFileSync(path.join(folder, f), 'utf8')) as { features: { geometry: AreaGeometry }[] })
        .features,
  )
  .map((f) => f.geometry);

const ringsOf = (g: AreaGeometry): Position[][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());
const points = (gs: AreaGeometry[]) => gs.flatMap(ringsOf).reduce((n, r) => n + r.length, 0);
const METRES = 111_320;
const COS = Math.cos((51.5 * Math.PI) / 180);

function boxOf(gs: AreaGeometry[]): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of gs.flatMap(ringsOf))
    for (const [x, y] of r) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  return b;
}

/** Metres from p to the nearest segment of a ring (longitudes scaled to latitude's length). */
function distanceToRing(p: Position, ring: Position[]): number {
  let best = Infinity;
  for (let j = 0; j + 1 < ring.length; j++) {
    const [a, b] = [ring[j]!, ring[j + 1]!];
    const [ax, bx, px] = [a[0] * COS, b[0] * COS, p[0] * COS];
    const [dx, dy] = [bx - ax, b[1] - a[1]];
    const l2 = dx * dx + dy * dy;
    const t = l2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (p[1] - a[1]) * dy) / l2)) : 0;
    best = Math.min(best, Math.hypot(px - ax - t * dx, p[1] - a[1] - t * dy));
  }
  return best * METRES;
}

describe('outlines simplified for the screen', () => {
  const box = boxOf(wards);
  const tolerance = toleranceFor(box, 1600, 490);
  const simpler = simplifyShapes(wards, tolerance);

  it('chooses half a pixel of an all-London map 490 px high (about 47 m) and drops about 40% of the points', () => {
    // London is 46 km from south to north; 490 px gives 94 m a pixel.
    const heightMetres = (box[3] - box[1]) * METRES;
    expect(tolerance * METRES).toBeCloseTo(heightMetres / 490 / 2, 6);
    expect(wards).toHaveLength(704);
    expect(points(wards)).toBe(25_883);
    expect(points(simpler)).toBeLessThan(points(wards) * 0.65);
    expect(points(simpler)).toBeGreaterThan(points(wards) * 0.3);
  });

  it('keeps every real point within the tolerance of the drawn outline, and every ring closed', () => {
    const before = wards.flatMap(ringsOf);
    const after = simpler.flatMap(ringsOf);
    expect(after).toHaveLength(before.length);
    let worst = 0;
    before.forEach((ring, i) => {
      const drawn = after[i]!;
      expect(drawn.length).toBeGreaterThanOrEqual(4);
      expect(drawn[0]).toEqual(drawn[drawn.length - 1]);
      for (const p of ring) worst = Math.max(worst, distanceToRing(p, drawn));
    });
    expect(worst).toBeLessThanOrEqual(tolerance * METRES + 0.01);
    expect(worst).toBeGreaterThan(tolerance * METRES * 0.5);
  });

  it('keeps a border shared by two wards shared: a shared point is kept by all its wards or by none', () => {
    const key = (p: Position) => `${p[0]},${p[1]}`;
    const ringsWith = (gs: AreaGeometry[]) => {
      const m = new Map<string, Set<number>>();
      gs.flatMap(ringsOf).forEach((r, i) => r.forEach((p) => (m.get(key(p)) ?? m.set(key(p), new Set()).get(key(p))!).add(i)));
      return m;
    };
    const before = ringsWith(wards);
    const after = ringsWith(simpler);
    const shared = [...before].filter(([, rings]) => rings.size > 1);
    expect(shared.length).toBeGreaterThan(10_000);
    const split = shared.filter(([k, rings]) => after.has(k) && after.get(k)!.size !== rings.size);
    // A handful of points where a ring touches another at one point only are anchored per ring.
    expect(split.length).toBeLessThanOrEqual(10);
  });

  it('leaves the shapes it was given untouched, and a zero tolerance changes nothing', () => {
    const copy = JSON.parse(JSON.stringify(wards.slice(0, 20))) as AreaGeometry[];
    simplifyShapes(copy, tolerance);
    expect(copy).toEqual(wards.slice(0, 20));
    expect(simplifyShapes(wards, 0)).toBe(wards);
  });
});
