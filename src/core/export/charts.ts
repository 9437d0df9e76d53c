/**
 * The assessment's charts as data, from the findings: this year against last by month,
 * the rolling-year trend, the ward ranking and the nearest neighbours. The HTML report
 * draws them with Plotly; the app will render the same data to PNG and SVG, so a chart
 * can never show a figure the tables do not.
 */
import type { ChartData, ReportSource } from '../../shared/export';
import type { Findings } from '../../shared/findings';
import { monthSpanText } from './words';

/** "burglary-residential" from "Burglary - Residential": safe in a file name on every system. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'category';
}

export function chartSourceNote(source: ReportSource): string {
  const span = source.months ? `, ${monthSpanText(source.months.first, source.months.last)}` : '';
  const pops = source.populations ? `; populations ${source.populations.years.join(' and ')}` : '';
  return `Source: ${source.dataset.name}${span}${pops}. Made with Wardlens.`;
}

/** The charts of one category's findings; `prefix` keeps ids unique across categories. */
export function findingsCharts(f: Findings, source: ReportSource, prefix: string): ChartData[] {
  const note = chartSourceNote(source);
  const what = `${f.category.label} in ${f.area.name}`;
  const { previous, current } = f.years;
  const charts: ChartData[] = [];

  const season = f.months.seasonality;
  charts.push({
    id: `${prefix}-months`,
    kind: 'line',
    title: `${what}: ${current} against ${previous}, by month`,
    sourceNote: note,
    categories: f.months.rows.map((r, i) => season.months[i]?.name ?? r.label),
    categoryAxis: 'Month',
    valueAxis: 'Offences',
    unit: 'count',
    series: [
      { name: previous, role: 'previous', values: f.months.rows.map((r) => r.previous) },
      { name: current, role: 'current', values: f.months.rows.map((r) => r.current) },
      ...(season.average !== null
        ? [
            {
              name: 'Two-year monthly average',
              role: 'average' as const,
              values: f.months.rows.map(() => season.average),
            },
          ]
        : []),
    ],
    notes: season.missing.length ? [`The data lacks ${season.missing.length} of the 24 months.`] : [],
  });

  const missingTotals = f.rollingYear.points.filter((p) => p.total === null).length;
  charts.push({
    id: `${prefix}-rolling-year`,
    kind: 'line',
    title: `${what}: rolling 12-month totals`,
    sourceNote: note,
    categories: f.rollingYear.points.map((p) => p.label),
    categoryAxis: '12 months to',
    valueAxis: 'Offences in the 12 months to each month',
    unit: 'count',
    series: [{ name: '12-month total', role: 'total', values: f.rollingYear.points.map((p) => p.total) }],
    notes: [
      ...f.rollingYear.sentences,
      ...(missingTotals
        ? [`The data does not reach back far enough for ${missingTotals} of the 24 rolling totals.`]
        : []),
    ],
  });

  if (f.wards) {
    charts.push({
      id: `${prefix}-wards`,
      kind: 'bar',
      title: `${what}: wards ranked by ${current} offences`,
      sourceNote: note,
      categories: f.wards.rows.map((w) => w.name),
      categoryAxis: 'Ward',
      valueAxis: 'Offences',
      unit: 'count',
      series: [
        { name: previous, role: 'previous', values: f.wards.rows.map((w) => w.previous) },
        { name: current, role: 'current', values: f.wards.rows.map((w) => w.current) },
      ],
      notes: [],
    });
  }

  if (f.neighbours) {
    const rows = [...f.neighbours.rows, ...(f.neighbours.london ? [f.neighbours.london] : [])];
    const rates = rows.some((r) => r.currentRate !== null);
    charts.push({
      id: `${prefix}-neighbours`,
      kind: 'bar',
      title: `${f.category.label}: ${f.area.name} and its nearest neighbours, ${rates ? 'rate per 1,000 residents' : 'offences'}`,
      sourceNote: note,
      categories: rows.map((r) => r.name),
      categoryAxis: 'Borough',
      valueAxis: rates ? 'Offences per 1,000 residents' : 'Offences',
      unit: rates ? 'rate' : 'count',
      series: [
        { name: previous, role: 'previous', values: rows.map((r) => (rates ? r.previousRate : r.previous)) },
        { name: current, role: 'current', values: rows.map((r) => (rates ? r.currentRate : r.current)) },
      ],
      notes: rates ? [] : ['No population figures: the chart compares offence counts, not rates.'],
    });
  }
  return charts;
}
