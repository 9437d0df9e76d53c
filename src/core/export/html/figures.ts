/**
 * Chart data as Plotly figures for the HTML report: plain JSON, no Plotly runtime here.
 * Last year muted and dashed, this year strong, the average dotted: the chart still reads
 * printed in greyscale. Long names (wards, boroughs) get horizontal bars.
 */
import type { ChartData, ChartSeries } from '../../../shared/export';
import { MUTED, YEAR_STYLES, type LineStyle } from '../../../shared/palette';
import { plotlyText } from './escape';

export interface PlotlyFigure {
  /** The id of the element the figure is drawn in. */
  target: string;
  id: string;
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
// The app's palette, so the report's charts match those drawn in the app (and pass its checks).
const STYLE: Record<ChartSeries['role'], LineStyle> = YEAR_STYLES;

/** A series name inside a hover template, where % { } are Plotly's own syntax. */
const hoverName = (name: string) => name.replace(/[%{}]/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function plotlyFigure(chart: ChartData, target: string): PlotlyFigure {
  const categories = chart.categories.map(plotlyText);
  const tick = chart.unit === 'rate' ? ',.2f' : ',d';
  const valueAxis = {
    title: { text: plotlyText(chart.valueAxis) },
    tickformat: tick,
    rangemode: 'tozero',
    gridcolor: '#E3E6EB',
    zerolinecolor: MUTED,
    automargin: true,
  };
  const categoryAxis = {
    type: 'category',
    title: { text: plotlyText(chart.categoryAxis) },
    automargin: true,
  };
  const horizontal = chart.kind === 'bar';
  const data = chart.series.map((s) => {
    const style = STYLE[s.role];
    const name = plotlyText(s.name);
    if (chart.kind === 'line') {
      return {
        type: 'scatter',
        mode: s.role === 'average' ? 'lines' : 'lines+markers',
        name,
        x: categories,
        y: s.values,
        line: { color: style.colour, dash: style.dash, width: s.role === 'average' ? 2 : 2.5 },
        marker: { symbol: style.marker, size: 7, color: style.colour },
        hovertemplate: `%{x}: %{y:${tick}}<extra>${hoverName(name)}</extra>`,
      };
    }
    return {
      type: 'bar',
      orientation: 'h',
      name,
      y: categories,
      x: s.values,
      marker: {
        color: style.colour,
        line: { color: '#1D2330', width: 0.5 },
        pattern: { shape: style.pattern, fgcolor: '#FFFFFF', size: 6 },
      },
      hovertemplate: `%{y}: %{x:${tick}}<extra>${hoverName(name)}</extra>`,
    };
  });
  const rows = chart.categories.length;
  const layout = {
    font: { family: FONT, size: 12, color: '#1D2330' },
    separators: '.,',
    paper_bgcolor: '#FFFFFF',
    plot_bgcolor: '#FFFFFF',
    autosize: true,
    margin: { l: 60, r: 20, t: 40, b: 60 },
    showlegend: chart.series.length > 1,
    legend: { orientation: 'h', x: 0, y: 1.02, xanchor: 'left', yanchor: 'bottom' },
    hovermode: 'closest',
    ...(horizontal
      ? {
          barmode: 'group',
          height: Math.max(320, 110 + rows * 12 * Math.max(chart.series.length, 2)),
          xaxis: valueAxis,
          yaxis: { ...categoryAxis, autorange: 'reversed', title: { text: '' } },
        }
      : { height: 380, xaxis: { ...categoryAxis, tickangle: rows > 12 ? -45 : 0 }, yaxis: valueAxis }),
  };
  return { target, id: chart.id, data, layout };
}
