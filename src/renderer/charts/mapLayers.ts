/**
 * What every Wardlens map shares: a Plotly geo with no base map at all (no tiles, no
 * topojson, nothing fetched — PlotlyChart hands Plotly an empty world), the source line under
 * it, and boundary outlines drawn as transparent shapes with dark edges over the fills.
 */
import type { Data, Layout } from 'plotly.js';
import type { AreaGeometry, BBox, FeatureCollection } from '../../shared/geo';
import { FONT_FAMILY } from './figure';

export type Outlines = FeatureCollection<{ code: string; name: string }>;

/** Boundary lines only: no fill, no hover, so the cells or wards beneath keep their hover text. */
export function outlineTrace(outlines: Outlines, name: string, colour: string, width: number): Data {
  return {
    type: 'choropleth',
    name,
    geojson: outlines as unknown as object,
    featureidkey: 'properties.code',
    locations: outlines.features.map((f) => f.properties.code),
    z: outlines.features.map(() => 0),
    colorscale: [
      [0, 'rgba(0,0,0,0)'],
      [1, 'rgba(0,0,0,0)'],
    ],
    showscale: false,
    showlegend: false,
    hoverinfo: 'skip',
    marker: { line: { color: colour, width } },
  } as unknown as Data;
}

/**
 * The layout of an offline map: title at the top left, the legend to the right of the map, the
 * source note under it. With
 * `frame` the map shows that box (outlines reaching beyond it are cut at its edge); without,
 * it fits everything drawn.
 */
export function mapLayout(title: string, note: string, legendTitle: string, height = 620, frame?: BBox | null): Partial<Layout> {
  const pad = frame ? Math.max(frame[2] - frame[0], frame[3] - frame[1]) * 0.03 : 0;
  const range = frame
    ? { fitbounds: false, lonaxis: { range: [frame[0] - pad, frame[2] + pad] }, lataxis: { range: [frame[1] - pad, frame[3] + pad] } }
    : { fitbounds: 'locations' };
  return {
    title: { text: title, x: 0, xanchor: 'left', xref: 'paper', font: { size: 15, color: '#1d2330' } },
    font: { family: FONT_FAMILY, size: 12, color: '#1d2330' },
    paper_bgcolor: '#ffffff',
    margin: { l: 10, r: 10, t: 56, b: 72 },
    geo: {
      visible: false,
      ...range,
      projection: { type: 'mercator' },
      showland: false,
      showcoastlines: false,
      showcountries: false,
      showlakes: false,
      showocean: false,
      showrivers: false,
      showframe: false,
      bgcolor: '#ffffff',
    } as Partial<Layout['geo']>,
    // The legend beside the map, never over it: laid over the plot it hid the map's frame and
    // the areas in its corner (PlotlyChart widens the right margin to fit it; so does Plotly
    // in an exported image). No legend title, no legend: a colour bar says it all.
    showlegend: legendTitle !== '',
    legend: {
      x: 1.02,
      xanchor: 'left',
      y: 1,
      yanchor: 'top',
      title: { text: legendTitle },
    },
    annotations: [
      {
        text: note,
        xref: 'paper',
        yref: 'paper',
        x: 0,
        y: 0,
        xanchor: 'left',
        yanchor: 'top',
        yshift: -18,
        showarrow: false,
        font: { size: 11, color: '#4a5263' },
        align: 'left',
      },
    ],
    height,
  };
}

/** The middle of a polygon's bounding box: good enough for a small mark or a label. */
export function boxCentre(g: AreaGeometry): [number, number] {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings)
    for (const [x, y] of ring) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  return [(x0 + x1) / 2, (y0 + y1) / 2];
}

/** Breaks a long source note into lines Plotly can show under a map (it does not wrap text). */
export function wrapNote(text: string, width = 150): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('<br>');
}
