/**
 * Kernel density with the quartic (biweight) kernel, the one QGIS's Heatmap and most crime
 * mapping guides use: K(d) = 3 / (π h²) · (1 − d²/h²)² within the bandwidth h, nothing beyond,
 * so each incident spreads over a disc of radius h and the surface integrates to the count.
 * Evaluated at each hexagon's centre, in incidents per km².
 */
import { hexKey, type HexLattice } from './hexgrid';

export interface WeightedPoint {
  x: number;
  y: number;
  weight: number;
}

/** Density at each cell centre. `cellAt` maps a hex key to its index among the cells. */
export function quarticDensity(points: WeightedPoint[], centres: Float64Array, lattice: HexLattice, cellAt: Map<number, number>, h: number): Float64Array {
  const density = new Float64Array(centres.length / 2);
  const scale = (3 / (Math.PI * h * h)) * 1e6;
  // Centres k hexagon steps apart are at least k·cell·√3/2 apart, so every centre within h of
  // a point lies within this many steps of the point's own hexagon.
  const reach = Math.ceil((h + lattice.radius) / ((lattice.cell * Math.sqrt(3)) / 2));
  for (const pt of points) {
    const home = lattice.hexAt(pt.x, pt.y);
    for (let dq = -reach; dq <= reach; dq++) {
      for (let dr = Math.max(-reach, -dq - reach); dr <= Math.min(reach, -dq + reach); dr++) {
        const i = cellAt.get(hexKey(home.q + dq, home.r + dr));
        if (i === undefined) continue;
        const dx = centres[2 * i]! - pt.x;
        const dy = centres[2 * i + 1]! - pt.y;
        const u = (dx * dx + dy * dy) / (h * h);
        if (u < 1) density[i]! += pt.weight * scale * (1 - u) * (1 - u);
      }
    }
  }
  return density;
}
