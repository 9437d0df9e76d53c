/**
 * The assessment pack's chart images, drawn here because the engine has no browser: each
 * figure the engine prepared (`export/pack-charts`) is drawn off-screen by Plotly, once as
 * a PNG at print resolution (an A4 page's width at 300 dpi) and once as an SVG, and the
 * images go back to the engine with the pack request, which checks and writes them. The ward
 * maps come drawn already, as the engine's SVG: they only need a PNG (packMapImages).
 */
import type { Data, Layout } from 'plotly.js';
import type { ChartImage, MapImage, PackChart, PackChartsResult } from '../../shared/export';
import { drawMapImages } from './packMapImages';
import { loadPlotly, type PlotlyModule } from './plotlyRuntime';

/** Plotly's image options, with the two its typings leave out. */
interface ImageOptions {
  format: 'png' | 'svg';
  width: number;
  height: number;
  scale: number;
  imageDataOnly: true;
}

/** Draws one chart both ways; Plotly makes (and removes) its own hidden element for a figure object. */
async function drawChart(P: PlotlyModule, c: PackChart): Promise<ChartImage> {
  const figure = { data: c.figure.data as Data[], layout: c.figure.layout as Partial<Layout> };
  const draw = (format: 'png' | 'svg', scale: number) =>
    P.toImage(figure, {
      format,
      width: c.width,
      height: c.height,
      scale,
      imageDataOnly: true,
    } as ImageOptions as never);
  const pngBase64 = await draw('png', c.scale);
  const svg = await draw('svg', 1);
  return { id: c.chart.id, fingerprint: c.fingerprint, pngBase64: stripPrefix(pngBase64), svg: svgText(svg) };
}

/** With imageDataOnly Plotly gives bare data; older builds still prefix it, so take it off if there. */
function stripPrefix(data: string): string {
  return data.startsWith('data:') ? data.slice(data.indexOf(',') + 1) : data;
}

function svgText(data: string): string {
  if (!data.startsWith('data:')) return data;
  const body = data.slice(data.indexOf(',') + 1);
  return data.slice(0, data.indexOf(',')).endsWith(';base64')
    ? new TextDecoder().decode(Uint8Array.from(atob(body), (ch) => ch.charCodeAt(0)))
    : decodeURIComponent(body);
}

/** Every chart in turn (one at a time keeps memory low), reporting after each. */
export async function drawPackImages(
  charts: PackChart[],
  onDrawn?: (done: number, total: number) => void,
): Promise<ChartImage[]> {
  // The pack's charts are lines and bars: the basic bundle draws them.
  const P = await loadPlotly('charts');
  const images: ChartImage[] = [];
  for (const c of charts) {
    images.push(await drawChart(P, c));
    onDrawn?.(images.length, charts.length);
  }
  return images;
}

/** The pack's charts (drawn by Plotly) and its ward maps (PNGs of the engine's SVGs), counted as one list. */
export async function drawPackPictures(
  prepared: PackChartsResult,
  onDrawn?: (done: number, total: number) => void,
): Promise<{ images: ChartImage[]; mapImages: MapImage[] }> {
  const maps = prepared.maps ?? [];
  const total = prepared.charts.length + maps.length;
  const images = await drawPackImages(prepared.charts, (n) => onDrawn?.(n, total));
  const mapImages = await drawMapImages(maps, (n) => onDrawn?.(images.length + n, total));
  return { images, mapImages };
}
