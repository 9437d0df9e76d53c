/**
 * The pivot as a table: sticky headings and totals, sorting by any column, UK formats,
 * marked cells, and a click on any figure or row heading to drill down.
 */
import {
  memo,
  startTransition,
  useCallback,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
} from 'react';
import type { PivotResult } from '../../../shared/pivot';
import { DIMENSION_LABELS, measureUnit } from '../../charts/labels';
import type { DrillTarget } from './drill';
import { PivotCellView } from './PivotCellView';
import { nextSort, sortedRows, type Sort, type SortKey } from './sorting';
import { useTableWindow, type Span } from './useRowWindow';

const ROW_HEIGHT = 31;
/** Figure columns are this wide when a long run of them (189 months) is windowed. */
const COLUMN_WIDTH = 104;

interface Props {
  result: PivotResult;
  onDrill(t: DrillTarget): void;
  /** "Show source" on a figure: row and column indexes, −1 for a total. */
  onExplain?(row: number, column: number): void;
}

/** What every row needs to draw itself: built once per result, so a scroll re-renders only new rows. */
interface Frame {
  result: PivotResult;
  smallCount: number;
  noColumns: boolean;
  showRowTotals: boolean;
  repeated: Set<string>;
  rowLabel(i: number): string;
  colLabel(k: number): string;
  where(i: number | null, k: number | null): string;
  drill(t: DrillTarget): void;
  /** Drill from a figure by its place (−1 for a total's missing row or column): one function for every cell. */
  drillAt(i: number, k: number): void;
  explain?(i: number, k: number): void;
  /** aria-colindex for figure column k when columns are windowed (screen readers still count them all). */
  colIndex(k: number): number | undefined;
}

