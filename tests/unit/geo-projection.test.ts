// British National Grid ⇄ WGS84 against ONS's own coordinates, and the hexagon lattice's geometry.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HexLattice } from '../../src/core/geo/hexgrid';
import { bngToWgs84, wgs84ToBng } from '../../src/core/geo/projection';
import { dataDir } from '../support/data';

interface WardProps {
  WD25CD: string;
  BNG_E: number;
  BNG_N: number;
  LONG: number;
  LAT: number;
}

const wards = (
  JSON.parse(readFileSync(path.join(dataDir, 'boundaries', 'london_wards_2022_merged.geojson'), 'utf8')) as { features: { properties: WardProps }[] }
).features.map((f) => f.properties);

/** Metres between two nearby WGS84 points (equirectangular: exact enough over a few metres). */
const metres = (a: [number, number], b: [number, number]) =>
  Math.hypot((a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 110_574);

describe('projection', () => {
  it("lands every 2022 ward's ONS grid reference within 3 m of ONS's own longitude/latitude", () => {
    expect(wards).toHaveLength(704);
    let worst = 0;
    for (const w of wards) worst = Math.max(worst, metres(bngToWgs84(w.BNG_E, w.BNG_N), [w.LONG, w.LAT]));
    // ONS uses OSTN15; the Helmert transform agrees to a couple of metres across London.
    expect(worst).toBeLessThan(3);
  });

  it('round-trips to the millimetre', () => {
    for (const w of wards.slice(0, 50)) {
      const [e, n] = wgs84ToBng(...bngToWgs84(w.BNG_E, w.BNG_N));
      expect(Math.abs(e - w.BNG_E)).toBeLessThan(0.001);
      expect(Math.abs(n - w.BNG_N)).toBeLessThan(0.001);
    }
  });
});

describe('hexagon lattice', () => {
  const lattice = new HexLattice(250);

  it('neighbouring centres are one cell apart and corners one circumradius from the centre', () => {
    const c = lattice.centre({ q: 10, r: 7 });
    for (const [dq, dr] of [[1, 0], [0, 1], [-1, 1]]) {
      const d = lattice.centre({ q: 10 + dq!, r: 7 + dr! });
      expect(Math.hypot(d[0] - c[0], d[1] - c[1])).toBeCloseTo(250, 9);
    }
    for (const [x, y] of lattice.corners({ q: 10, r: 7 })) expect(Math.hypot(x - c[0], y - c[1])).toBeCloseTo(250 / Math.sqrt(3), 9);
  });

  it('puts a point in the hexagon whose centre is nearest', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let k = 0; k < 400; k++) {
      const x = 530_000 + random() * 5000;
      const y = 180_000 + random() * 5000;
      const h = lattice.hexAt(x, y);
      const mine = lattice.centre(h);
      const d = Math.hypot(x - mine[0], y - mine[1]);
      for (let dq = -2; dq <= 2; dq++) {
        for (let dr = -2; dr <= 2; dr++) {
          const other = lattice.centre({ q: h.q + dq, r: h.r + dr });
          expect(d).toBeLessThanOrEqual(Math.hypot(x - other[0], y - other[1]) + 1e-9);
        }
      }
    }
  });

  it('lists every centre in a box, and no other', () => {
    const box = [530_010, 180_020, 531_500, 181_250] as const;
    const inBox = ([x, y]: [number, number]) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
    const listed = [...lattice.hexesIn(...box)].map((h) => `${h.q},${h.r}`).sort();
    const brute: string[] = [];
    for (let r = 800; r < 900; r++) for (let q = 1700; q < 1800; q++) if (inBox(lattice.centre({ q, r }))) brute.push(`${q},${r}`);
    expect(listed).toEqual(brute.sort());
    expect(listed.length).toBeGreaterThan(20);
  });
});
