/** The months block (this year against last, with seasonality) and the rolling-year totals, as report tables. */
import type { Findings } from '../../shared/findings';
import type { ReportRow, ReportSource, ReportTable } from '../../shared/export';
import { fig, subtitleOf, table, text } from './tableParts';

const POSITION: Record<string, string> = {
  above: 'Above in both years',
  below: 'Below in both years',
  mixed: 'Mixed',
  unknown: 'Not known',
};

export function monthsTable(f: Findings, source: ReportSource): ReportTable {
  const season = f.months.seasonality;
  const body: ReportRow[] = f.months.rows.map((r, i) => {
    const m = season.months[i];
    const change = r.previous !== null && r.current !== null ? r.current - r.previous : null;
    return {
      cells: [
        text(m?.name ?? r.label),
        fig('count', r.previous),
        fig('count', r.current),
        fig('change', change),
        text(POSITION[m?.position ?? 'unknown']!),
      ],
    };
  });
  const total = (pick: (r: Findings['months']['rows'][number]) => number | null) =>
    f.months.rows.reduce<number | null>((t, r) => (t === null || pick(r) === null ? null : t + pick(r)!), 0);
  const prev = total((r) => r.previous);
  const cur = total((r) => r.current);
  body.push({
    total: true,
    cells: [
      text('Total'),
      fig('count', prev),
      fig('count', cur),
      fig('change', prev !== null && cur !== null ? cur - prev : null),
      text(''),
    ],
  });
  const header = [
    'Month',
    f.years.previous,
    f.years.current,
    'Change',
    'Against the two-year monthly average',
  ];
  const notes =
    season.average === null
      ? []
      : [
          `Two-year monthly average: ${season.average.toLocaleString('en-GB', { maximumFractionDigits: 1 })} offences.`,
        ];
  return table(
    `Months: ${f.category.label} in ${f.area.name}, ${f.years.current} against ${f.years.previous}`,
    subtitleOf(f),
    header,
    body,
    source,
    notes,
  );
}

export function rollingYearTable(f: Findings, source: ReportSource, smallCount = 10): ReportTable {
  const points = f.rollingYear.points;
  const body: ReportRow[] = points.map((p, i) => {
    const before = i >= 12 ? (points[i - 12]!.total ?? null) : null;
    const change = p.total !== null && before !== null ? p.total - before : null;
    // The same rule as every % change: none on no base, withheld on a small one.
    const pct =
      change !== null && before !== null && before >= smallCount && before > 0
        ? (100 * change) / before
        : null;
    return {
      cells: [
        text(p.label),
        fig('count', p.total),
        fig('count', before),
        fig('change', change),
        fig('percent', pct, { signed: true }),
      ],
    };
  });
  const header = ['12 months to', 'Total', 'Previous 12 months', 'Change', '% change'];
  return table(
    `Rolling year: ${f.category.label} in ${f.area.name}, 12-month totals`,
    subtitleOf(f),
    header,
    body,
    source,
    f.rollingYear.sentences,
  );
}
