// The coarse raster that speeds up big polygons must give exactly the library's answer everywhere.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pointInPolygon from 'point-in-polygon-hao';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry, Position } from '../../src/shared/geo';
import { PolygonIndex } from '../../src/core/geo/polygonIndex';
import { PartRaster } from '../../src/core/geo/raster';
import { dataDir } from '../support/data';

const boroughs = (
  JSON.parse(readFileSync(path.join(dataDir, 'boundaries', 'london_boroughs', 'london_boroughs.geojson'), 'utf8')) as {
    features: { properties: { GSS_CODE: string; NAME: string }; geometry: AreaGeometry }[];
  }
).features;

describe('big-polygon raster', () => {
  it('agrees with point-in-polygon-hao at 5,000 points over each of five boroughs, edges included', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const f of boroughs.filter((b) => ['Harrow', 'Brent', 'Barnet', 'Richmond upon Thames', 'City of London'].includes(b.properties.NAME))) {
      const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const rings of parts) {
        const all = rings.flat();
        const box: [number, number, number, number] = [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
        const raster = new PartRaster(rings, box, all.length);
        for (let i = 0; i < 5_000; i++) {
          const x = box[0] + random() * (box[2] - box[0]);
          const y = box[1] + random() * (box[3] - box[1]);
          expect(raster.test(x, y)).toBe(pointInPolygon([x, y], rings));
        }
        // The corners themselves lie on the edge.
        for (const p of rings[0]!.slice(0, 200)) expect(raster.test(p[0], p[1])).toBe(0);
      }
    }
  });

  it('places points in the same borough as testing every borough would', () => {
    const index = new PolygonIndex(boroughs.map((b) => ({ code: b.properties.GSS_CODE, geometry: b.geometry })));
    const rings = boroughs.map((b) => (b.geometry.type === 'Polygon' ? [b.geometry.coordinates] : b.geometry.coordinates));
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    let outside = 0;
    for (let i = 0; i < 3000; i++) {
      const p: Position = [-0.52 + random() * 0.86, 51.28 + random() * 0.42];
      const hits = rings.flatMap((parts, b) => (parts.some((r) => pointInPolygon(p, r) === true) ? [b] : []));
      const got = index.locate(p[0], p[1]);
      expect(got.area).toBe(hits.length ? hits[0] : -1);
      if (got.area < 0) outside++;
    }
    // London's bounding box holds plenty of Surrey, Kent and Hertfordshire too.
    expect(outside).toBeGreaterThan(300);
  });
});
