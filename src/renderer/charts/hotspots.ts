/**
 * A hotspot grid as a Plotly figure: the engine's hexagons coloured by one of its three
 * measures — incidents per cell, kernel density, or the Gi* class — with ward and borough
 * outlines drawn on top. Pure: the result in, the figure out; the same offline geo as the
 * ward maps (no tiles, no topojson).
 */
import type { Data } from 'plotly.js';
import type { HotspotBin, HotspotCellProperties, HotspotResult } from '../../shared/geo';
import { formatCount } from '../format/numbers';
import { monthRange } from '../format/months';
import type { PivotFigure } from './figure';
import { mapLayout, outlineTrace, wrapNote } from './mapLayers';

export type HotspotMethod = 'counts' | 'density' | 'gistar';

export const METHOD_LABELS: Record<HotspotMethod, string> = {
  counts: 'Hexagon counts',
  density: 'Kernel density',
  gistar: 'Getis-Ord Gi* hot and cold spots',
};

/** Pale to dark reds that stay in order in greyscale. */
const HEAT: [number, string][] = [
  [0, '#fff7ec'],
  [0.2, '#fdd49e'],
  [0.4, '#fc8d59'],
  [0.7, '#d7301f'],
  [1, '#7f0000'],
];

/** ArcGIS's Hot Spot Analysis colours: reds hot, blues cold, pale grey not significant. */
export const BIN_STYLE: { bin: HotspotBin; colour: string }[] = [
  { bin: 3, colour: '#c51b1b' },
  { bin: 2, colour: '#ed7551' },
  { bin: 1, colour: '#fab984' },
  { bin: 0, colour: '#f0f0ee' },
  { bin: -1, colour: '#bcd2e8' },
  { bin: -2, colour: '#7ba3cc' },
  { bin: -3, colour: '#2f6ca8' },
];

const number = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const pText = (p: number) => (p < 0.0001 ? 'under 0.0001' : number(p, 4));

function hoverText(c: HotspotCellProperties): string {
  return [
    `Cell ${c.id} (E ${c.easting}, N ${c.northing})`,
    `${formatCount(c.count)} incident${c.count === 1 ? '' : 's'}`,
    `Density: ${number(c.density, 1)} per km²`,
    `Gi* z = ${number(c.z, 2)}, p = ${pText(c.p)}`,
    c.label,
  ].join('<br>');
}

/** Round numbers for a square-root colour bar, evenly spread along it: the scale stretches the many small counts apart. */
export function sqrtTicks(max: number, steps = 5): number[] {
  const nice = (v: number) => {
    if (v < 10) return Math.round(v);
    const p = 10 ** Math.floor(Math.log10(v));
    return Math.round(v / p) * p;
  };
  const ticks = Array.from({ length: steps + 1 }, (_, k) => nice(((k / steps) * Math.sqrt(max)) ** 2));
  return [...new Set(ticks)].filter((t) => t <= max);
}

function heatTrace(result: HotspotResult, method: 'counts' | 'density'): Data {
  const cells = result.cells.features.map((f) => f.properties);
  const values = cells.map((c) => (method === 'counts' ? c.count : c.density));
  const max = Math.max(1, ...values);
  const ticks = sqrtTicks(max);
  return {
    type: 'choropleth',
    name: METHOD_LABELS[method],
    geojson: result.cells as unknown as object,
    featureidkey: 'properties.id',
    locations: cells.map((c) => c.id),
    z: values.map((v) => Math.sqrt(v)),
    zmin: 0,
    zmax: Math.sqrt(max),
    text: cells.map(hoverText),
    hovertemplate: '%{text}<extra></extra>',
    colorscale: HEAT,
    showscale: true,
    colorbar: {
      title: { text: method === 'counts' ? 'Incidents per cell' : 'Incidents per km²', side: 'right' },
      tickvals: ticks.map(Math.sqrt),
      ticktext: ticks.map((t) => number(t)),
      len: 0.6,
      thickness: 14,
      // Beside the map, as the Gi* legend is: over it, it would hide cells.
      x: 1.02,
      xanchor: 'left',
    },
    marker: { line: { color: 'rgba(90,98,115,0.35)', width: 0.3 } },
  } as unknown as Data;
}

function binTraces(result: HotspotResult): Data[] {
  const features = result.cells.features;
  return BIN_STYLE.map(({ bin, colour }) => {
    const inBin = features.filter((f) => f.properties.bin === bin);
    const label = inBin[0]?.properties.label ?? '';
    return {
      type: 'choropleth',
      name: `${label} (${formatCount(inBin.length)})`,
      // Only this bin's cells: Plotly walks every trace's GeoJSON whole as it draws.
      geojson: { type: 'FeatureCollection', features: inBin },
      featureidkey: 'properties.id',
      locations: inBin.map((f) => f.properties.id),
      z: inBin.map(() => 1),
      text: inBin.map((f) => hoverText(f.properties)),
      hovertemplate: '%{text}<extra></extra>',
      colorscale: [
        [0, colour],
        [1, colour],
      ],
      showscale: false,
      showlegend: inBin.length > 0,
      marker: { line: { color: 'rgba(90,98,115,0.35)', width: 0.3 } },
    } as unknown as Data;
  });
}

/** The line under the map: source, period, method and its parameters, and the snap-point caveat. */
export function hotspotNote(result: HotspotResult, method: HotspotMethod): string {
  const p = result.parameters;
  const how =
    method === 'counts'
      ? `Incidents counted in hexagons ${number(p.cell)} m across; colour on a square-root scale.`
      : method === 'density'
        ? `${p.kernel} Evaluated at each ${number(p.cell)} m hexagon's centre; colour on a square-root scale.`
        : `Gi* on ${number(p.cell)} m hexagons (each cell with its six neighbours); ` +
          (p.correction === 'fdr'
            ? 'significance corrected for multiple testing (Benjamini–Hochberg false discovery rate).'
            : 'no correction for multiple testing.');
  return (
    `Source: ${result.dataset.name}, ${monthRange(result.span.from, result.span.to)}; ` +
    `${formatCount(result.summary.points)} incidents in ${formatCount(result.summary.cells)} cells. ${how} ` +
    'police.uk points are anonymised to snap points, which can create false hotspots.'
  );
}

export function hotspotFigure(result: HotspotResult, method: HotspotMethod, title: string, height = 680): PivotFigure {
  const data: Data[] = method === 'gistar' ? binTraces(result) : [heatTrace(result, method)];
  if (result.outlines.wards.features.length) data.push(outlineTrace(result.outlines.wards, 'Ward boundaries', '#4a5263', 0.7));
  if (result.outlines.boroughs.features.length) data.push(outlineTrace(result.outlines.boroughs, 'Borough boundaries', '#111620', 2.2));
  const note = hotspotNote(result, method);
  const legend = method === 'gistar' ? 'Gi* class (confidence)' : '';
  const layout = mapLayout(title, wrapNote(note), legend, height, result.bbox);
  return { kind: 'bar', title, sourceNote: note, caveat: null, data, layout };
}
