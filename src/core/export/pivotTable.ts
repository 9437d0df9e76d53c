/**
 * A pivot as a report table: one text column per row dimension (so Excel can sort and
 * filter them), one header row per column dimension, a Total column and a Total row as
 * the pivot view and `wardlens pivot` show them, and every figure unrounded with its flags.
 */
import type { FigureCell, ReportRow, ReportSource, ReportTable } from '../../shared/export';
import type { CellFlag, PivotCell, PivotResult } from '../../shared/pivot';
import {
  dimensionsPhrase,
  DIMENSION_LABELS,
  MEASURE_KINDS,
  MEASURE_UNITS,
  monthSpanText,
  orderedFlags,
} from './words';

export function pivotTable(result: PivotResult, source: ReportSource): ReportTable {
  const { kind, signed } = MEASURE_KINDS[result.measure];
  const used: CellFlag[] = [];
  const figure = (c: PivotCell): FigureCell => {
    used.push(...c.flags);
    return {
      kind,
      value: c.value,
      ...(signed ? { signed } : {}),
      ...(c.flags.length ? { flags: [...c.flags] } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
    };
  };

  const rowDims = result.rowDimensions;
  const labelColumns = Math.max(rowDims.length, 1);
  const withTotalColumn = result.columns.length > 1;
  const withTotalRow = result.rows.length > 1;
  const unit = MEASURE_UNITS[result.measure];

  // One header row per column dimension; row dimensions' names sit in the last one.
  const depth = Math.max(result.columnDimensions.length, 1);
  const header: string[][] = Array.from({ length: depth }, (_, level) => {
    const last = level === depth - 1;
    const left = Array.from({ length: labelColumns }, (_, i) =>
      last ? (rowDims[i] ? DIMENSION_LABELS[rowDims[i]] : '') : '',
    );
    const columns = result.columns.map((c) =>
      result.columnDimensions.length ? (c.labels[level] ?? '') : last ? unit : '',
    );
    return [...left, ...columns, ...(withTotalColumn ? [last ? 'Total' : ''] : [])];
  });

  const body: ReportRow[] = result.rows.map((r, i) => ({
    cells: [
      ...Array.from({ length: labelColumns }, (_, k) => ({
        kind: 'text' as const,
        text: r.labels[k] ?? (k === 0 ? 'All' : ''),
      })),
      ...result.cells[i]!.map((c) => figure(c)),
      ...(withTotalColumn ? [figure(result.rowTotals[i]!)] : []),
    ],
  }));
  if (withTotalRow) {
    body.push({
      total: true,
      cells: [
        ...Array.from({ length: labelColumns }, (_, k) => ({
          kind: 'text' as const,
          text: k === 0 ? 'Total' : '',
        })),
        ...result.columnTotals.map((c) => figure(c)),
        ...(withTotalColumn ? [figure(result.grandTotal)] : []),
      ],
    });
  }

  const dims = [...result.rowDimensions, ...result.columnDimensions];
  const filters = Object.entries(result.spec.filters ?? {})
    .filter(([, values]) => values && values.length)
    .map(
      ([d, values]) => `${DIMENSION_LABELS[d as keyof typeof DIMENSION_LABELS] ?? d}: ${values!.join(', ')}`,
    );
  const span = `${source.months ? monthSpanText(source.months.first, source.months.last) : 'all months held'}${source.comparedWith ? ', compared with a year earlier' : ''}`;
  const shareOf =
    result.measure === 'share' && result.spec.shareOf && result.spec.shareOf !== 'total'
      ? ` (of each ${result.spec.shareOf})`
      : '';
  return {
    title: `${unit}${shareOf}${dims.length ? ` by ${dimensionsPhrase(dims)}` : ''}${filters.length ? ` — ${filters.join('; ')}` : ''}`,
    subtitle: `${result.dataset.name}, ${span}`,
    header,
    body,
    source,
    flagsUsed: orderedFlags(used),
    notes: [...result.notes],
  };
}

/** The population years a pivot's rates used: for the source note. */
export function pivotPopulationYears(result: PivotResult): number[] {
  const years = new Set<number>();
  const visit = (c: PivotCell) => c.populationYear && years.add(c.populationYear);
  result.cells.forEach((row) => row.forEach(visit));
  result.rowTotals.forEach(visit);
  result.columnTotals.forEach(visit);
  visit(result.grandTotal);
  return [...years];
}
