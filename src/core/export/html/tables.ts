/** Report tables as HTML tables: UK number formats, marks as in the app, totals bold, notes beneath. */
import type { ReportCell, ReportTable } from '../../../shared/export';
import { flagsLegend, formatFigure, marksOf } from '../words';
import { escapeHtml } from './escape';

function cellHtml(cell: ReportCell, tag: 'td' | 'th'): string {
  if (cell.kind === 'text') {
    const cls = cell.tone ? ` class="rag rag-${cell.tone}"` : '';
    return `<${tag}${cls}${tag === 'th' ? ' scope="row"' : ''}>${escapeHtml(cell.text)}</${tag}>`;
  }
  const marks = marksOf(cell.flags);
  const title = cell.reason ? ` title="${escapeHtml(cell.reason)}"` : '';
  return `<td class="num"${title}>${escapeHtml(formatFigure(cell))}${marks ? `<span class="mark">${escapeHtml(marks)}</span>` : ''}</td>`;
}

export function tableHtml(table: ReportTable, options: { caption?: boolean } = {}): string {
  const numeric = (i: number) => table.body.some((r) => r.cells[i] && r.cells[i]!.kind !== 'text');
  const head = table.header
    .map(
      (h) =>
        `<tr>${h.map((text, i) => `<th scope="col"${numeric(i) ? ' class="num"' : ''}>${escapeHtml(text)}</th>`).join('')}</tr>`,
    )
    .join('\n');
  const body = table.body
    .map(
      (r) =>
        `<tr${r.total ? ' class="total"' : ''}>${r.cells.map((c, i) => cellHtml(c, i === 0 && c.kind === 'text' ? 'th' : 'td')).join('')}</tr>`,
    )
    .join('\n');
  const legend = flagsLegend(table.flagsUsed);
  const notes = [...table.notes, ...(legend ? [legend] : [])];
  return [
    '<div class="table-wrap">',
    `<table>${options.caption === false ? '' : `<caption>${escapeHtml(table.title)}</caption>`}`,
    `<thead>\n${head}\n</thead>`,
    `<tbody>\n${body}\n</tbody>`,
    '</table>',
    notes.length
      ? `<ul class="table-notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
      : '',
    '</div>',
  ].join('\n');
}
