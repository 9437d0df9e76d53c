/**
 * A pack chart as a stand-alone picture for the Word report: the report's own Plotly figure
 * (so the image can never differ from the chart in the HTML), with its title and source
 * note drawn in, at a fixed size. 1,240 CSS pixels drawn at twice the resolution is
 * 2,480 pixels: an A4 page's width at 300 dpi. The lettering is larger than on screen so
 * that it still reads at about 9 pt when the picture is printed a page wide.
 */
import { createHash } from 'node:crypto';
import type { ChartData, PackChart } from '../../../shared/export';
import { plotlyText } from './escape';
import { plotlyFigure } from './figures';

/** CSS pixels; × SCALE = 2,480 px = 210 mm at 300 dpi. */
export const IMAGE_WIDTH = 1240;
export const IMAGE_SCALE = 2;
const TITLE_ROOM = 120;
const NOTE_ROOM = 50;

/** Splits a long line at a space near the middle, so it fits across the picture. */
function wrapped(text: string, max: number): string {
  if (text.length <= max) return plotlyText(text);
  const cut = text.lastIndexOf(' ', Math.min(text.length - 1, max));
  if (cut <= 0) return plotlyText(text);
  return `${plotlyText(text.slice(0, cut))}<br>${wrapped(text.slice(cut + 1), max)}`;
}

export function imageFigure(chart: ChartData): PackChart {
  const base = plotlyFigure(chart, `image-${chart.id}`);
  const layout = base.layout as Record<string, unknown> & { height: number };
  const note = [chart.sourceNote, ...chart.notes].join(' ');
  const noteLines = wrapped(note, 140).split('<br>').length;

  // Room below the plot for the tick labels and axis title (slanted month labels need more), then the note.
  const axisRoom = chart.kind === 'line' && chart.categories.length > 12 ? 130 : 90;
  const noteRoom = NOTE_ROOM + 20 * (noteLines - 1);
  const height = layout.height + TITLE_ROOM + noteRoom;
  const drawn: Omit<PackChart, 'fingerprint'> = {
    chart,
    width: IMAGE_WIDTH,
    height,
    scale: IMAGE_SCALE,
    figure: {
      data: base.data,
      layout: {
        ...layout,
        font: { ...(layout.font as object), size: 17 },
        autosize: false,
        width: IMAGE_WIDTH,
        height,
        margin: { l: 80, r: 40, t: TITLE_ROOM, b: axisRoom + noteRoom },
        title: {
          text: wrapped(chart.title, 90),
          x: 0,
          xref: 'paper',
          xanchor: 'left',
          y: 1,
          yref: 'container',
          yanchor: 'top',
          pad: { t: 20 },
          font: { size: 24, color: '#1D2330' },
        },
        annotations: [
          {
            text: wrapped(note, 140),
            xref: 'paper',
            yref: 'paper',
            x: 0,
            y: 0,
            xanchor: 'left',
            yanchor: 'top',
            yshift: -axisRoom,
            align: 'left',
            showarrow: false,
            font: { size: 15, color: '#4A5263' },
          },
        ],
      },
    },
  };
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([drawn.figure, drawn.width, drawn.height, drawn.scale]))
    .digest('hex');
  return { ...drawn, fingerprint };
}
