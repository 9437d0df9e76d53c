/**
 * A coarse raster over one big polygon, so most points never need the full point-in-polygon
 * test: a borough outline has thousands of corners (20 µs a test), and points far from its
 * edge are inside or outside for certain. Cells crossed by any edge's bounding box are
 * "boundary" and go to the exact test; every other cell holds no edge, so it is wholly inside
 * or outside. Which, is read off each row's centre line by even-odd crossing counts (the
 * scanline rule): a run of edge-free cells lies between two crossings, so one count settles it.
 */
import pointInPolygon from 'point-in-polygon-hao';
import type { Position } from '../../shared/geo';

const BOUNDARY = 1;
const INSIDE = 2;
const OUTSIDE = 3;

/** Polygons with fewer corners than this are tested directly: the raster would not pay. */
export const RASTER_MIN_VERTICES = 200;

export class PartRaster {
  private readonly cells: Uint8Array;
  private readonly n: number;
  private readonly w: number;
  private readonly h: number;

  constructor(
    private readonly rings: Position[][],
    private readonly box: [number, number, number, number],
    vertices: number,
  ) {
    this.n = Math.min(128, Math.ceil(Math.sqrt(vertices) * 1.5));
    this.w = (box[2] - box[0]) / this.n || 1;
    this.h = (box[3] - box[1]) / this.n || 1;
    this.cells = new Uint8Array(this.n * this.n);
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i]!;
        const [bx, by] = ring[i + 1]!;
        const x0 = this.col(Math.min(ax, bx));
        const x1 = this.col(Math.max(ax, bx));
        const y0 = this.row(Math.min(ay, by));
        const y1 = this.row(Math.max(ay, by));
        for (let y = y0; y <= y1; y++) this.cells.fill(BOUNDARY, y * this.n + x0, y * this.n + x1 + 1);
      }
    }
    // Where each row's centre line crosses the rings (half-open rule, as ray casting uses).
    const crossings: number[][] = Array.from({ length: this.n }, () => []);
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i]!;
        const [bx, by] = ring[i + 1]!;
        for (let y = this.row(Math.min(ay, by)); y <= this.row(Math.max(ay, by)); y++) {
          const yc = box[1] + (y + 0.5) * this.h;
          if (ay > yc !== by > yc) crossings[y]!.push(ax + ((yc - ay) * (bx - ax)) / (by - ay));
        }
      }
    }
    for (let y = 0; y < this.n; y++) {
      const xs = crossings[y]!.sort((a, b) => a - b);
      for (let x = 0; x < this.n; x++) {
        const c = y * this.n + x;
        if (this.cells[c] === BOUNDARY) continue;
        const xc = box[0] + (x + 0.5) * this.w;
        let left = 0;
        while (left < xs.length && xs[left]! < xc) left++;
        this.cells[c] = left % 2 === 1 ? INSIDE : OUTSIDE;
      }
    }
  }

  private col(x: number): number {
    return Math.min(this.n - 1, Math.max(0, Math.floor((x - this.box[0]) / this.w)));
  }

  private row(y: number): number {
    return Math.min(this.n - 1, Math.max(0, Math.floor((y - this.box[1]) / this.h)));
  }

  /** As point-in-polygon-hao: true inside, false outside, 0 on an edge. */
  test(x: number, y: number): boolean | 0 {
    const state = this.cells[this.row(y) * this.n + this.col(x)];
    return state === BOUNDARY ? pointInPolygon([x, y], this.rings) : state === INSIDE;
  }
}
