/**
 * The assessment's blocks as report tables: quick facts (the area and London), wards,
 * months, rolling year and nearest neighbours for one category, and a summary of quick
 * facts across categories. Figures are taken from the findings unchanged, so a table can
 * never disagree with the sentences or the app.
 */
import type { AreaFigures, Findings } from '../../shared/findings';
import type { ReportCell, ReportRow, ReportSource, ReportTable } from '../../shared/export';
import { counted } from '../../shared/counted';
import { addMonths } from '../analysis/periods';
import { fromIsoMonth, toIsoMonth } from '../months';
import type { Db } from '../store/workspace';
import { reportSource } from './sources';
import { changeTestText, fig, flagged, table, subtitleOf, text } from './tableParts';
import { monthsTable, rollingYearTable } from './timeTables';
import { formatFigure } from './words';

/** A rate change as the table beside it prints it ("+0.12", "−0.35"). */
const rateChange = (value: number) => formatFigure({ kind: 'rate-change', value });

/** The source of a findings table: the dataset over both years compared, and the population files its rates used. */
export function findingsSource(db: Db, f: Findings): ReportSource {
  const first = f.months.seasonality.months[0]?.previousMonth ?? f.months.rows[0]?.month ?? null;
  const last = f.months.rows.at(-1)?.month ?? null;
  const years = [f.populationYears.previous, f.populationYears.current].filter(
    (y): y is number => y !== null,
  );
  // The rolling-year totals reach back 35 months from the last: those months' files are sources too.
  const filesFrom = f.rollingYear.points[0]
    ? addMonths(fromIsoMonth(f.rollingYear.points[0].month)!, -11)
    : null;
  return reportSource(db, {
    dataset: f.dataset,
    first,
    last,
    populationYears: years,
    populationFixed: f.populationYears.fixed,
    ...(filesFrom ? { filesFrom: toIsoMonth(filesFrom) } : {}),
    ...(f.sources.populationFiles ? { populationFiles: f.sources.populationFiles } : {}),
    ...(f.sources.populationBases ? { populationBases: f.sources.populationBases } : {}),
  });
}

/** Count, change and rate figures of one comparison, in the quick-facts column order. */
function comparisonCells(c: AreaFigures, withRates: boolean): ReportCell[] {
  const cells: ReportCell[] = [
    fig('count', c.previous),
    fig('count', c.current),
    // A part year against a whole one is no change: its figure is left blank, as the % change is.
    fig('change', c.flags.includes('incomplete') ? null : c.change),
    fig('percent', c.percentChange.value, {
      signed: true,
      ...flagged(c.flags),
      ...(c.percentChange.note ? { reason: c.percentChange.note } : {}),
    }),
  ];
  if (withRates)
    cells.push(fig('rate', c.previousRate), fig('rate', c.currentRate), fig('rate-change', c.rateChange));
  cells.push(text(changeTestText(c)));
  return cells;
}

function comparisonHeader(f: Findings, first: string, withRates: boolean): string[] {
  const { previous, current } = f.years;
  const rates = withRates ? [`Rate per 1,000 ${previous}`, `Rate per 1,000 ${current}`, 'Rate change'] : [];
  return [
    first,
    `Offences ${previous}`,
    `Offences ${current}`,
    'Change',
    '% change',
    ...rates,
    'Change test',
  ];
}
const hasRates = (rows: AreaFigures[]) => rows.some((r) => r.previousRate !== null || r.currentRate !== null);

export function quickFactsTable(f: Findings, source: ReportSource): ReportTable {
  const rows: { figures: AreaFigures; total: boolean }[] = [{ figures: f.quickFacts, total: false }];
  if (f.likeForLike)
    rows.push({ figures: { ...f.likeForLike.figures, name: `${f.area.name}, ${f.likeForLike.previous} and ${f.likeForLike.current}` }, total: false });
  if (f.neighbours?.london) rows.push({ figures: f.neighbours.london, total: true });
  const withRates = hasRates(rows.map((r) => r.figures));
  const body = rows.map((r) => ({
    cells: [text(r.figures.name), ...comparisonCells(r.figures, withRates)],
    ...(r.total ? { total: true } : {}),
  }));
  return table(
    `Quick facts: ${f.category.label} in ${f.area.name}`,
    subtitleOf(f),
    comparisonHeader(f, 'Area', withRates),
    body,
    source,
  );
}

