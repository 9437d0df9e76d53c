/**
 * Where a ward's name goes on a printed map: a point well inside its shape (a bounding box's
 * middle can fall outside a crescent-shaped ward, or on its edge). Found on the projected
 * shape, in pixels: across several horizontal lines, the middle of each run of inside; the
 * point with the most room both across and up-and-down wins. Rings are read even–odd, so
 * holes count as outside.
 */
export type PixelRing = [number, number][];

export interface LabelPoint {
  x: number;
  y: number;
  /** Pixels of inside across the point: how wide a label fits. */
  width: number;
}

const LINES = 24;

/** Where a line at `at` crosses the rings (x for a horizontal line, y for a vertical one). */
function crossings(rings: PixelRing[], at: number, horizontal: boolean): number[] {
  const a = horizontal ? 1 : 0;
  const b = horizontal ? 0 : 1;
  const out: number[] = [];
  for (const ring of rings)
    for (let i = 0; i + 1 < ring.length; i++) {
      const p = ring[i]!;
      const q = ring[i + 1]!;
      if (p[a] > at !== q[a] > at) out.push(p[b] + ((at - p[a]) * (q[b] - p[b])) / (q[a] - p[a]));
    }
  return out.sort((m, n) => m - n);
}

/** The run of inside holding `v` along a line, as [from, to], or null. */
function runAround(xs: number[], v: number): [number, number] | null {
  for (let i = 0; i + 1 < xs.length; i += 2) if (xs[i]! <= v && v <= xs[i + 1]!) return [xs[i]!, xs[i + 1]!];
  return null;
}

export function labelPoint(rings: PixelRing[]): LabelPoint | null {
  const ys = rings.flat().map((p) => p[1]);
  const top = Math.min(...ys);
  const bottom = Math.max(...ys);
  let best: (LabelPoint & { score: number }) | null = null;
  for (let i = 1; i < LINES; i++) {
    const y = top + ((bottom - top) * i) / LINES;
    const xs = crossings(rings, y, true);
    for (let j = 0; j + 1 < xs.length; j += 2) {
      const x = (xs[j]! + xs[j + 1]!) / 2;
      const width = xs[j + 1]! - xs[j]!;
      const down = runAround(crossings(rings, x, false), y);
      if (!down) continue;
      // Room up and down from the point itself, not the run's length: a label wants its middle clear.
      const height = 2 * Math.min(y - down[0], down[1] - y);
      const score = Math.min(width, 3 * height);
      if (!best || score > best.score) best = { x, y, width, score };
    }
  }
  return best && { x: best.x, y: best.y, width: best.width };
}
