/**
 * A ward heat map drawn as an SVG picture by the engine itself, for the assessment pack: the
 * engine's own classed GeoJSON (`geo/choropleth`) on the same Mercator projection and with
 * the same class colours, legend labels, title and source line as the Assessment's map on
 * screen. A map is only shapes and a few lines of text, so unlike the pack's line and bar
 * charts it needs no browser to draw, and the command line's pack holds it too.
 *
 * Drawn for print: an A4 page wide (1,240 CSS pixels; the PNG is twice that), lettering as
 * large as the other pack charts', and readable in greyscale (the classes are blues that
 * keep their order in grey; areas with no figure are hatched, so they never pass for a class).
 */
import type { AreaGeometry, ChoroplethResult, Position } from '../../shared/geo';
import { counted } from '../../shared/counted';
import { mapClassColours, NO_DATA } from '../../shared/mapColours';
import { MEASURE_UNITS } from '../../shared/pivotWords';
import { formatValue } from '../geo/legend';
import { simplifyShapes, toleranceFor } from '../geo/simplify';
import { escapeHtml as xml } from './html/escape';
import { labelPoint, type PixelRing } from './mapLabels';

export const MAP_WIDTH = 1240;
export const MAP_SCALE = 2;

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const INK = '#1d2330';
const MUTED = '#4a5263';
const SMALL_MARK = '#a4262c';
const MARGIN = 40;
const LEGEND_X = 880;
const PLOT = { width: LEGEND_X - MARGIN - 30, maxHeight: 820, minHeight: 420 };
const TITLE_LINE = 32;
const NOTE_LINE = 21;
const LEGEND_ROW = 38;
const LABEL_SIZE = 17;
/** About how wide a character of a ward's name is, in pixels. */
const LABEL_CHAR = 8.6;

/** Splits text into lines of at most `max` characters, at spaces. */
export function lines(text: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** Web Mercator, as the screen's map (Plotly's geo with a mercator projection) draws it. */
const mercator = ([lon, lat]: Position): [number, number] => [
  (lon * Math.PI) / 180,
  Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)),
];

interface Frame {
  x0: number;
  y1: number;
  k: number;
  left: number;
  top: number;
}

/** A shape's rings in the picture's pixels. */
function pixelRings(g: AreaGeometry, f: Frame): PixelRing[] {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  return rings.map((ring) =>
    ring.map((p): [number, number] => {
      const [x, y] = mercator(p);
      return [(x - f.x0) * f.k + f.left, (f.y1 - y) * f.k + f.top];
    }),
  );
}

const pathOf = (rings: PixelRing[]) =>
  rings.map((r) => `M${r.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join('L')}Z`).join('');

/**
 * A ward's name where it fits best inside it, on two lines if it is wide for its ward, with a
 * white halo so it reads on the darkest class; a small count's "*" after it, as on screen.
 */
function areaLabel(rings: PixelRing[], name: string, small: boolean): string {
  const at = labelPoint(rings);
  if (!at) return '';
  const words = name.split(' ');
  const cut = Math.ceil(words.length / 2);
  const two = name.length * LABEL_CHAR > at.width && words.length > 1;
  const rows = two ? [words.slice(0, cut).join(' '), words.slice(cut).join(' ')] : [name];
  const x = Math.round(at.x);
  const y0 = Math.round(at.y + 4 - ((rows.length - 1) * LABEL_SIZE) / 2);
  const tspans = rows.map(
    (r, i) =>
      `<tspan x="${x}" y="${y0 + i * LABEL_SIZE}">${xml(r)}${
        small && i === rows.length - 1 ? `<tspan fill="${SMALL_MARK}" font-weight="bold"> *</tspan>` : ''
      }</tspan>`,
  );
  return `<text font-size="${LABEL_SIZE - 1}" fill="${INK}" text-anchor="middle" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${tspans.join('')}</text>`;
}

const text = (x: number, y: number, size: number, fill: string, body: string, extra = '') =>
  `<text x="${x}" y="${y}" font-size="${size}" fill="${fill}"${extra}>${xml(body)}</text>`;

interface LegendEntry {
  swatch: string;
  label: string;
}

function legendEntries(map: ChoroplethResult, colours: string[], hatch: string): LegendEntry[] {
  const rect = (fill: string) =>
    `<rect width="34" height="22" fill="${fill}" stroke="${MUTED}" stroke-width="0.8"/>`;
  const features = map.features.features;
  const entries = map.legend.classes.map((c, i) => ({
    swatch: rect(colours[i]!),
    label: `${c.label} (${counted(c.areas, 'area')})`,
  }));
  const noFigure = features.filter((f) => f.properties.classIndex === null).length;
  if (noFigure) entries.push({ swatch: rect(hatch), label: `No figure (${counted(noFigure, 'area')})` });
  if (map.outlines && map.level === 'ward')
    entries.push({
      swatch: `<line x1="0" y1="11" x2="34" y2="11" stroke="${INK}" stroke-width="2.4"/>`,
      label: 'Borough boundary',
    });
  if (map.legend.small)
    entries.push({
      swatch: text(17, 20, 26, SMALL_MARK, '*', ' text-anchor="middle" font-weight="bold"'),
      label: 'Small count (fewer than 10)',
    });
  return entries;
}