export function PivotTable({ result, onDrill, onExplain }: Props) {
  const [sort, setSort] = useState<Sort | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const order = useMemo(() => sortedRows(result, sort), [result, sort]);
  const win = useTableWindow(scroller, order.length, result.columns.length, ROW_HEIGHT, COLUMN_WIDTH);
  // The callbacks must be stable (useCallback in the parent), or every row redraws on every scroll step.
  const drill = onDrill;
  const explain = useCallback((i: number, k: number) => onExplain?.(i, k), [onExplain]);
  const hasExplain = Boolean(onExplain);
  const windowed = win.columnsWindowed;
  const frame = useMemo(
    () => buildFrame(result, drill, hasExplain ? explain : undefined, windowed),
    [result, drill, explain, hasExplain, windowed],
  );
  const { noColumns, showRowTotals } = frame;
  const showColumnTotals = result.rows.length > 1;
  const rowTitle = result.rowDimensions.map((d) => DIMENSION_LABELS[d]).join(' · ') || ' ';
  const cols = win.columns;
  const visibleColumns = useMemo(() => range(cols.start, cols.end), [cols.start, cols.end]);

  const ariaSort = (by: SortKey) =>
    sort?.by === by ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  const arrow = (by: SortKey) => (sort?.by === by ? (sort.dir === 'asc' ? '▲' : '▼') : '↕');
  const header = (by: SortKey, label: string, className?: string, colIndex?: number) => (
    <th scope="col" key={String(by)} className={className} aria-sort={ariaSort(by)} aria-colindex={colIndex}>
      <button
        type="button"
        className="sort-button"
        // A transition: the re-ordered rows are drawn in short slices, so the click is answered at once.
        onClick={() => startTransition(() => setSort((s) => nextSort(s, by)))}
        title={`Sort by ${label}`}
      >
        <span>{label}</span>
        <span className={`sort-arrow${sort?.by === by ? ' is-active' : ''}`} aria-hidden="true">
          {arrow(by)}
        </span>
      </button>
    </th>
  );
  const colKey = (k: number) => result.columns[k]!.keys.join('|');
  const totalColIndex = windowed ? result.columns.length + 2 : undefined;

  // A figure's explanation (its tooltip) for the keyboard: a tooltip shows only to the mouse.
  const [focused, setFocused] = useState<string | null>(null);
  const after = useRef<HTMLParagraphElement>(null);
  const onFocus = (e: FocusEvent<HTMLElement>) => setFocused(figureNote(e.target));
  const onBlur = (e: FocusEvent<HTMLElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(null);
  };

  return (
    <>
      {/* Every figure is a stop for Tab: a way past them all to what follows the table. */}
      <button type="button" className="skip-link skip-table" onClick={() => after.current?.focus()}>
        Skip past the table
      </button>
      <div
        className="pivot-scroll"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label="Pivot table"
        onFocus={onFocus}
        onBlur={onBlur}
      >
        <table
          className={`pivot-table${windowed ? ' is-column-windowed' : ''}${win.rowsWindowed ? ' is-row-windowed' : ''}`}
          aria-rowcount={result.rows.length + 2}
          aria-colcount={windowed ? result.columns.length + 1 + (showRowTotals ? 1 : 0) : undefined}
          style={windowed ? ({ '--pivot-column-width': `${COLUMN_WIDTH}px` } as CSSProperties) : undefined}
        >
          <caption className="visually-hidden">
            {measureUnit(result.measure, result.dataset.kind)} by {rowTitle}
            {noColumns ? '' : ` and ${result.columnDimensions.map((d) => DIMENSION_LABELS[d]).join(' · ')}`}.
            Click a column heading to sort; click a figure to drill down.
          </caption>
          <thead>
            <tr>
              {header('label', rowTitle, 'row-head', windowed ? 1 : undefined)}
              <ColumnSpacer px={cols.before} header />
              {visibleColumns.map((k) => header(k, frame.colLabel(k), 'num', frame.colIndex(k)))}
              <ColumnSpacer px={cols.after} header />
              {showRowTotals && header('total', 'Total', 'num is-total', totalColIndex)}
            </tr>
          </thead>
          <tbody>
            {win.rows.before > 0 && (
              <tr className="spacer" style={{ height: win.rows.before }} aria-hidden="true" />
            )}
            {order.slice(win.rows.start, win.rows.end).map((i) => (
              <PivotRow
                key={frame.result.rows[i]!.keys.join('|') || i}
                i={i}
                frame={frame}
                start={cols.start}
                end={cols.end}
                before={cols.before}
                after={cols.after}
              />
            ))}
            {win.rows.after > 0 && (
              <tr className="spacer" style={{ height: win.rows.after }} aria-hidden="true" />
            )}
          </tbody>
          {showColumnTotals && (
            <tfoot>
              <tr>
                <th scope="row" className="row-head" aria-colindex={windowed ? 1 : undefined}>
                  Total
                </th>
                <ColumnSpacer px={cols.before} />
                {visibleColumns.map((k) => (
                  <PivotCellView
                    key={k}
                    measure={result.measure}
                    cell={result.columnTotals[k]!}
                    where={frame.where(null, k)}
                    smallCount={frame.smallCount}
                    total
                    row={-1}
                    column={k}
                    onDrill={noColumns ? undefined : frame.drillAt}
                    onExplain={hasExplain ? explain : undefined}
                    rowKey="total"
                    colKey={colKey(k)}
                    colIndex={frame.colIndex(k)}
                  />
                ))}
                <ColumnSpacer px={cols.after} />
                {showRowTotals && (
                  <PivotCellView
                    measure={result.measure}
                    cell={result.grandTotal}
                    where="All"
                    smallCount={frame.smallCount}
                    total
                    row={-1}
                    column={-1}
                    onExplain={hasExplain ? explain : undefined}
                    rowKey="total"
                    colKey="total"
                    colIndex={totalColIndex}
                  />
                )}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      <p className="figure-note" ref={after} tabIndex={-1} aria-live="polite">
        {focused ?? ''}
      </p>
    </>
  );
}

/** What a focused figure's tooltip says, on one line; null for anything that is not a figure. */
function figureNote(target: EventTarget): string | null {
  const el = target as HTMLElement;
  if (!el.classList?.contains('cell-button') && !el.classList?.contains('cell-static')) return null;
  return (el.getAttribute('title') ?? '').split('\n').join(' · ') || null;
}

interface RowProps extends Span {
  i: number;
  frame: Frame;
}

/** One row of figures; redrawn only when its own row or the drawn columns change. */
const PivotRow = memo(function PivotRow({ i, frame, start, end, before, after }: RowProps) {
  const { result, where, smallCount, drill, drillAt, explain } = frame;
  const rowKey = result.rows[i]!.keys.join('|');
  const label = frame.rowLabel(i);
  return (
    <tr>
      <th scope="row" className="row-head" aria-colindex={frame.colIndex(-1)}>
        <button
          type="button"
          className="row-button"
          onClick={() => drill({ row: i })}
          title={`Drill into ${label}: its months and categories`}
        >
          <span className="row-label">{label}</span>
          {frame.repeated.has(label) && <span className="row-code">{result.rows[i]!.keys.join(' · ')}</span>}
        </button>
      </th>
      <ColumnSpacer px={before} />
      {range(start, end).map((k) => (
        <PivotCellView
          key={k}
          measure={result.measure}
          cell={result.cells[i]![k]!}
          where={where(i, k)}
          smallCount={smallCount}
          row={i}
          column={k}
          onDrill={drillAt}
          onExplain={explain}
          rowKey={rowKey}
          colKey={result.columns[k]!.keys.join('|')}
          colIndex={frame.colIndex(k)}
        />
      ))}
      <ColumnSpacer px={after} />
      {frame.showRowTotals && (
        <PivotCellView
          measure={result.measure}
          cell={result.rowTotals[i]!}
          where={where(i, null)}
          smallCount={smallCount}
          total
          row={i}
          column={-1}
          onDrill={drillAt}
          onExplain={explain}
          rowKey={rowKey}
          colKey="total"
          colIndex={frame.colIndex(result.columns.length)}
        />
      )}
    </tr>
  );
});

/** The width of the columns left out of a windowed table, so the scrollbar still tells the truth. */
function ColumnSpacer({ px, header }: { px: number; header?: boolean }) {
  if (px <= 0) return null;
  const style = { width: px, minWidth: px, maxWidth: px, padding: 0 };
  return header ? (
    <th className="col-spacer" style={style} aria-hidden="true" />
  ) : (
    <td className="col-spacer" style={style} aria-hidden="true" />
  );
}

function buildFrame(
  result: PivotResult,
  drill: (t: DrillTarget) => void,
  explain: ((i: number, k: number) => void) | undefined,
  windowed: boolean,
): Frame {
  const noColumns = result.columnDimensions.length === 0;
  const rowLabel = (i: number) => result.rows[i]!.labels.join(' · ') || 'All';
  const colLabel = (k: number) =>
    // The export's heading for the same table (shared/pivotWords): "Crimes per 1,000 residents".
    noColumns ? measureUnit(result.measure, result.dataset.kind) : result.columns[k]!.labels.join(' · ');
  return {
    result,
    smallCount: result.spec.smallCount ?? 10,
    noColumns,
    showRowTotals: result.columns.length > 1,
    // London has several wards called "Abbey": where names repeat, show the code too.
    repeated: repeatedLabels(result),
    rowLabel,
    colLabel,
    where: (i, k) =>
      [i === null ? 'All' : rowLabel(i), k === null ? (noColumns ? '' : 'all') : noColumns ? '' : colLabel(k)]
        .filter(Boolean)
        .join(' · '),
    drill,
    drillAt: (i, k) => drill({ ...(i >= 0 ? { row: i } : {}), ...(k >= 0 ? { column: k } : {}) }),
    explain,
    // Column 1 is the row heading; −1 asks for it too.
    colIndex: (k) => (windowed ? (k < 0 ? 1 : k + 2) : undefined),
  };
}

const range = (start: number, end: number) =>
  Array.from({ length: Math.max(0, end - start) }, (_, n) => start + n);

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
