/**
 * The pieces every findings table is made of: cells, the table shape with its flags, and
 * the words for the change test. Shared by the comparison tables and the time tables.
 */
import type { AreaFigures, Findings } from '../../shared/findings';
import type { FigureCell, ReportRow, ReportSource, ReportTable, TextCell } from '../../shared/export';
import type { CellFlag } from '../../shared/pivot';
import { pValueText } from '../../shared/pValue';
import { orderedFlags } from './words';

export const text = (t: string, tone?: TextCell['tone']): TextCell =>
  tone ? { kind: 'text', text: t, tone } : { kind: 'text', text: t };
export const fig = (
  kind: FigureCell['kind'],
  value: number | null,
  extra: Partial<FigureCell> = {},
): FigureCell => ({ kind, value, ...extra });
export const flagged = (flags: CellFlag[]) => (flags.length ? { flags: [...flags] } : {});

export function table(
  title: string,
  subtitle: string,
  header: string[],
  body: ReportRow[],
  source: ReportSource,
  notes: string[] = [],
): ReportTable {
  const flags = body.flatMap((r) => r.cells.flatMap((c) => (c.kind === 'text' ? [] : (c.flags ?? []))));
  return { title, subtitle, header: [header], body, source, flagsUsed: orderedFlags(flags), notes };
}

export const subtitleOf = (f: Findings) =>
  `${f.category.label} · ${f.area.name} · ${f.years.current} compared with ${f.years.previous} · ${f.dataset.name}`;

/** "No significant change (p = 0.66)", as the quick-fact sentences put it. */
export function changeTestText(c: AreaFigures): string {
  if (!c.test && c.seriesBreak) return `Not tested: ${c.seriesBreak}`;
  if (!c.test) return c.flags.includes('incomplete') ? 'Not tested: a year is missing months' : 'Not tested';
  // One rule with the app and the sentences: two significant figures, so "p = 0.050" never sits beside "not significant" as "0.05".
  const p = pValueText(c.test.pValue);
  const verdict = {
    'significant rise': 'Significant rise',
    'significant fall': 'Significant fall',
    'no significant change': 'No significant change',
  }[c.test.verdict];
  return `${verdict} (${p})`;
}
