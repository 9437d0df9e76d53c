/** One figure of the pivot: formatted UK-style, marked when flagged, explained on hover, clickable to drill down. */
import { memo, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { Measure, PivotCell } from '../../../shared/pivot';
import { populationWords } from '../../../shared/populationBasis';
import { formatCount, formatMeasure } from '../../format/numbers';
import { flagClasses, flagId, flagText, FLAG_SYMBOLS } from './flags';

interface Props {
  measure: Measure;
  cell: PivotCell;
  /** "Belmont · 2024", for the tooltip. */
  where: string;
  smallCount: number;
  total?: boolean;
  /** Where the figure sits: its row and column indexes, −1 for a total. */
  row: number;
  column: number;
  /** Drill-down from this figure (absent when there is nothing behind it to show). */
  onDrill?: (row: number, column: number) => void;
  /** "Show source": the trail from this figure to its source rows. */
  onExplain?: (row: number, column: number) => void;
  rowKey: string;
  colKey: string;
  /** Set when the table draws only some of its columns. */
  colIndex?: number;
}

/**
 * Memoised, with handlers that take the figure's place: when the table's window moves, only the
 * figures that come into view are drawn, not every figure of every row again.
 */
export const PivotCellView = memo(function PivotCellView({
  measure,
  cell,
  where,
  smallCount,
  total,
  row,
  column,
  onDrill,
  onExplain,
  rowKey,
  colKey,
  colIndex,
}: Props) {
  // "Show source" is drawn only where the pointer or the focus is: one button per figure, not
  // two, keeps a big table quick to draw. A figure without a drill-down (the grand total)
  // cannot take the focus itself, so its source button is always there for the keyboard.
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const showSource = Boolean(onExplain) && (hovered || focused || !onDrill);
  const leave = (e: FocusEvent<HTMLElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
  };
  const text = formatMeasure(measure, cell.value);
  const marks = cell.flags.map((f) => FLAG_SYMBOLS[f]).join('');
  const title = describe(measure, cell, where, smallCount, Boolean(onDrill));
  const className = [
    'num',
    flagClasses(cell),
    cell.value === null ? 'is-null' : '',
    total ? 'is-total' : '',
    showSource ? 'has-source' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const content = (
    <>
      <span className="cell-text">{text}</span>
      {marks && (
        <sup className="flag-marks" aria-hidden="true">
          {marks}
        </sup>
      )}
    </>
  );
  return (
    <td
      className={className}
      data-row={rowKey}
      data-col={colKey}
      aria-colindex={colIndex}
      onMouseEnter={onExplain ? () => setHovered(true) : undefined}
      onMouseLeave={onExplain ? () => setHovered(false) : undefined}
      onFocus={onExplain ? () => setFocused(true) : undefined}
      onBlur={onExplain ? leave : undefined}
    >
      {onDrill ? (
        // A button in role, not in element: a <button> is laid out as a flex box of its own,
        // and in a screenful of 800 figures those boxes were most of the layout and paint of
        // every scroll step. The span takes the focus, Enter and Space like a button does.
        <span
          role="button"
          tabIndex={0}
          className="cell-button"
          title={title}
          aria-describedby={cell.flags.map(flagId).join(' ') || undefined}
          onClick={() => onDrill(row, column)}
          onKeyDown={(e) => pressed(e) && onDrill(row, column)}
        >
          {content}
        </span>
      ) : (
        // Focusable though it does not drill, so the keyboard can read why a figure is marked or blank.
        <span className="cell-static" title={title} tabIndex={0}>
          {content}
        </span>
      )}
      {showSource && (
        <button
          type="button"
          className="source-button"
          aria-label={`Show source of ${where || 'this figure'}`}
          title="Show source: the files and rows behind this figure"
          onClick={() => onExplain?.(row, column)}
        >
          {/* The circled "i" is drawn by CSS: no font here has the ⓘ glyph, and looking for one costs a long first layout. */}
          <span aria-hidden="true" />
        </button>
      )}
    </td>
  );
});

/** Enter or Space on a figure: what a click does (Space would otherwise scroll the table). */
function pressed(e: KeyboardEvent<HTMLElement>): boolean {
  if (e.key !== 'Enter' && e.key !== ' ') return false;
  e.preventDefault();
  return true;
}

export function describe(
  measure: Measure,
  cell: PivotCell,
  where: string,
  smallCount: number,
  drillable: boolean,
): string {
  const lines = [`${where}: ${formatMeasure(measure, cell.value)}`];
  if (measure !== 'count') lines.push(`Crimes: ${formatCount(cell.count)}`);
  if (cell.previousCount !== undefined) lines.push(`A year earlier: ${formatCount(cell.previousCount)}`);
  if (cell.population)
    lines.push(
      `Population: ${formatCount(cell.population)}${cell.populationYear ? ` (${populationWords(cell.populationYear, cell.populationBasis)})` : ''}`,
    );
  if (cell.reason) lines.push(cell.reason);
  for (const f of cell.flags) lines.push(flagText(f, smallCount));
  if (drillable) lines.push('Click to see what lies behind this figure.');
  return lines.join('\n');
}
