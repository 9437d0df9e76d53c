/**
 * Which polygon a point falls in, fast: a packed Hilbert R-tree (flatbush) over each
 * polygon part's bounding box narrows a point to a few candidates, then a robust
 * point-in-polygon test (point-in-polygon-hao, built on exact orientation predicates) decides.
 * A point exactly on an edge shared by two areas belongs to both; it is given to the one with
 * the lowest code, a fixed rule so the same data always assigns the same way, and counted.
 */
import Flatbush from 'flatbush';
import pointInPolygon from 'point-in-polygon-hao';
import type { AreaGeometry, Position } from '../../shared/geo';
import { PartRaster, RASTER_MIN_VERTICES } from './raster';

export interface IndexedArea {
  code: string;
  geometry: AreaGeometry;
}

export interface Located {
  /** Index into the areas given, or -1 when the point is in none. */
  area: number;
  /** The point lies on an edge (of the area returned, and possibly of a neighbour). */
  onEdge: boolean;
}

export class PolygonIndex {
  private readonly index: Flatbush | null;
  /** Per indexed part: its rings and the area it belongs to. */
  private readonly parts: Position[][][] = [];
  /** Big parts (borough outlines) get a raster that answers most points without the exact test. */
  private readonly rasters: (PartRaster | null)[] = [];
  private readonly owner: number[] = [];

  constructor(private readonly areas: readonly IndexedArea[]) {
    const boxes: [number, number, number, number][] = [];
    areas.forEach((a, i) => {
      const polygons = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
      for (const rings of polygons) {
        const box = ringBox(rings[0]!);
        const vertices = rings.reduce((n, r) => n + r.length, 0);
        this.parts.push(rings);
        this.rasters.push(vertices >= RASTER_MIN_VERTICES ? new PartRaster(rings, box, vertices) : null);
        this.owner.push(i);
        boxes.push(box);
      }
    });
    if (boxes.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(boxes.length);
    for (const b of boxes) this.index.add(b[0], b[1], b[2], b[3]);
    this.index.finish();
  }

  get size(): number {
    return this.areas.length;
  }

  locate(lon: number, lat: number): Located {
    if (!this.index) return { area: -1, onEdge: false };
    const candidates = this.index.search(lon, lat, lon, lat);
    let edgeArea = -1;
    const point = [lon, lat];
    for (const c of candidates) {
      const raster = this.rasters[c];
      const inside = raster ? raster.test(lon, lat) : pointInPolygon(point, this.parts[c]!);
      // An interior hit wins outright: partitions do not overlap, so no other area has it.
      if (inside === true) return { area: this.owner[c]!, onEdge: false };
      if (inside === 0) {
        const a = this.owner[c]!;
        if (edgeArea < 0 || this.areas[a]!.code < this.areas[edgeArea]!.code) edgeArea = a;
      }
    }
    return { area: edgeArea, onEdge: edgeArea >= 0 };
  }
}

function ringBox(ring: Position[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}
