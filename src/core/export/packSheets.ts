/**
 * The pack workbook's sheets, in reading order: Contents, Summary (quick facts for every
 * category), each category's tables, then Sources & caveats. Contents lists the sheets
 * as plain text: a link would be a formula, and the workbook holds none.
 */
import type { ReportRow, ReportTable } from '../../shared/export';
import { methodLines } from './methods';
import { blockSheetName, SheetNames } from './names';
import type { PackCategory } from './pack';
import { dateText, monthSpanText } from './words';
import type { WorkbookSheet } from './xlsx';

interface PackSheetsInput {
  categories: PackCategory[];
  summary: ReportTable;
  notes: string[];
  imagesNote: string;
  /** What the pack's ward maps are and where (null when it has none; the notes say why). */
  mapNote?: string | null;
}

const textRow = (...cells: string[]): ReportRow => ({
  cells: cells.map((text) => ({ kind: 'text' as const, text })),
});

/**
 * A category's label as all its sheets show it: shortened once, to leave room (Excel allows 31
 * characters) for its longest block name, so "Violence Against th… – Quick facts" and
 * "Violence Against th… – Wards" read alike and every block name shows whole.
 */
export function categoryForSheets(label: string, blocks: string[]): string {
  const room = 31 - Math.max(0, ...blocks.map((b) => b.length)) - ' – '.length;
  return label.length > room ? `${label.slice(0, room - 1).trimEnd()}…` : label;
}

export function packSheets(input: PackSheetsInput): WorkbookSheet[] {
  const names = new SheetNames();
  const first = input.categories[0]!;
  const f = first.findings;
  const contentsName = names.name('Contents');
  const summaryName = names.name('Summary');
  const blocks = input.categories.flatMap((c) => {
    const category = categoryForSheets(c.findings.category.label, c.tables.map((t) => t.block));
    return c.tables.map((t) => ({ name: names.name(blockSheetName(category, t.block)), table: t.table }));
  });
  const sourcesName = names.name('Sources & caveats');

  const textTable = (title: string, header: string[], body: ReportRow[]): ReportTable => ({
    title,
    subtitle: `${f.area.name} · ${f.years.current} compared with ${f.years.previous} · ${f.dataset.name}`,
    header: [header],
    body,
    source: first.source,
    flagsUsed: [],
    notes: [],
  });

  const contents = textTable(
    `Assessment pack: ${f.area.name}, ${f.years.current} compared with ${f.years.previous}`,
    ['Sheet', 'What it holds'],
    [
      textRow(summaryName, input.summary.title),
      ...blocks.map((b) => textRow(b.name, b.table.title)),
      textRow(sourcesName, 'Where the figures come from, caveats and methods'),
    ],
  );
  contents.notes = [...input.notes, input.imagesNote, ...(input.mapNote ? [input.mapNote] : [])];

  const s = first.source;
  const rows: ReportRow[] = [
    textRow(
      'Dataset',
      `${s.dataset.name} (${s.dataset.key})${s.months ? `, ${monthSpanText(s.months.first, s.months.last)}` : ''}`,
    ),
    ...s.imports.map((i) =>
      textRow('File', `${i.file}: ${monthSpanText(i.first, i.last)}, imported ${dateText(i.importedAt)}`),
    ),
    textRow(
      'Populations',
      s.populations
        ? `${s.populations.years.join(' and ')}${s.populations.files.length ? ` from ${s.populations.files.join(', ')}` : ''}`
        : 'none used',
    ),
    ...input.categories.flatMap((c) =>
      c.findings.caveats.map((caveat) => textRow(`Caveat: ${c.findings.category.label}`, caveat)),
    ),
    ...methodLines(f).map((m) => textRow('Method', m)),
    textRow('Charts', input.imagesNote),
    ...(input.mapNote ? [textRow('Ward maps', input.mapNote)] : []),
  ];
  const sources = textTable('Sources, caveats and methods', ['Topic', 'Detail'], rows);

  return [
    { name: contentsName, table: contents },
    { name: summaryName, table: input.summary },
    ...blocks,
    { name: sourcesName, table: sources },
  ];
}
