// The hotspot map is a pure function of the engine's result: these pin what it draws.
import { describe, expect, it } from 'vitest';
import type { HotspotBin, HotspotResult } from '../../shared/geo';
import { hotspotFigure, sqrtTicks } from './hotspots';

const hex = (id: string, count: number, bin: HotspotBin, label: string) => ({
  type: 'Feature' as const,
  id,
  geometry: { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]] as [number, number][]] },
  properties: { id, easting: 530000, northing: 180000, count, density: count * 16, z: 0, p: 0.5, bin, label },
});

const outline = (code: string) => ({
  type: 'FeatureCollection' as const,
  features: [{ type: 'Feature' as const, geometry: hex(code, 0, 0, '').geometry, properties: { code, name: code } }],
});

const result: HotspotResult = {
  dataset: { key: 'policeuk', name: 'police.uk incidents' },
  span: { from: '2018-01', to: '2018-12' },
  parameters: {
    cell: 250,
    bandwidth: 500,
    correction: 'fdr',
    neighbours: 'Hexagon contiguity.',
    kernel: 'Quartic (biweight) kernel, bandwidth 500 m (the default: twice the cell size).',
    area: [{ code: 'E09000001', name: 'City of London' }],
  },
  cells: {
    type: 'FeatureCollection',
    features: [
      hex('1,1', 400, 3, 'Hot spot (99% confidence)'),
      hex('1,2', 300, 3, 'Hot spot (99% confidence)'),
      hex('2,1', 12, 0, 'Not significant'),
      hex('2,2', 0, -1, 'Cold spot (90% confidence)'),
    ],
  },
  outlines: { wards: outline('E05009289'), boroughs: outline('E09000001') },
  bbox: [-0.1, 51.5, -0.07, 51.52],
  summary: {
    incidents: 720,
    points: 712,
    noLocation: 8,
    outsideGrid: 0,
    cells: 4,
    hot: { 99: 2, 95: 0, 90: 0 },
    cold: { 99: 0, 95: 0, 90: 1 },
    criticalP: { 99: 0.001, 95: null, 90: 0.02 },
  },
  notes: [],
};

type Trace = { name: string; locations: string[]; showlegend?: boolean; hoverinfo?: string; z: number[] };

describe('the hotspot map', () => {
  it('draws Gi* as one legend entry per class present, with its cell count, outlines on top', () => {
    const f = hotspotFigure(result, 'gistar', 'Hotspots');
    const traces = f.data as unknown as Trace[];
    const shown = traces.filter((t) => t.showlegend).map((t) => t.name);
    expect(shown).toEqual(['Hot spot (99% confidence) (2)', 'Not significant (1)', 'Cold spot (90% confidence) (1)']);
    expect(traces.slice(-2).map((t) => [t.name, t.hoverinfo])).toEqual([
      ['Ward boundaries', 'skip'],
      ['Borough boundaries', 'skip'],
    ]);
    // Framed on the grid, not on every outline that touches it.
    expect(f.layout.geo).toMatchObject({ fitbounds: false, lonaxis: { range: [expect.any(Number), expect.any(Number)] } });
    expect(f.sourceNote).toContain('Benjamini–Hochberg');
    expect(f.sourceNote).toContain('snap points');
  });

  it('colours counts on a square-root scale and states the bandwidth for kernel density', () => {
    const counts = (hotspotFigure(result, 'counts', 'Counts').data as unknown as Trace[])[0]!;
    expect(counts.z).toEqual([20, Math.sqrt(300), Math.sqrt(12), 0]);
    expect(hotspotFigure(result, 'density', 'Density').sourceNote).toContain('bandwidth 500 m');
  });

  it('puts round numbers on the colour bar, spread along it', () => {
    expect(sqrtTicks(5000)).toEqual([0, 200, 800, 2000, 3000, 5000]);
    expect(sqrtTicks(12)).toEqual([0, 2, 4, 8, 10]);
    expect(sqrtTicks(1)).toEqual([0, 1]);
  });
});
