/**
 * The assessment pack's report as one self-contained HTML file, in the standard block
 * order for each category: quick facts, findings text, charts, tables, caveats; then
 * methods and sources once. plotly.js is inlined and the page's CSP names no origin, so it
 * opens offline and makes no network request; it prints on A4.
 */
import type { ChartData, ReportSource, ReportTable } from '../../../shared/export';
import type { AreaFigures, Findings } from '../../../shared/findings';
import { changeTestText } from '../tableParts';
import { sourceLines } from '../sources';
import { methodLines } from '../methods';
import { dateText, formatFigure } from '../words';
import { escapeHtml, jsonForScript } from './escape';
import { plotlyFigure, type PlotlyFigure } from './figures';
import { contentSecurityPolicy, INIT_SCRIPT, plotlySource } from './plotly';
import { REPORT_CSS } from './style';
import { tableHtml } from './tables';

export interface ReportCategory {
  findings: Findings;
  anchor: string;
  tables: { block: string; table: ReportTable }[];
  charts: ChartData[];
  /** The ward heat map, as the pack's own SVG drawing of it (export/mapSvg), placed in the page as it is. */
  map?: { id: string; title: string; svg: string };
}

export interface ReportInput {
  title: string;
  subtitle: string;
  summary: ReportTable;
  categories: ReportCategory[];
  sources: ReportSource[];
  notes: string[];
  exportedAt: string;
  /** The pack holds each chart as PNG and SVG beside the report (charts/<id>.png, .svg). */
  images?: boolean;
}

