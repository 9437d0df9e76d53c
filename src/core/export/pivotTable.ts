/**
 * A pivot as a report table: one text column per row dimension (so Excel can sort and
 * filter them), one header row per column dimension, a Total column and a Total row as
 * the pivot view and `wardlens pivot` show them, and every figure unrounded with its flags.
 */
import type { FigureCell, ReportRow, ReportSource, ReportTable } from '../../shared/export';
import type { CellFlag, PivotCell, PivotResult } from '../../shared/pivot';
import { measureUnit, pivotTitle, type FilterNames } from '../../shared/pivotWords';
import { AREA_DIMENSIONS } from '../analysis/pivot/dimensions';
import type { PopulationKind } from '../analysis/pivot/populations';
import type { PopulationsUsed } from './sources';
import { DIMENSION_LABELS, MEASURE_KINDS, monthSpanText, orderedFlags } from './words';

/** `filterNames`: the names of the filter values, so the title says "Harrow" where the spec says "E09000015". */
export function pivotTable(
  result: PivotResult,
  source: ReportSource,
  filterNames?: FilterNames,
): ReportTable {
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
  const unit = measureUnit(result.measure, result.dataset.kind);

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

  const span = `${source.months ? monthSpanText(source.months.first, source.months.last) : 'all months held'}${source.comparedWith ? ', compared with a year earlier' : ''}`;
  return {
    // The app's chart title for the same pivot, word for word (shared/pivotWords).
    title: pivotTitle(result, filterNames),
    subtitle: `${result.dataset.name}, ${span}`,
    header,
    body,
    source,
    flagsUsed: orderedFlags(used),
    notes: [...result.notes],
  };
}

/** The population years a pivot's rates used (a rate change's year before too): for the source note. */
export function pivotPopulationYears(result: PivotResult): number[] {
  const years = new Set<number>();
  const visit = (c: PivotCell) =>
    c.populationYear && ratedYears(result, c.populationYear).forEach((y) => years.add(y));
  result.cells.forEach((row) => row.forEach(visit));
  result.rowTotals.forEach(visit);
  result.columnTotals.forEach(visit);
  visit(result.grandTotal);
  return [...years];
}

/** The populations one figure's rate is per: a rate change's year before too, unless one year was fixed for all. */
const ratedYears = (result: PivotResult, year: number) =>
  result.measure === 'rate-change' && result.spec.populationYear === undefined ? [year, year - 1] : [year];

/**
 * The areas whose populations gave the table's rates, year by year, so that the source note
 * names only the files that gave a figure: a ward table's ward populations, not the borough
 * file that happens to cover the same years. The engine rates by the pivot's first area
 * dimension; a row (or column) of it is one area, a total across it spans them all.
 */
export function pivotPopulationsUsed(result: PivotResult): PopulationsUsed | null {
  if (result.measure !== 'rate' && result.measure !== 'rate-change') return null;
  const kind = [...result.rowDimensions, ...result.columnDimensions].find((d) => AREA_DIMENSIONS.includes(d));
  if (!kind) return result.ratesPer ? filteredPopulationsUsed(result, result.ratesPer) : null;
  const inRows = result.rowDimensions.includes(kind);
  const at = (inRows ? result.rowDimensions : result.columnDimensions).indexOf(kind);
  const keys = (inRows ? result.rows : result.columns).map((h) => h.keys[at]!);
  const all = [...new Set(keys)];
  const byYear = new Map<number, Set<string>>();
  const rated = (c: PivotCell, area: number | null) => {
    if (c.value === null || !c.populationYear) return;
    for (const year of ratedYears(result, c.populationYear)) {
      const areas = byYear.get(year) ?? byYear.set(year, new Set()).get(year)!;
      for (const key of area === null ? all : [keys[area]!]) areas.add(key);
    }
  };
  result.cells.forEach((row, i) => row.forEach((c, j) => rated(c, inRows ? i : j)));
  result.rowTotals.forEach((c, i) => rated(c, inRows ? i : null));
  result.columnTotals.forEach((c, j) => rated(c, inRows ? null : j));
  rated(result.grandTotal, null);
  const years = [...byYear].map(([year, areas]) => ({ year, areas: [...areas] }));
  return { kind: kind as PopulationKind, years };
}

/** With no area on the axes every rate is over the areas the filters keep, in the years the pivot used. */
function filteredPopulationsUsed(result: PivotResult, per: NonNullable<PivotResult['ratesPer']>): PopulationsUsed {
  return { kind: per.kind, years: pivotPopulationYears(result).map((year) => ({ year, areas: per.areas })) };
}
