/**
 * The pivot as a table: sticky headings and totals, sorting by any column, UK formats,
 * marked cells, and a click on any figure or row heading to drill down.
 */
import { useRef, useState } from 'react';
import type { PivotResult } from '../../../shared/pivot';
import { MEASURE_LABELS, DIMENSION_LABELS } from '../../charts/labels';
import type { DrillTarget } from './drill';
import { PivotCellView } from './PivotCellView';
import { nextSort, sortedRows, type Sort, type SortKey } from './sorting';
import { useRowWindow } from './useRowWindow';

const ROW_HEIGHT = 31;

interface Props {
  result: PivotResult;
  onDrill(t: DrillTarget): void;
  /** "Show source" on a figure: row and column indexes, −1 for a total. */
  onExplain?(row: number, column: number): void;
}

export function PivotTable({ result, onDrill, onExplain }: Props) {
  const explain = (i: number, k: number) => (onExplain ? () => onExplain(i, k) : undefined);
  const [sort, setSort] = useState<Sort | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const order = sortedRows(result, sort);
  const win = useRowWindow(scroller, order.length, ROW_HEIGHT);
  const smallCount = result.spec.smallCount ?? 10;
  const noColumns = result.columnDimensions.length === 0;
  const showRowTotals = result.columns.length > 1;
  const showColumnTotals = result.rows.length > 1;
  const rowTitle = result.rowDimensions.map((d) => DIMENSION_LABELS[d]).join(' · ') || ' ';
  const colLabel = (k: number) =>
    noColumns ? MEASURE_LABELS[result.measure] : result.columns[k]!.labels.join(' · ');
  const rowLabel = (i: number) => result.rows[i]!.labels.join(' · ') || 'All';
  // London has several wards called "Abbey": where names repeat, show the code too.
  const repeated = repeatedLabels(result);
  const where = (i: number | null, k: number | null) =>
    [i === null ? 'All' : rowLabel(i), k === null ? (noColumns ? '' : 'all') : noColumns ? '' : colLabel(k)]
      .filter(Boolean)
      .join(' · ');

  const ariaSort = (by: SortKey) =>
    sort?.by === by ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  const arrow = (by: SortKey) => (sort?.by === by ? (sort.dir === 'asc' ? '▲' : '▼') : '↕');
  const header = (by: SortKey, label: string, className?: string) => (
    <th scope="col" key={String(by)} className={className} aria-sort={ariaSort(by)}>
      <button
        type="button"
        className="sort-button"
        onClick={() => setSort(nextSort(sort, by))}
        title={`Sort by ${label}`}
      >
        <span>{label}</span>
        <span className={`sort-arrow${sort?.by === by ? ' is-active' : ''}`} aria-hidden="true">
          {arrow(by)}
        </span>
      </button>
    </th>
  );

  const rowKey = (i: number) => result.rows[i]!.keys.join('|');
  const colKey = (k: number) => result.columns[k]!.keys.join('|');

  return (
    <div className="pivot-scroll" ref={scroller} tabIndex={0} role="region" aria-label="Pivot table">
      <table className="pivot-table" aria-rowcount={result.rows.length + 2}>
        <caption className="visually-hidden">
          {MEASURE_LABELS[result.measure]} by {rowTitle}
          {noColumns ? '' : ` and ${result.columnDimensions.map((d) => DIMENSION_LABELS[d]).join(' · ')}`}.
          Click a column heading to sort; click a figure to drill down.
        </caption>
        <thead>
          <tr>
            {header('label', rowTitle, 'row-head')}
            {result.columns.map((_, k) => header(k, colLabel(k), 'num'))}
            {showRowTotals && header('total', 'Total', 'num is-total')}
          </tr>
        </thead>
        <tbody>
          {win.padTop > 0 && <tr className="spacer" style={{ height: win.padTop }} aria-hidden="true" />}
          {order.slice(win.start, win.end).map((i) => (
            <tr key={rowKey(i) || i}>
              <th scope="row" className="row-head">
                <button
                  type="button"
                  className="row-button"
                  onClick={() => onDrill({ row: i })}
                  title={`Drill into ${rowLabel(i)}: its months and categories`}
                >
                  {rowLabel(i)}
                  {repeated.has(rowLabel(i)) && (
                    <span className="row-code">{result.rows[i]!.keys.join(' · ')}</span>
                  )}
                </button>
              </th>
              {result.cells[i]!.map((cell, k) => (
                <PivotCellView
                  key={k}
                  measure={result.measure}
                  cell={cell}
                  where={where(i, k)}
                  smallCount={smallCount}
                  onDrill={() => onDrill({ row: i, column: k })}
                  onExplain={explain(i, k)}
                  rowKey={rowKey(i)}
                  colKey={colKey(k)}
                />
              ))}
              {showRowTotals && (
                <PivotCellView
                  measure={result.measure}
                  cell={result.rowTotals[i]!}
                  where={where(i, null)}
                  smallCount={smallCount}
                  total
                  onDrill={() => onDrill({ row: i })}
                  onExplain={explain(i, -1)}
                  rowKey={rowKey(i)}
                  colKey="total"
                />
              )}
            </tr>
          ))}
          {win.padBottom > 0 && (
            <tr className="spacer" style={{ height: win.padBottom }} aria-hidden="true" />
          )}
        </tbody>
        {showColumnTotals && (
          <tfoot>
            <tr>
              <th scope="row" className="row-head">
                Total
              </th>
              {result.columnTotals.map((cell, k) => (
                <PivotCellView
                  key={k}
                  measure={result.measure}
                  cell={cell}
                  where={where(null, k)}
                  smallCount={smallCount}
                  total
                  onDrill={noColumns ? undefined : () => onDrill({ column: k })}
                  onExplain={explain(-1, k)}
                  rowKey="total"
                  colKey={colKey(k)}
                />
              ))}
              {showRowTotals && (
                <PivotCellView
                  measure={result.measure}
                  cell={result.grandTotal}
                  where="All"
                  smallCount={smallCount}
                  total
                  onExplain={explain(-1, -1)}
                  rowKey="total"
                  colKey="total"
                />
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

function repeatedLabels(result: PivotResult): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const r of result.rows) {
    const label = r.labels.join(' · ');
    if (seen.has(label)) repeated.add(label);
    seen.add(label);
  }
  return repeated;
}
