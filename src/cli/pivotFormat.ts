/** Pivot results for the terminal (aligned table), for spreadsheets (CSV) or as JSON. */
import type { PivotCell, PivotResult } from '../shared/pivot';
import type { CellTrail } from '../shared/trail';
import { WardlensError } from '../core/errors';

const FLAG_MARKS: Record<string, string> = { small: '*', incomplete: '†', 'not-significant': '~' };

export function formatValue(result: PivotResult, cell: PivotCell): string {
  if (cell.value === null) return '–';
  switch (result.measure) {
    case 'count':
    case 'change':
      return cell.value.toLocaleString('en-GB', { maximumFractionDigits: 0 });
    case 'rate':
    case 'rate-change':
      return cell.value.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    default:
      return `${cell.value.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
  }
}

const marks = (cell: PivotCell) => cell.flags.map((f) => FLAG_MARKS[f] ?? '').join('');

function grid(result: PivotResult, withMarks: boolean): string[][] {
  const columnLabel = (labels: string[]) => labels.join(' · ') || (result.measure === 'count' ? 'Count' : result.measure);
  const header = [result.rowDimensions.join(' / ') || ' ', ...result.columns.map((c) => columnLabel(c.labels))];
  if (result.columns.length > 1) header.push('Total');
  const show = (c: PivotCell) => formatValue(result, c) + (withMarks ? marks(c) : '');
  const body = result.rows.map((r, i) => {
    const line = [r.labels.join(' · ') || 'All', ...result.cells[i]!.map(show)];
    if (result.columns.length > 1) line.push(show(result.rowTotals[i]!));
    return line;
  });
  if (result.rows.length > 1) {
    const total = ['Total', ...result.columnTotals.map(show)];
    if (result.columns.length > 1) total.push(show(result.grandTotal));
    body.push(total);
  }
  return [header, ...body];
}

export function renderPivot(result: PivotResult, format: string): string {
  if (format === 'json') return JSON.stringify(result, null, 2);
  if (format === 'csv') {
    return grid(result, false)
      .map((line) => line.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))
      .join('\n');
  }
  if (format !== 'table') throw new WardlensError('bad-request', `--format is table, csv or json, not "${format}".`);
  const rows = grid(result, true);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const text = rows.map((r) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  '));
  const legend = '* fewer than 10 crimes   † period missing months   ~ change within the noise';
  return [`${result.dataset.name} — ${result.measure}`, ...text, '', legend, ...result.notes.map((n) => `note: ${n}`)].join('\n');
}

export function trailText(t: CellTrail): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  const lines = [
    `${t.dataset.name}: ${[...t.cell.rowLabels, ...t.cell.columnLabels].join(' · ')} = ${t.cell.value === null ? '–' : n(t.cell.value)} (${t.cell.measure}; ${n(t.cell.count)} crimes)`,
    '',
    'Selected by:',
    ...t.conditions.map((c) => `  ${c}`),
    '',
    'From these extracts:',
    ...t.extracts.map((e) => `  import ${e.importId}: ${e.file} (sha256 ${e.sha256.slice(0, 16)}…, imported ${e.importedAt.slice(0, 16).replace('T', ' ')}): ${n(e.rows)} rows, ${n(e.count)} crimes`),
  ];
  if (t.population) lines.push('', `Population: ${t.population.population === null ? 'none held' : n(t.population.population)}${t.population.year ? ` (${t.population.year})` : ''}`);
  lines.push('', `Source rows (${n(t.sourceRowCount)}, adding up to ${n(t.sourceTotal)})${t.truncated ? `, first ${n(t.sourceRows.length)}` : ''}:`);
  for (const r of t.sourceRows) {
    lines.push(
      r.crimeId !== undefined
        ? `  ${r.file}: ${r.month} ${r.category}, ${r.location ?? 'no location'}${r.lsoa ? ` (${r.lsoa})` : ''}${r.crimeId ? `, crime ${r.crimeId.slice(0, 12)}…` : ''}`
        : `  ${r.file}, row ${r.row ?? '?'}, column ${r.month.replace('-', '')}: ${r.area}${r.borough && r.borough !== r.area ? ` (${r.borough})` : ''}, ${r.category}: ${n(r.count)}`,
    );
  }
  return lines.join('\n');
}
