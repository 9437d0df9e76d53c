/**
 * The Assessment's charts as Plotly figures: pure data in, pure data out (no DOM), like
 * the pivot's. This year against last year by month, with the two-year average; and the
 * rolling 12-month total. Last year is muted and dashed, this year strong and solid, so the
 * two read apart in greyscale print too.
 */
import type { Annotations, Data, Layout } from 'plotly.js';
import type { Findings } from '../../shared/findings';
import { titleFileName } from '../../shared/fileNames';
import { formatCount } from '../format/numbers';
import { FONT_FAMILY, MARKERS_UP_TO, type PivotFigure } from './figure';
import { MUTED, YEAR_STYLES } from './palette';

const { previous: LAST_YEAR, current: THIS_YEAR, average: AVERAGE, total: ROLLING } = YEAR_STYLES;

/** "Source: MPS borough counts, older category scheme; population: GLA estimates 2016, 2017." */
export function findingsSourceNote(f: Findings): string {
  return `Source: ${f.dataset.name}.`;
}

function layout(title: string, note: string, valueAxis: string, angled: boolean): Partial<Layout> {
  const annotations: Partial<Annotations>[] = [
    {
      text: note.length <= 90 ? note : note.replace(/, /, ',<br>'),
      xref: 'paper',
      yref: 'paper',
      x: 0,
      y: 0,
      xanchor: 'left',
      yanchor: 'top',
      yshift: angled ? -84 : -52,
      showarrow: false,
      font: { size: 11, color: '#4a5263' },
      align: 'left',
    },
  ];
  return {
    title: { text: title, x: 0, xanchor: 'left', xref: 'paper', font: { size: 15, color: '#1d2330' } },
    font: { family: FONT_FAMILY, size: 12, color: '#1d2330' },
    separators: '.,',
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    // Fixed margins, not Plotly's automargin, which redraws the chart until its labels fit.
    margin: { l: 80, r: 20, t: 84, b: angled ? 124 : 92 },
    showlegend: true,
    legend: { orientation: 'h', x: 0, y: 1.01, xanchor: 'left', yanchor: 'bottom', font: { size: 11 } },
    annotations,
    hovermode: 'closest',
    xaxis: { type: 'category', automargin: false, tickangle: angled ? -45 : 0 },
    yaxis: {
      title: { text: valueAxis },
      tickformat: ',d',
      // From zero, always: an axis starting at 1,050 makes a 10% swing look like a collapse.
      rangemode: 'tozero',
      gridcolor: '#e3e6eb',
      zeroline: true,
      zerolinecolor: MUTED,
      automargin: false,
      // Plotly's default ('hide past div') measures every tick label again as it places each one.
      ticklabeloverflow: 'allow',
    },
    height: 400,
  };
}

/** This year against last year, month by month, with the two-year monthly average as a flat line. */
export function monthsFigure(f: Findings): PivotFigure {
  const rows = f.months.rows;
  const names = rows.map((r) => r.label.slice(0, 3));
  const title = `${f.category.label} in ${f.area.name} by month: ${f.years.current} against ${f.years.previous}`;
  const note = findingsSourceNote(f);
  const text = (v: (number | null)[]) => v.map((x) => (x === null ? '–' : formatCount(x)));
  const previous = rows.map((r) => r.previous);
  const current = rows.map((r) => r.current);
  const average = f.months.seasonality.average;
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: f.years.previous,
      x: names,
      y: previous,
      text: text(previous),
      line: { color: LAST_YEAR.colour, dash: LAST_YEAR.dash, width: 2.5 },
      marker: { symbol: LAST_YEAR.marker, size: 7, color: LAST_YEAR.colour },
      hovertemplate: `${f.years.previous}, %{x}: %{text}<extra></extra>`,
    },
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: f.years.current,
      x: names,
      y: current,
      text: text(current),
      line: { color: THIS_YEAR.colour, dash: THIS_YEAR.dash, width: 3 },
      marker: { symbol: THIS_YEAR.marker, size: 8, color: THIS_YEAR.colour },
      hovertemplate: `${f.years.current}, %{x}: %{text}<extra></extra>`,
    },
  ];
  if (average !== null && Number.isFinite(average))
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: `Two-year monthly average (${formatCount(Math.round(average))})`,
      x: names,
      y: names.map(() => average),
      line: { color: AVERAGE.colour, dash: AVERAGE.dash, width: 2 },
      hoverinfo: 'skip',
    });
  return {
    kind: 'line',
    title,
    sourceNote: note,
    caveat: null,
    data,
    // The crime type is in the title: an axis title as long as "VIOLENCE AGAINST THE PERSON
    // (crimes)" would run past the ends of the axis.
    layout: layout(title, note, 'Crimes in the month', false),
  };
}

/** For every month, the total of the 12 months ending there. */
export function rollingFigure(f: Findings): PivotFigure {
  const points = f.rollingYear.points;
  const title = `${f.category.label} in ${f.area.name}: rolling 12-month total`;
  const note = findingsSourceNote(f);
  const data: Data[] = [
    {
      type: 'scatter',
      name: '12 months to the month shown',
      mode: points.length > MARKERS_UP_TO ? 'lines' : 'lines+markers',
      x: points.map((p) => p.label),
      y: points.map((p) => p.total),
      text: points.map((p) => (p.total === null ? '–' : formatCount(p.total))),
      line: { color: ROLLING.colour, width: 3 },
      marker: { symbol: ROLLING.marker, size: 6, color: ROLLING.colour },
      hovertemplate: `12 months to %{x}: %{text}<extra></extra>`,
    },
  ];
  const l = layout(title, note, 'Crimes in the 12 months', points.length > 12);
  l.showlegend = false;
  return { kind: 'line', title, sourceNote: note, caveat: null, data, layout: l };
}

/** A chart's file name from its title: "burglary-in-harrow-by-month-2017-against-2016". */
export const chartFileName = titleFileName;
