// Choropleth data for a real pivot: MPS 2022-ward counts joined to the 2022 ward polygons, classed.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoroplethResult } from '../../src/shared/geo';
import { dispatch } from '../../src/core/handlers';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir } from '../support/data';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

afterAll(cleanupTempDirs);

const B = path.join(dataDir, 'boundaries');
const DATASET = 'mps-ward-ho-2022';
let ws: Workspace;

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await dispatch({ workspace: ws }, 'import/files', {
    paths: [data.mpsWard2022Recent, path.join(B, 'london_wards_2022_merged.geojson'), path.join(B, 'london_boroughs', 'london_boroughs.geojson')],
  });
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
}, 120_000);

const harrowSpec = { dataset: DATASET, rows: ['ward' as const], columns: [], filters: { borough: ['Harrow'] }, months: { from: '2024-01', to: '2024-12' } };

/** Least within-class sum of squares over every way to cut the sorted values into k runs. */
function bestCost(values: number[], k: number): number {
  const v = [...values].sort((a, b) => a - b);
  const ssq = (a: number, b: number) => {
    const m = v.slice(a, b).reduce((s, x) => s + x, 0) / (b - a);
    return v.slice(a, b).reduce((s, x) => s + (x - m) ** 2, 0);
  };
  let best = Infinity;
  const cut = (start: number, left: number, cost: number) => {
    if (left === 1) return void (best = Math.min(best, cost + ssq(start, v.length)));
    for (let e = start + 1; e <= v.length - left + 1; e++) cut(e, left - 1, cost + ssq(start, e));
  };
  cut(0, k, 0);
  return best;
}

function checkLegend(r: ChoroplethResult) {
  for (const f of r.features.features) {
    const p = f.properties;
    if (p.value === null) expect(p.classIndex).toBeNull();
    else {
      const c = r.legend.classes[p.classIndex!]!;
      expect(p.value >= c.from && p.value <= c.to).toBe(true);
    }
  }
  expect(r.legend.classes.reduce((s, c) => s + c.areas, 0)).toBe(r.features.features.filter((f) => f.properties.value !== null).length);
}

describe('ward heat map data', () => {
  it("joins Harrow's 2024 ward counts to its 22 wards of 2022 and classes them in quantiles", async () => {
    const pivot = await dispatch({ workspace: ws }, 'pivot/run', harrowSpec);
    const r = await dispatch({ workspace: ws }, 'map/choropleth', { pivot: harrowSpec });
    expect(r).toMatchObject({ level: 'ward', vintage: '2022', measure: 'count', span: { from: '2024-01', to: '2024-12' } });
    expect(r.features.features).toHaveLength(22);
    // Harrow's 2022 wards are E05013542–E05013563.
    expect(r.features.features.map((f) => Number(f.properties.code.slice(1))).sort()).toEqual(Array.from({ length: 22 }, (_, i) => 5013542 + i));
    const byCode = new Map(pivot.rows.map((row, i) => [row.keys[0], pivot.rowTotals[i]!.value]));
    for (const f of r.features.features) {
      expect(f.properties.value).toBe(byCode.get(f.properties.code));
      expect(f.properties.borough).toBe('Harrow');
    }
    expect(r.legend.method).toBe('quantile');
    expect(r.legend.classes).toHaveLength(5);
    expect(r.legend.classes.map((c) => c.areas).sort()).toEqual([4, 4, 4, 5, 5]);
    expect(r.legend.classes[0]!.label).toMatch(/^[\d,]+ – [\d,]+$/);
    checkLegend(r);
    expect(r.outlines!.features.map((f) => f.properties.code)).toEqual(['E09000015']);
    expect(r.unmapped).toEqual([]);
    const [w, s, e, n] = r.bbox!;
    expect([w > -0.45 && e < -0.25, s > 51.55 && n < 51.65]).toEqual([true, true]);
  });

  it('natural breaks give the least within-class spread of any five classes', async () => {
    const r = await dispatch({ workspace: ws }, 'map/choropleth', { pivot: harrowSpec, method: 'natural-breaks' });
    checkLegend(r);
    const values = r.features.features.map((f) => f.properties.value!);
    const cost = r.legend.classes.reduce((sum, c) => {
      const part = values.filter((v) => v >= c.from && v <= c.to);
      const m = part.reduce((a, b) => a + b, 0) / part.length;
      return sum + part.reduce((a, b) => a + (b - m) ** 2, 0);
    }, 0);
    expect(cost).toBeCloseTo(bestCost(values, 5), 6);
  });

  it('borough maps use borough polygons and list what cannot be drawn', async () => {
    const r = await dispatch({ workspace: ws }, 'map/choropleth', { pivot: { dataset: DATASET, rows: ['borough'], columns: [], months: { from: '2024-01', to: '2024-12' } } });
    expect(r.level).toBe('borough');
    expect(r.features.features).toHaveLength(33);
    // The City of London Police, not the MPS, polices the City: no figures, drawn as "no data".
    expect(r.features.features.filter((f) => f.properties.value === null).map((f) => f.properties.code)).toEqual(['E09000001']);
    expect(r.legend.noData).toBe(1);
    expect(r.unmapped.map((u) => u.name)).toEqual(['Aviation Security (SO18)']);
    expect(r.notes.join(' ')).toMatch(/no polygon/);
    checkLegend(r);
  });

  it('refuses another ward set, and pivots that are not one area dimension', async () => {
    await expect(dispatch({ workspace: ws }, 'map/choropleth', { pivot: harrowSpec, vintage: '2018' })).rejects.toThrow(/2022 set; they cannot be drawn on 2018/);
    await expect(dispatch({ workspace: ws }, 'map/choropleth', { pivot: { ...harrowSpec, columns: ['year'] } })).rejects.toThrow(/one area dimension/);
    await expect(dispatch({ workspace: ws }, 'map/choropleth', { pivot: harrowSpec, classes: 12 })).rejects.toThrow(/2 to 9 classes/);
  });
});
