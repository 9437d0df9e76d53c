// Getis-Ord Gi* and the FDR correction, checked against the formula written out here on a small hexagon grid.
import { describe, expect, it } from 'vitest';
import { bhThreshold, binLabel, giStar } from '../../src/core/geo/gistar';

/**
 * Gi* with binary weights, straight from Getis & Ord:
 *   z_i = (Σ_j w_ij x_j − x̄ Σ_j w_ij) / ( S · √( (n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1) ) ),
 *   x̄ = Σ x_j / n,  S = √( Σ x_j² / n − x̄² ),  w_ij = 1 when j is i or touches i.
 */
function referenceGiStar(x: number[], w: number[][]): number[] {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(x.reduce((a, b) => a + b * b, 0) / n - mean * mean);
  return x.map((_, i) => {
    const wi = w[i]!;
    const sumW = wi.reduce((a, b) => a + b, 0);
    const sumW2 = wi.reduce((a, b) => a + b * b, 0);
    const sumWX = wi.reduce((a, b, j) => a + b * x[j]!, 0);
    return (sumWX - mean * sumW) / (s * Math.sqrt((n * sumW2 - sumW * sumW) / (n - 1)));
  });
}

/** A 7 × 6 block of pointy-topped hexagons 250 m apart; neighbours found by distance, not by axial offsets. */
function smallGrid() {
  const cell = 250;
  const centres: [number, number][] = [];
  for (let r = 0; r < 6; r++) for (let q = 0; q < 7; q++) centres.push([cell * (q + r / 2), (cell * Math.sqrt(3) * r) / 2]);
  const w = centres.map(([xi, yi]) => centres.map(([xj, yj]) => (Math.hypot(xi - xj, yi - yj) <= cell * 1.001 ? 1 : 0)));
  const lists = w.map((row) => row.flatMap((v, j) => (v ? [j] : [])));
  return { centres, w, lists };
}

describe('Gi*', () => {
  const { w, lists } = smallGrid();
  // A made-up cluster in one corner and scattered counts elsewhere.
  const x = w.map((_, i) => (i === 8 || i === 9 || i === 15 ? 40 : i === 16 ? 25 : (i * 7) % 5));

  it('matches the formula for every cell of a small grid', () => {
    const expected = referenceGiStar(x, w);
    const got = giStar(x, lists, 'none');
    expected.forEach((z, i) => expect(got.z[i]).toBeCloseTo(z, 10));
    // Every interior cell has 7 in its neighbourhood (itself and six), a corner fewer.
    expect(lists.map((l) => l.length).filter((k) => k === 7).length).toBe(4 * 5);
  });

  it('gives two-sided normal p-values and the 99 / 95 / 90% bins', () => {
    const got = giStar(x, lists, 'none');
    for (let i = 0; i < x.length; i++) {
      const z = Math.abs(got.z[i]!);
      if (z > 2.5758) expect(Math.abs(got.bin[i]!)).toBe(3);
      else if (z > 1.96) expect(Math.abs(got.bin[i]!)).toBe(2);
      else if (z > 1.6449) expect(Math.abs(got.bin[i]!)).toBe(1);
      else if (z < 1.6448) expect(got.bin[i]).toBe(0);
      if (got.bin[i] !== 0) expect(Math.sign(got.bin[i]!)).toBe(Math.sign(got.z[i]!));
    }
    const one = giStar([0, 0, 0, 10], [[0, 3], [1], [2], [3, 0]], 'none');
    expect(one.p[3]).toBeCloseTo(1 - erfApprox(Math.abs(one.z[3]!) / Math.SQRT2), 6);
    expect(got.bin.filter((b) => b > 0).length).toBeGreaterThan(0);
    expect(binLabel(3)).toBe('Hot spot (99% confidence)');
    expect(binLabel(-1)).toBe('Cold spot (90% confidence)');
  });

  it('finds nothing in a flat surface', () => {
    const flat = giStar(x.map(() => 3), lists, 'fdr');
    expect([...flat.z].every((z) => z === 0)).toBe(true);
    expect(flat.bin.every((b) => b === 0)).toBe(true);
  });

  it('the FDR correction never adds hot spots, and removes chance ones', () => {
    const raw = giStar(x, lists, 'none');
    const fdr = giStar(x, lists, 'fdr');
    for (let i = 0; i < x.length; i++) expect(Math.abs(fdr.bin[i]!)).toBeLessThanOrEqual(Math.abs(raw.bin[i]!));
  });
});

describe('Benjamini–Hochberg threshold', () => {
  it("rejects the first four of Benjamini and Hochberg's (1995) fifteen p-values at q = 0.05", () => {
    const p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1];
    expect(bhThreshold(p, 0.05)).toBe(0.0095);
    expect(bhThreshold([0.5, 0.9], 0.05)).toBeNull();
  });
});

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): an independent check on the p-values. */
function erfApprox(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return y;
}
