/**
 * A hexagonal lattice on the British National Grid, in metres: pointy-topped hexagons whose
 * centres sit `cell` metres apart (the distance across the flats), anchored at the grid's
 * origin so the same cell size always gives the same cells, run after run. Axial (q, r)
 * coordinates as in Red Blob Games' hexagon guide.
 */
export interface Hex {
  q: number;
  r: number;
}

/** The six neighbours' axial offsets. */
export const NEIGHBOURS: readonly Hex[] = [
  { q: 1, r: 0 },
  { q: -1, r: 0 },
  { q: 0, r: 1 },
  { q: 0, r: -1 },
  { q: 1, r: -1 },
  { q: -1, r: 1 },
];

export class HexLattice {
  /** Circumradius: centre to corner. */
  readonly radius: number;

  constructor(readonly cell: number) {
    this.radius = cell / Math.sqrt(3);
  }

  centre(h: Hex): [number, number] {
    return [this.cell * (h.q + h.r / 2), 1.5 * this.radius * h.r];
  }

  /** The hexagon holding a point (cube rounding of its fractional axial position). */
  hexAt(x: number, y: number): Hex {
    const fq = (x * Math.sqrt(3)) / 3 / this.radius - y / 3 / this.radius;
    const fr = (2 * y) / 3 / this.radius;
    const fs = -fq - fr;
    let q = Math.round(fq);
    let r = Math.round(fr);
    const s = Math.round(fs);
    const dq = Math.abs(q - fq);
    const dr = Math.abs(r - fr);
    const ds = Math.abs(s - fs);
    if (dq > dr && dq > ds) q = -r - s;
    else if (dr > ds) r = -q - s;
    return { q, r };
  }

  /** Corners, anticlockwise from the lower right, closed (first repeated last). */
  corners(h: Hex): [number, number][] {
    const [cx, cy] = this.centre(h);
    const out: [number, number][] = [];
    for (let k = 0; k <= 6; k++) {
      const a = (Math.PI / 180) * (60 * (k % 6) - 30);
      out.push([cx + this.radius * Math.cos(a), cy + this.radius * Math.sin(a)]);
    }
    return out;
  }

  /** Every hexagon whose centre lies in the box [minX, minY, maxX, maxY]. */
  *hexesIn(minX: number, minY: number, maxX: number, maxY: number): Generator<Hex> {
    const rowStep = 1.5 * this.radius;
    for (let r = Math.ceil(minY / rowStep); r * rowStep <= maxY; r++) {
      const shift = r / 2;
      for (let q = Math.ceil(minX / this.cell - shift); this.cell * (q + shift) <= maxX; q++) yield { q, r };
    }
  }
}

/** A numeric key for a hex (q and r stay well inside ±2^20 on the National Grid at any sensible cell size). */
export const hexKey = (q: number, r: number) => (q + 1_048_576) * 2_097_152 + (r + 1_048_576);