/** One row per category: the summary at the top of an assessment. */
export function summaryTable(all: Findings[], source: ReportSource): ReportTable {
  const f = all[0]!;
  const withRates = hasRates(all.map((x) => x.quickFacts));
  const body = all.map((x) => ({
    cells: [text(x.category.label), ...comparisonCells(x.quickFacts, withRates)],
  }));
  return table(
    `Quick facts: ${f.area.name}, ${f.years.current} compared with ${f.years.previous}`,
    `${counted(all.length, 'category', 'categories')} · ${f.dataset.name}`,
    comparisonHeader(f, 'Category', withRates),
    body,
    source,
  );
}

export function wardsTable(f: Findings, source: ReportSource): ReportTable | null {
  if (!f.wards) return null;
  const withRates = hasRates(f.wards.rows);
  const body: ReportRow[] = f.wards.rows.map((w) => ({
    cells: [fig('count', w.rank), text(w.name), ...comparisonCells(w, withRates)],
  }));
  const sum = (pick: (w: AreaFigures) => number) => f.wards!.rows.reduce((t, w) => t + pick(w), 0);
  const totals: ReportCell[] = [
    text(''),
    text('All wards'),
    fig(
      'count',
      sum((w) => w.previous),
    ),
    fig(
      'count',
      sum((w) => w.current),
    ),
    fig(
      'change',
      sum((w) => w.change),
    ),
    fig('percent', null, { signed: true }),
  ];
  if (withRates) totals.push(fig('rate', null), fig('rate', null), fig('rate-change', null));
  totals.push(text(''));
  body.push({ cells: totals, total: true });
  const header = ['Rank', ...comparisonHeader(f, 'Ward', withRates)];
  const notes = [
    "Ward figures may not add up to the borough’s published total: some crimes carry no ward, and crimes in custody are recorded in the police station’s ward.",
  ];
  return table(
    `Wards: ${f.category.label} in ${f.area.name}, ranked by ${f.years.current} offences`,
    subtitleOf(f),
    header,
    body,
    source,
    notes,
  );
}
const RAG_WORDS = { red: 'Red', amber: 'Amber', green: 'Green' } as const;

export function neighboursTable(f: Findings, source: ReportSource): ReportTable | null {
  if (!f.neighbours) return null;
  const { previous, current } = f.years;
  const row = (
    r: AreaFigures & { quartile?: number | null; rag?: 'red' | 'amber' | 'green' | null },
    total: boolean,
  ): ReportRow => ({
    ...(total ? { total } : {}),
    cells: [
      text(r.name),
      fig('count', r.previous),
      fig('rate', r.previousRate),
      fig('count', r.current),
      fig('rate', r.currentRate),
      fig('change', r.change),
      fig('rate-change', r.rateChange, flagged(r.flags.filter((x) => x !== 'small'))),
      text(r.quartile ? `Q${r.quartile}` : ''),
      r.rag ? text(RAG_WORDS[r.rag], r.rag) : text(''),
    ],
  });
  const body = f.neighbours.rows.map((r) => row(r, false));
  if (f.neighbours.london) body.push(row(f.neighbours.london, true));
  const header = [
    'Borough',
    `Offences ${previous}`,
    `Rate per 1,000 ${previous}`,
    `Offences ${current}`,
    `Rate per 1,000 ${current}`,
    'Offences change',
    'Rate change',
    'Quartile',
    'RAG',
  ];
  const q = f.neighbours.quartiles;
  const notes = [
    'RAG: boroughs are rated by the quartile of their rate change among the London boroughs: red for the quarter with the largest rises (Q4), green for the quarter with the largest falls or smallest rises (Q1), amber between.',
    ...(q
      ? [
          `Quartiles of rate change across ${q.count} London boroughs: Q1 ${rateChange(q.q1)}, median ${rateChange(q.median)}, Q3 ${rateChange(q.q3)}.`,
        ]
      : []),
  ];
  return table(
    `Nearest neighbours: ${f.category.label}, ${current} compared with ${previous}`,
    subtitleOf(f),
    header,
    body,
    source,
    notes,
  );
}

/** Every table of one category's findings, in the assessment's order; absent blocks are left out. */
export function findingsTables(f: Findings, source: ReportSource): { block: string; table: ReportTable }[] {
  const out: { block: string; table: ReportTable | null }[] = [
    { block: 'Quick facts', table: quickFactsTable(f, source) },
    { block: 'Wards', table: wardsTable(f, source) },
    { block: 'Months', table: monthsTable(f, source) },
    { block: 'Rolling year', table: rollingYearTable(f, source) },
    { block: 'Neighbours', table: neighboursTable(f, source) },
  ];
  return out.filter((t): t is { block: string; table: ReportTable } => t.table !== null);
}
