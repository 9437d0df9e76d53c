/**
 * Report tables to an xlsx workbook, with write-excel-file (SheetJS's community edition
 * cannot write bold or frozen panes). Figures are real numbers with number formats, so
 * Excel can sum and chart them; flags are marks inside the number format ("7*"), so the
 * cell stays a number while it reads as in the app. Text is always a string cell with the
 * Text format: never a formula, even if an area is named "=HYPERLINK(…)" and the analyst
 * later edits the cell.
 */
import writeXlsxFile, { type CellObject, type Row, type Sheet } from 'write-excel-file/node';
import type { FigureCell, FigureKind, ReportCell, ReportTable, Tone } from '../../shared/export';
import { tableSourceLines } from './sources';
import { formatFigure, marksOf } from './words';

export interface WorkbookSheet {
  /** Already a valid, unique sheet name (see sheetNames.ts). */
  name: string;
  table: ReportTable;
}

// A change's negative section shows the typographic minus the app and the reports use ("−55",
// not Excel's "-55"), as literal text before the absolute value. Counts, rates and shares are
// never negative, so they keep one section.
const BASE_FORMATS: Record<FigureKind, string[]> = {
  count: ['#,##0'],
  change: ['+#,##0', '"−"#,##0', '0'],
  rate: ['#,##0.00'],
  'rate-change': ['+#,##0.00', '"−"#,##0.00', '0.00'],
  percent: ['0.0%'],
};
const SIGNED_PERCENT = ['+0.0%', '"−"0.0%', '0.0%'];

/** The number format of a figure, with its flag marks as literal text in every section. */
export function numberFormat(cell: FigureCell): string {
  const sections = cell.kind === 'percent' && cell.signed ? SIGNED_PERCENT : BASE_FORMATS[cell.kind];
  const marks = marksOf(cell.flags);
  return sections.map((s) => (marks ? `${s}"${marks}"` : s)).join(';');
}

/** Percents are stored as Excel stores them (0.026 shown as 2.6%), so formulas on them work. */
const excelValue = (cell: FigureCell) => (cell.kind === 'percent' ? cell.value! / 100 : cell.value!);

const TONES: Record<Tone, string> = { red: '#F4C7C3', amber: '#FCE8B2', green: '#B7E1CD' };
const HEADER_FILL = '#E8ECF2';
const NOTE_COLOUR = '#4A5263';

function bodyCell(cell: ReportCell, bold: boolean, wrap: boolean): CellObject | null {
  const weight = bold ? { fontWeight: 'bold' as const } : {};
  if (cell.kind === 'text') {
    if (!cell.text) return null;
    return {
      value: cell.text,
      type: String,
      format: '@',
      ...weight,
      ...(cell.tone ? { backgroundColor: TONES[cell.tone] } : {}),
      ...(wrap ? { wrap: true, alignVertical: 'top' as const } : {}),
    };
  }
  if (cell.value === null || !Number.isFinite(cell.value)) {
    // Not a figure: the report convention "–", right-aligned where the number would be.
    return { value: `–${marksOf(cell.flags)}`, type: String, format: '@', align: 'right', ...weight };
  }
  return { value: excelValue(cell), type: Number, format: numberFormat(cell), ...weight };
}

function displayLength(cell: ReportCell): number {
  if (cell.kind === 'text') return cell.text.length;
  return formatFigure(cell).length + marksOf(cell.flags).length;
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** Column widths from what the header's last row and the body show (titles and notes may overflow). */
export function columnWidths(table: ReportTable): number[] {
  const columns = table.header.at(-1)?.length ?? 0;
  return Array.from({ length: columns }, (_, i) => {
    const header = Math.max(
      ...table.header.map((h) => longestWord(h[i] ?? '')),
      Math.min((table.header.at(-1)?.[i] ?? '').length, 18),
    );
    const body = Math.max(0, ...table.body.map((r) => (r.cells[i] ? displayLength(r.cells[i]!) : 0)));
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, header, body) + 2);
  });
}

const longestWord = (s: string) => Math.max(0, ...s.split(/\s+/).map((w) => w.length));

/** Rows of one sheet: title, subtitle, header rows, body, a blank row, then the source note. */
export function sheetRows(table: ReportTable, widths: number[]): { rows: Row[]; frozen: number } {
  const rows: Row[] = [
    [{ value: table.title, type: String, format: '@', fontWeight: 'bold', fontSize: 14 }],
    [{ value: table.subtitle, type: String, format: '@', fontStyle: 'italic', textColor: NOTE_COLOUR }],
  ];
  table.header.forEach((h, level) => {
    const last = level === table.header.length - 1;
    rows.push(
      h.map((text, i): CellObject => {
        const numeric = table.body.some((r) => r.cells[i] && r.cells[i]!.kind !== 'text');
        return {
          value: text,
          type: String,
          format: '@',
          fontWeight: 'bold',
          backgroundColor: HEADER_FILL,
          wrap: true,
          alignVertical: 'bottom',
          ...(numeric ? { align: 'right' as const } : {}),
          ...(last ? { bottomBorderStyle: 'thin' as const, bottomBorderColor: '#1D2330' } : {}),
        };
      }),
    );
  });
  const frozen = rows.length;
  for (const r of table.body) {
    rows.push(
      r.cells.map((c, i) => {
        const wrap = c.kind === 'text' && c.text.length > (widths[i] ?? MAX_WIDTH);
        const cell = bodyCell(c, r.total === true, wrap);
        if (!r.total) return cell;
        // Totals: bold with a rule above, even on empty cells, so the row reads as one.
        return { ...(cell ?? {}), fontWeight: 'bold', topBorderStyle: 'thin', topBorderColor: '#1D2330' };
      }),
    );
  }
  rows.push([]);
  for (const line of tableSourceLines(table)) {
    rows.push([{ value: line, type: String, format: '@', fontSize: 10, textColor: NOTE_COLOUR }]);
  }
  return { rows, frozen };
}

/** A workbook of report tables, one per sheet, as bytes. */
export async function workbookBytes(sheets: WorkbookSheet[]): Promise<Buffer> {
  const built: Sheet<Buffer>[] = sheets.map(({ name, table }) => {
    const widths = columnWidths(table);
    const { rows, frozen } = sheetRows(table, widths);
    return { sheet: name, data: rows, columns: widths.map((width) => ({ width })), stickyRowsCount: frozen };
  });
  return writeXlsxFile(built, { fontFamily: 'Arial', fontSize: 11 }).toBuffer();
}