/** The map's source line, word for word as the screen's map shows it. */
export function mapSourceNote(map: ChoroplethResult, span: string): string {
  return `Source: ${map.dataset.name}, ${span}. ${
    map.legend.small ? '* Small count: fewer than 10 crimes. ' : ''
  }Classes: ${map.legend.method === 'quantile' ? 'quantiles' : 'natural breaks'}.`;
}

/** The picture's size in CSS pixels (the PNG is `MAP_SCALE` times it). */
export interface MapPicture {
  svg: string;
  /** The same picture to place in an HTML page: as wide as its column, its height following. */
  inline: string;
  width: number;
  height: number;
}

/** `id` keeps the picture's own ids apart from another map's on one HTML page. */
export function mapSvg(map: ChoroplethResult, title: string, note: string, id = 'map'): MapPicture {
  const hatch = `${id}-no-figure`;
  const bbox = map.bbox;
  if (!bbox) throw new Error('A map with no shapes cannot be drawn.');
  const titleLines = lines(title, 70);
  const noteLines = lines(note, 120);
  const colours = mapClassColours(map.measure, map.legend.classes);
  const entries = legendEntries(map, colours, `url(#${hatch})`);

  // Fit the borough into the plot, keeping its shape; tall enough for the legend beside it.
  const [x0, y0] = mercator([bbox[0], bbox[1]]);
  const [x1, y1] = mercator([bbox[2], bbox[3]]);
  const k = Math.min(PLOT.width / (x1 - x0), PLOT.maxHeight / (y1 - y0));
  const top = MARGIN + titleLines.length * TITLE_LINE + 16;
  const mapHeight = (y1 - y0) * k;
  const legendHeight = 44 + entries.length * LEGEND_ROW;
  const plotHeight = Math.max(mapHeight, PLOT.minHeight, legendHeight);
  const frame: Frame = {
    x0,
    y1,
    k,
    left: MARGIN + (PLOT.width - (x1 - x0) * k) / 2,
    top: top + (plotHeight - mapHeight) / 2,
  };
  const noteTop = top + plotHeight + 36;
  const height = Math.ceil(noteTop + noteLines.length * NOTE_LINE + 16);

  // Simplified within half a pixel of the PNG (the stored boundaries keep their detail).
  const features = map.features.features;
  const outlines = map.level === 'ward' ? (map.outlines?.features ?? []) : [];
  const shapes = simplifyShapes(
    [...features, ...outlines].map((f) => f.geometry),
    toleranceFor(bbox, PLOT.width * MAP_SCALE, plotHeight * MAP_SCALE),
  );
  const rings = shapes.map((g) => pixelRings(g, frame));
  // Grey edges: darker than the light classes, lighter than the dark ones, so neighbouring
  // wards of one class stay apart in colour and in greyscale.
  const areas = features.map((f, i) => {
    const ci = f.properties.classIndex;
    const fill = ci === null ? `url(#${hatch})` : colours[ci]!;
    const label = `${f.properties.name}: ${f.properties.value === null ? 'no figure' : formatValue(map.measure, f.properties.value)}`;
    return `<path d="${pathOf(rings[i]!)}" fill="${fill}" fill-rule="evenodd" stroke="#7a8494" stroke-width="1"><title>${xml(label)}</title></path>`;
  });
  const borderLines = outlines.map(
    (_, i) =>
      `<path d="${pathOf(rings[features.length + i]!)}" fill="none" stroke="${INK}" stroke-width="2.4" stroke-linejoin="round"/>`,
  );
  // Printed, there is no hovering: each ward carries its name.
  const labels = features.map((f, i) => areaLabel(rings[i]!, f.properties.name, f.properties.small));
  const legend = [
    text(LEGEND_X, top + 20, 20, INK, MEASURE_UNITS[map.measure], ' font-weight="bold"'),
    ...entries.map(
      (e, i) =>
        `<g transform="translate(${LEGEND_X} ${top + 40 + i * LEGEND_ROW})">${e.swatch}${text(46, 18, 18, INK, e.label)}</g>`,
    ),
  ];
  const root = (size: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" ${size} viewBox="0 0 ${MAP_WIDTH} ${height}" font-family="${xml(FONT)}" role="img" aria-label="${xml(title)}">`;
  const body = [
    `<title>${xml(title)}</title>`,
    `<defs><pattern id="${hatch}" width="10" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="10" height="10" fill="${NO_DATA}"/><line x1="0" y1="0" x2="0" y2="10" stroke="#7a7a7a" stroke-width="2"/></pattern></defs>`,
    `<rect width="${MAP_WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...titleLines.map((t, i) => text(MARGIN, MARGIN + 20 + i * TITLE_LINE, 24, INK, t)),
    `<g class="areas">${areas.join('')}</g>`,
    `<g class="boundaries">${borderLines.join('')}</g>`,
    `<g class="labels">${labels.join('')}</g>`,
    `<g class="legend">${legend.join('')}</g>`,
    ...noteLines.map((t, i) => text(MARGIN, noteTop + i * NOTE_LINE, 15, MUTED, t)),
    '</svg>',
  ].join('\n');
  return {
    width: MAP_WIDTH,
    height,
    svg: `${root(`width="${MAP_WIDTH}" height="${height}"`)}\n${body}`,
    inline: `${root('width="100%"')}\n${body}`,
  };
}
