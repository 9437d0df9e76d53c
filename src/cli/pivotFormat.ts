/** Pivot results for the terminal (aligned table), for spreadsheets (CSV) or as JSON. */
import { FLAG_MARKS, type Measure, type PivotCell, type PivotMeasureTable, type PivotResult } from '../shared/pivot';
import type { CellTrail } from '../shared/trail';
import { populationWords } from '../shared/populationBasis';
import { WardlensError } from '../core/errors';

export function formatValue(result: PivotResult, cell: PivotCell): string {
  return formatMeasure(result.measure, cell);
}

function formatMeasure(measure: Measure, cell: PivotCell): string {
  if (cell.value === null) return '–';
  switch (measure) {
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

/** The measures shown: every one asked for, side by side, or the pivot's one. */
function tablesOf(result: PivotResult): PivotMeasureTable[] {
  return result.byMeasure ?? [{ measure: result.measure, cells: result.cells, rowTotals: result.rowTotals, columnTotals: result.columnTotals, grandTotal: result.grandTotal }];
}

/** Each column, then (with several measures) each measure within it: "Harrow · rate". */
function grid(result: PivotResult, withMarks: boolean): string[][] {
  const tables = tablesOf(result);
  const several = tables.length > 1;
  const name = (labels: string[], m: Measure) =>
    [...labels, ...(several || labels.length === 0 ? [m === 'count' && !several ? 'Count' : m] : [])].join(' · ');
  const withTotal = result.columns.length > 1;
  const header = [result.rowDimensions.join(' / ') || ' '];
  for (const c of result.columns) for (const t of tables) header.push(name(c.labels, t.measure));
  if (withTotal) for (const t of tables) header.push(name(['Total'], t.measure));
  const show = (m: Measure, c: PivotCell) => formatMeasure(m, c) + (withMarks ? marks(c) : '');
  const body = result.rows.map((r, i) => {
    const line = [r.labels.join(' · ') || 'All'];
    result.columns.forEach((_, j) => tables.forEach((t) => line.push(show(t.measure, t.cells[i]![j]!))));
    if (withTotal) tables.forEach((t) => line.push(show(t.measure, t.rowTotals[i]!)));
    return line;
  });
  if (result.rows.length > 1) {
    const total = ['Total'];
    result.columns.forEach((_, j) => tables.forEach((t) => total.push(show(t.measure, t.columnTotals[j]!))));
    if (withTotal) tables.forEach((t) => total.push(show(t.measure, t.grandTotal)));
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
  return [`${result.dataset.name} — ${tablesOf(result).map((t) => t.measure).join(', ')}`, ...text, '', legend, ...result.notes.map((n) => `note: ${n}`)].join('\n');
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
  if (t.population) lines.push('', `Population: ${t.population.population === null ? 'none held' : n(t.population.population)}${t.population.year ? ` (${populationWords(t.population.year, t.population.basis)})` : ''}`);
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
