/**
 * Getis-Ord Gi* (Getis & Ord 1992; Ord & Getis 1995), the statistic behind ArcGIS's Hot Spot
 * Analysis, with binary weights: each cell's neighbourhood is the cell itself and the hexagons
 * touching it (contiguity, self included, which is what makes it Gi* rather than Gi). With
 * x̄ and S the mean and standard deviation of all n cells' counts and W_i the number of cells
 * in i's neighbourhood,
 *
 *   z_i = (Σ_j w_ij x_j − x̄ W_i) / ( S √( (n W_i − W_i²) / (n − 1) ) )
 *
 * (Σ_j w_ij² = W_i for binary weights). z is a standard normal score; p is two-sided.
 *
 * Multiple testing: thousands of cells tested at once would find "hot spots" in pure noise,
 * so by default the p-values are corrected with the Benjamini–Hochberg false discovery rate,
 * as ArcGIS does (its "FDR correction", after Caldas de Castro & Singer 2006), separately at
 * each confidence level: at level α a cell counts when p ≤ the largest p_(k) with
 * p_(k) ≤ k α / n.
 */
import erfc from '@stdlib/math-base-special-erfc';
import type { FdrCorrection, HotspotBin } from '../../shared/geo';

export interface GiStar {
  z: Float64Array;
  p: Float64Array;
  bin: HotspotBin[];
  /** The largest p counted significant at each level (null: no cell is). */
  critical: { 99: number | null; 95: number | null; 90: number | null };
}

const LEVELS = [
  { level: 99, alpha: 0.01, bin: 3 },
  { level: 95, alpha: 0.05, bin: 2 },
  { level: 90, alpha: 0.1, bin: 1 },
] as const;

/** `neighbours[i]` lists the cells in i's neighbourhood, i itself included. */
export function giStar(x: ArrayLike<number>, neighbours: ArrayLike<number>[], correction: FdrCorrection): GiStar {
  const n = x.length;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    sum += x[i]!;
    sumSq += x[i]! * x[i]!;
  }
  const mean = n ? sum / n : 0;
  const s = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  const z = new Float64Array(n);
  const p = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    const nb = neighbours[i]!;
    const w = nb.length;
    let local = 0;
    for (let k = 0; k < w; k++) local += x[nb[k]!]!;
    const denominator = s * Math.sqrt((n * w - w * w) / (n - 1));
    z[i] = denominator > 0 ? (local - mean * w) / denominator : 0;
    p[i] = erfc(Math.abs(z[i]!) / Math.SQRT2);
  }
  const critical = { 99: null, 95: null, 90: null } as GiStar['critical'];
  for (const l of LEVELS) critical[l.level] = correction === 'fdr' ? bhThreshold(p, l.alpha) : uncorrected(p, l.alpha);
  const bin = Array.from(z, (zi, i): HotspotBin => {
    for (const l of LEVELS) {
      const c = critical[l.level];
      if (c !== null && p[i]! <= c && zi !== 0) return (zi > 0 ? l.bin : -l.bin) as HotspotBin;
    }
    return 0;
  });
  return { z, p, bin, critical };
}

/** Benjamini–Hochberg: the largest p_(k) with p_(k) ≤ k α / n, or null. */
export function bhThreshold(p: ArrayLike<number>, alpha: number): number | null {
  const sorted = Float64Array.from(p).sort();
  const n = sorted.length;
  for (let k = n; k >= 1; k--) if (sorted[k - 1]! <= (k * alpha) / n) return sorted[k - 1]!;
  return null;
}

function uncorrected(p: ArrayLike<number>, alpha: number): number | null {
  let best: number | null = null;
  for (let i = 0; i < p.length; i++) if (p[i]! <= alpha && (best === null || p[i]! > best)) best = p[i]!;
  return best;
}

export function binLabel(bin: HotspotBin): string {
  if (bin === 0) return 'Not significant';
  const level = Math.abs(bin) === 3 ? 99 : Math.abs(bin) === 2 ? 95 : 90;
  return `${bin > 0 ? 'Hot' : 'Cold'} spot (${level}% confidence)`;
}