const p = (text: string) => `<p>${escapeHtml(text)}</p>`;
const list = (items: string[]) =>
  items.length ? `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : '';

function factCards(q: AreaFigures, f: Findings): string {
  const { previous, current } = f.years;
  const card = (label: string, value: string, detail: string, words = false) =>
    `<li><span class="label">${escapeHtml(label)}</span><span class="value${words ? ' words' : ''}">${escapeHtml(value)}</span><span class="detail">${escapeHtml(detail)}</span></li>`;
  const pct = formatFigure({ kind: 'percent', value: q.percentChange.value, signed: true });
  const cards = [
    card(
      `Offences ${current}`,
      formatFigure({ kind: 'count', value: q.current }),
      `${previous}: ${formatFigure({ kind: 'count', value: q.previous })}`,
    ),
    q.flags.includes('incomplete')
      ? card('Change', '–', 'A year lacks months: the whole years are not compared')
      : card('Change', formatFigure({ kind: 'change', value: q.change }), `% change: ${pct}`),
  ];
  if (q.currentRate !== null) {
    cards.push(
      card(
        `Rate per 1,000 ${current}`,
        formatFigure({ kind: 'rate', value: q.currentRate }),
        `${previous}: ${formatFigure({ kind: 'rate', value: q.previousRate })}`,
      ),
      card(
        'Rate change',
        formatFigure({ kind: 'rate-change', value: q.rateChange }),
        'points per 1,000 residents',
      ),
    );
  }
  const test = changeTestText(q);
  cards.push(
    card('Is the change real?', test.replace(/ \(.*\)$/, ''), /\((.*)\)$/.exec(test)?.[1] ?? '', true),
  );
  return `<ul class="facts">${cards.join('')}</ul>`;
}

/** Links to a chart's files in the pack's charts folder: opened on a click, never loaded by the page. */
function chartFiles(id: string, images: boolean): string {
  const link = (ext: string, label: string) =>
    `<a href="charts/${encodeURIComponent(id)}.${ext}" download>${label}</a>`;
  const links = [
    ...(images ? [link('png', 'PNG image'), link('svg', 'SVG image')] : []),
    link('json', 'data (JSON)'),
  ];
  return `<p class="files no-print">In the pack’s charts folder: ${links.join(' · ')}</p>`;
}

function categorySection(c: ReportCategory, figures: PlotlyFigure[], images: boolean): string {
  const f = c.findings;
  const out = [`<section class="category" id="${c.anchor}">`, `<h2>${escapeHtml(f.category.label)}</h2>`];
  out.push('<h3>Quick facts</h3>', factCards(f.quickFacts, f), ...f.quickFacts.sentences.map(p));
  if (f.likeForLike) out.push(...f.likeForLike.sentences.map(p));
  out.push('<h3>Findings</h3>');
  if (f.wards) out.push('<h4>Wards</h4>', ...f.wards.sentences.map(p));
  out.push('<h4>Months</h4>', ...f.months.sentences.map(p));
  out.push('<h4>Rolling year</h4>', ...f.rollingYear.sentences.map(p));
  if (f.neighbours) out.push('<h4>Nearest neighbours</h4>', ...f.neighbours.sentences.map(p));
  out.push('<h3>Charts</h3>');
  for (const chart of c.charts) {
    const target = `chart-${chart.id}`;
    figures.push(plotlyFigure(chart, target));
    out.push(
      '<figure>',
      `<figcaption>${escapeHtml(chart.title)}</figcaption>`,
      `<div class="chart" id="${target}" role="img" aria-label="${escapeHtml(chart.title)}"></div>`,
      `<p class="source">${escapeHtml(chart.sourceNote)}${chart.notes.length ? ` ${escapeHtml(chart.notes.join(' '))}` : ''}</p>`,
      chartFiles(chart.id, images),
      '</figure>',
    );
  }
  // The map carries its own title, legend and source line, and needs no script to draw.
  if (c.map) out.push(`<figure class="map" id="map-${c.map.id}">`, c.map.svg, '</figure>');
  out.push('<h3>Tables</h3>', ...c.tables.map((t) => tableHtml(t.table)));
  out.push('<h3>Caveats</h3>', list(f.caveats));
  out.push('</section>');
  return out.join('\n');
}

function methods(categories: ReportCategory[]): string {
  return ['<h3>Methods</h3>', list(methodLines(categories[0]?.findings))].join('\n');
}

function sourcesHtml(sources: ReportSource[]): string {
  const seen = new Set<string>();
  const blocks: string[] = [];
  for (const s of sources) {
    const lines = sourceLines(s, [], []).slice(0, -1);
    const key = lines.join('\n');
    if (seen.has(key)) continue;
    seen.add(key);
    blocks.push(list(lines));
  }
  return ['<h3>Sources</h3>', ...blocks].join('\n');
}

export function reportHtml(input: ReportInput): string {
  const plotly = plotlySource();
  const figures: PlotlyFigure[] = [];
  const sections = input.categories.map((c) => categorySection(c, figures, input.images === true));
  const csp = contentSecurityPolicy([plotly.code, INIT_SCRIPT]);
  const nav = input.categories
    .map((c) => `<li><a href="#${c.anchor}">${escapeHtml(c.findings.category.label)}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Wardlens">
<title>${escapeHtml(input.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(input.title)}</h1>
<p class="meta">${escapeHtml(input.subtitle)}</p>
<p class="meta">Made with Wardlens on ${escapeHtml(dateText(input.exportedAt))}. This file is self-contained: it opens without a network connection.</p>
</header>
<nav aria-label="Contents"><h2>Contents</h2><ol>${nav}<li><a href="#methods">Methods and sources</a></li></ol></nav>
<section id="summary">
<h2>Summary</h2>
${tableHtml(input.summary)}
${input.notes.length ? `<div class="notice">${list(input.notes)}</div>` : ''}
<noscript><p class="notice">Charts need JavaScript; every figure is also in the tables.</p></noscript>
</section>
${sections.join('\n')}
<section id="methods">
<h2>Methods and sources</h2>
${methods(input.categories)}
${sourcesHtml(input.sources)}
<p class="source">Charts are drawn in this page by plotly.js ${escapeHtml(plotly.version)}, which is included in the file. ${input.images ? 'The same charts are in the pack’s charts folder as PNG and SVG images, for Word.' : 'PNG and SVG images of the charts are made by the Wardlens app.'} To print this report or save it as PDF, use your browser’s Print (A4).</p>
</section>
<script type="application/json" id="wardlens-charts">${jsonForScript(figures)}</script>
<script>${plotly.code}</script>
<script>${INIT_SCRIPT}</script>
</body>
</html>
`;
}
