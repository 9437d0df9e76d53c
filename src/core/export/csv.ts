/**
 * Report tables to CSV for Excel and other tools: UTF-8 with a byte-order mark (without
 * it Excel reads "Â£" and breaks accented ward names), CRLF line ends and RFC 4180 quoting.
 * The header comes first so the file reads as data; the title and source note follow the
 * table after a blank line. Figures are plain unrounded numbers (percents in points:
 * 2.6 means 2.6%); flags go in a last "Marks" column, since a mark would turn a number
 * into text.
 *
 * Formula injection: a spreadsheet runs a cell that begins with = + - @ (or a tab or
 * carriage return it strips). Every text cell that does is prefixed with an apostrophe,
 * which Excel shows as plain text. Numbers are written as numbers and never prefixed.
 */
import type { ReportCell, ReportTable } from '../../shared/export';
import { tableSourceLines } from './sources';
import { marksOf } from './words';

const BOM = '\uFEFF';
const DANGEROUS_START = /^[=+\-@\t\r]/;

/** Text made inert for a spreadsheet: "=HYPERLINK(…)" becomes "'=HYPERLINK(…)". */
export function neutralise(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling its quotes. */
export function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

const textField = (text: string) => quoteField(neutralise(text));

/** A number as JavaScript writes it shortest and exactly ("85.52345", "-3", "1e-7" never occurs for counts). */
function numberField(value: number): string {
  if (!Number.isFinite(value)) return '';
  // Exponent notation would be read as text by some tools; these figures never need it,
  // but keep a plain decimal in any case.
  const s = String(value);
  return /e/i.test(s) ? value.toFixed(12).replace(/\.?0+$/, '') : s;
}

function cellField(cell: ReportCell): string {
  if (cell.kind === 'text') return textField(cell.text);
  return cell.value === null ? '' : numberField(cell.value);
}

export function tableCsv(table: ReportTable): string {
  const width = (table.header.at(-1)?.length ?? 0) + 1;
  const lines: string[] = [];
  const row = (fields: string[]) =>
    lines.push([...fields, ...Array<string>(Math.max(0, width - fields.length)).fill('')].join(','));

  table.header.forEach((h, level) =>
    row([...h.map(textField), level === table.header.length - 1 ? 'Marks' : '']),
  );
  for (const r of table.body) {
    const marks = r.cells
      .map((c, i) =>
        c.kind !== 'text' && c.flags?.length ? `${columnName(table, i)} ${marksOf(c.flags)}` : '',
      )
      .filter(Boolean)
      .join('; ');
    row([...r.cells.map(cellField), textField(marks)]);
  }
  row([]);
  row([textField(table.title)]);
  row([textField(table.subtitle)]);
  for (const line of tableSourceLines(table)) row([textField(line)]);
  return BOM + lines.join('\r\n') + '\r\n';
}

/** A column's name for the Marks column: its header rows joined ("2017 Jan"). */
function columnName(table: ReportTable, i: number): string {
  return table.header
    .map((h) => h[i] ?? '')
    .filter(Boolean)
    .join(' ');
}
