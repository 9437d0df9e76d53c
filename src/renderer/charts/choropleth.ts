/**
 * A ward or borough heat map as a Plotly figure: pure data in, pure data out. Drawn from the
 * workspace's own GeoJSON with a `choropleth` trace on a geo with no base map at all — no
 * tiles, no topojson, nothing fetched — classed by the engine's legend, small counts hatched
 * by a second marker layer, borough outlines over ward fills; changes on a scale diverging from zero.
 */
import type { Data } from 'plotly.js';
import type { ChoroplethResult } from '../../shared/geo';
import { counted } from '../../shared/counted';
import type { Measure } from '../../shared/pivot';
import { formatCount, formatMeasure } from '../format/numbers';
import { monthRange } from '../format/months';
import type { PivotFigure } from './figure';
import { MEASURE_UNITS } from './labels';
import { boxCentre, mapLayout, outlineTrace, wrapNote } from './mapLayers';

/** Light to dark blues that stay in order in greyscale; grey for no figure. */
const SEQUENTIAL = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c', '#08306b', '#041c40'];
const NO_DATA = '#d9d9d9';
/**
 * For changes, ColorBrewer's red–blue (safe for the common colour-blindnesses): falls in blues,
 * rises in reds, each darker further from zero (nearest zero first), a class across zero white.
 */
const FALLS = ['#d1e5f0', '#92c5de', '#4393c3', '#2166ac', '#053061'];
const RISES = ['#fddbc7', '#f4a582', '#d6604d', '#b2182b', '#67001f'];
const NO_CHANGE = '#f7f7f7';
const CHANGES = new Set<Measure>(['change', 'pct-change', 'rate-change']);

/** Each class's colour: light to dark for a level, diverging from zero for a change. */
export function classColours(measure: Measure, classes: { from: number; to: number }[]): string[] {
  if (!CHANGES.has(measure)) return classes.map((_, i) => SEQUENTIAL[Math.min(i, SEQUENTIAL.length - 1)]!);
  const falls = classes.filter((c) => c.to < 0).length;
  let rises = 0;
  return classes.map((c, i) => {
    if (c.to < 0) return FALLS[Math.min(falls - 1 - i, FALLS.length - 1)]!;
    if (c.from > 0) return RISES[Math.min(rises++, RISES.length - 1)]!;
    return NO_CHANGE;
  });
}

export function choroplethFigure(map: ChoroplethResult, title: string, height = 620): PivotFigure {
  const features = map.features.features;
  const classes = map.legend.classes;
  const colours = classColours(map.measure, classes);
  const note = `Source: ${map.dataset.name}, ${monthRange(map.span.from, map.span.to)}. ${
    map.legend.small ? '* Small count: fewer than 10 crimes. ' : ''
  }Classes: ${map.legend.method === 'quantile' ? 'quantiles' : 'natural breaks'}.`;
  // One trace per class, so the legend shows each class's edges as the engine gives them. Each
  // carries only its own areas' shapes: Plotly walks every trace's GeoJSON whole as it draws.
  const data: Data[] = [...classes.map((_, i) => i), null].map((ci) => {
    const inClass = features.filter((f) => f.properties.classIndex === ci);
    const label = `${ci === null ? 'No figure' : classes[ci]!.label} (${counted(ci === null ? inClass.length : classes[ci]!.areas, 'area')})`;
    return {
      type: 'choropleth',
      name: label,
      geojson: { type: 'FeatureCollection', features: inClass },
      featureidkey: 'properties.code',
      locations: inClass.map((f) => f.properties.code),
      z: inClass.map(() => 1),
      text: inClass.map(
        (f) =>
          `${f.properties.name}${f.properties.borough && map.level === 'ward' ? ` (${f.properties.borough})` : ''}: ` +
          `${formatMeasure(map.measure, f.properties.value)}${f.properties.small ? ' *small count' : ''}` +
          (map.measure !== 'count' && f.properties.count !== null
            ? `<br>Crimes: ${formatCount(f.properties.count)}`
            : '') +
          (f.properties.reason ? `<br>${f.properties.reason}` : ''),
      ),
      hovertemplate: '%{text}<extra></extra>',
      colorscale: [
        [0, ci === null ? NO_DATA : colours[ci]!],
        [1, ci === null ? NO_DATA : colours[ci]!],
      ],
      showscale: false,
      showlegend: inClass.length > 0,
      marker: { line: { color: map.outlines ? '#9aa3b2' : '#4a5263', width: map.outlines ? 0.4 : 0.8 } },
    } as unknown as Data;
  });
  // Borough outlines over the ward fills: transparent fills, dark lines, no hover.
  if (map.outlines && map.level === 'ward') data.push(outlineTrace(map.outlines, 'Borough boundaries', '#1d2330', 1.8));
  // Small counts: a mark at each such area's label point, so they read without colour too.
  const small = features.filter((f) => f.properties.small);
  if (small.length)
    data.push({
      type: 'scattergeo',
      name: '* Small count (fewer than 10)',
      lon: small.map((f) => boxCentre(f.geometry)[0]),
      lat: small.map((f) => boxCentre(f.geometry)[1]),
      mode: 'text',
      text: small.map(() => '*'),
      textfont: { size: 16, color: '#a4262c' },
      hoverinfo: 'skip',
      // Explained in the source line under the map ("* Small count …"), not as an "Aa" legend entry.
      showlegend: false,
    } as unknown as Data);
  const layout = mapLayout(title, wrapNote(note), MEASURE_UNITS[map.measure], height);
  return { kind: 'bar', title, sourceNote: note, caveat: null, data, layout };
}
