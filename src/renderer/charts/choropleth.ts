/**
 * A ward or borough heat map as a Plotly figure: pure data in, pure data out. Drawn from the
 * workspace's own GeoJSON with a `choropleth` trace on a geo with no base map at all — no
 * tiles, no topojson, nothing fetched — classed by the engine's legend, small counts hatched
 * by a second marker layer, borough outlines over ward fills; changes on a scale diverging from zero.
 */
import type { Data } from 'plotly.js';
import type { ChoroplethResult } from '../../shared/geo';
import { counted } from '../../shared/counted';
import { mapClassColours, NO_DATA } from '../../shared/mapColours';
import { formatCount, formatMeasure } from '../format/numbers';
import { monthRange } from '../format/months';
import type { PivotFigure } from './figure';
import { MEASURE_UNITS } from './labels';
import { boxCentre, mapLayout, outlineTrace, wrapNote } from './mapLayers';

/** Each class's colour (one palette for the screen's maps and the pack's map images). */
export const classColours = mapClassColours;

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
          // As the map's table and the Pivot mark it: a change that chance alone could give.
          (f.properties.value !== null && f.properties.notSignificant ? ' ~ not significant' : '') +
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
