/** One figure of the pivot: formatted UK-style, marked when flagged, explained on hover, clickable to drill down. */
import { useState, type FocusEvent } from 'react';
import type { Measure, PivotCell } from '../../../shared/pivot';
import { formatCount, formatMeasure } from '../../format/numbers';
import { flagClasses, flagId, flagText, FLAG_SYMBOLS } from './flags';

interface Props {
  measure: Measure;
  cell: PivotCell;
  /** "Belmont · 2024", for the tooltip. */
  where: string;
  smallCount: number;
  total?: boolean;
  onDrill?: () => void;
  /** "Show source": the trail from this figure to its source rows. */
  onExplain?: () => void;
  rowKey: string;
  colKey: string;
  /** Set when the table draws only some of its columns. */
  colIndex?: number;
}

export function PivotCellView({
  measure,
  cell,
  where,
  smallCount,
  total,
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
  const className = ['num', flagClasses(cell), cell.value === null ? 'is-null' : '', total ? 'is-total' : '']
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
        <button
          type="button"
          className="cell-button"
          title={title}
          aria-describedby={cell.flags.map(flagId).join(' ') || undefined}
          onClick={onDrill}
        >
          {content}
        </button>
      ) : (
        <span className="cell-static" title={title}>
          {content}
        </span>
      )}
      {showSource && (
        <button
          type="button"
          className="source-button"
          aria-label={`Show source of ${where || 'this figure'}`}
          title="Show source: the files and rows behind this figure"
          onClick={onExplain}
        >
          <span aria-hidden="true">ⓘ</span>
        </button>
      )}
    </td>
  );
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
      `Population: ${formatCount(cell.population)}${cell.populationYear ? ` (${cell.populationYear} estimate)` : ''}`,
    );
  if (cell.reason) lines.push(cell.reason);
  for (const f of cell.flags) lines.push(flagText(f, smallCount));
  if (drillable) lines.push('Click to see what lies behind this figure.');
  return lines.join('\n');
}
