/**
 * Renders only the rows and columns in view (plus a margin) when a pivot is large, so a ward ×
 * month table of all London over fifteen years (679 × 189 figures) stays quick to draw and to
 * scroll. The window moves in steps, not pixel by pixel, so most scroll frames render nothing.
 */
import { startTransition, useEffect, useState, type RefObject } from 'react';

/**
 * Rows drawn beyond the edge of the view, each way. Every drawn figure is laid out and painted
 * again whenever the window moves, so the margin is kept small: the window is redrawn (in a
 * transition) as soon as a scroll comes near its edge.
 */
const OVERSCAN_ROWS = 6;
/** Columns drawn beyond the edge of the view, each way. */
const OVERSCAN_COLUMNS = 2;
/** Below these sizes everything is drawn: a short table needs no window. */
export const ROW_THRESHOLD = 150;
export const COLUMN_THRESHOLD = 40;

export interface Span {
  start: number;
  end: number;
  /** Pixels left out before `start` and after `end`. */
  before: number;
  after: number;
}

export interface TableWindow {
  rows: Span;
  columns: Span;
  /** True when columns are windowed: every figure column then has the fixed width. */
  columnsWindowed: boolean;
  /** True when rows are windowed: the row headings then keep one width whichever rows are drawn. */
  rowsWindowed: boolean;
}

interface Viewport {
  top: number;
  left: number;
  height: number;
  width: number;
}

/** The part of a list of `count` items of `size` px that a viewport shows, in steps of half the overscan. */
export function span(count: number, size: number, offset: number, extent: number, overscan: number): Span {
  const step = Math.max(1, Math.floor(overscan / 2));
  const first = Math.floor(Math.floor(offset / size) / step) * step;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + Math.ceil(extent / size) + step + overscan);
  return { start, end, before: start * size, after: (count - end) * size };
}

const everything = (count: number): Span => ({ start: 0, end: count, before: 0, after: 0 });

export function useTableWindow(
  scroller: RefObject<HTMLElement | null>,
  rowCount: number,
  columnCount: number,
  rowHeight: number,
  columnWidth: number,
): TableWindow {
  const windowRows = rowCount > ROW_THRESHOLD;
  const windowColumns = columnCount > COLUMN_THRESHOLD;
  const [view, setView] = useState<Viewport>(firstGuess);

  useEffect(() => {
    const el = scroller.current;
    if (!el || (!windowRows && !windowColumns)) return;
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const next = { top: el.scrollTop, left: el.scrollLeft, height: el.clientHeight, width: el.clientWidth };
        // Only a move that changes the drawn window re-renders the table, and as a transition:
        // the new rows and columns are drawn in short slices (a newer move takes over), so
        // scrolling never holds the UI thread.
        startTransition(() =>
          setView((old) => (sameWindow(old, next, rowCount, columnCount, rowHeight, columnWidth) ? old : next)),
        );
      });
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  }, [scroller, windowRows, windowColumns, rowCount, columnCount, rowHeight, columnWidth]);

  return {
    rows: windowRows ? span(rowCount, rowHeight, view.top, view.height, OVERSCAN_ROWS) : everything(rowCount),
    columns: windowColumns
      ? span(columnCount, columnWidth, view.left, view.width, OVERSCAN_COLUMNS)
      : everything(columnCount),
    columnsWindowed: windowColumns,
    rowsWindowed: windowRows,
  };
}

/**
 * The table's size before it can be measured: the window's width, and the height the table
 * scroller is given in pivot-table.css (62% of the window, at most 640 px). A close guess means
 * the first drawing is the right one, not a screenful of rows that are then taken away.
 */
function firstGuess(): Viewport {
  const w = typeof window === 'undefined' ? { innerWidth: 1400, innerHeight: 800 } : window;
  return { top: 0, left: 0, height: Math.min(640, Math.round(w.innerHeight * 0.62)), width: w.innerWidth };
}

function sameWindow(
  a: Viewport,
  b: Viewport,
  rows: number,
  columns: number,
  rowHeight: number,
  columnWidth: number,
): boolean {
  const same = (x: Span, y: Span) => x.start === y.start && x.end === y.end;
  return (
    same(span(rows, rowHeight, a.top, a.height, OVERSCAN_ROWS), span(rows, rowHeight, b.top, b.height, OVERSCAN_ROWS)) &&
    same(
      span(columns, columnWidth, a.left, a.width, OVERSCAN_COLUMNS),
      span(columns, columnWidth, b.left, b.width, OVERSCAN_COLUMNS),
    )
  );
}
