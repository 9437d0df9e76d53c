/**
 * The Pivot table's marks on a figure ("~", "*", "†") for the other tables that show its kind
 * of figures (the Assessment's ward tables, the Map's table): the same symbols, the same
 * words on hover, and the same grey for a figure within chance, from one place.
 */
import type { ReactNode } from 'react';
import type { CellFlag } from '../../../shared/pivot';
import { FLAG_SYMBOLS, flagText } from './flags';

/** What the flags mean, a line each: the tooltip's words, as on a Pivot figure. */
export const flagWords = (flags: readonly CellFlag[], smallCount?: number) =>
  flags.map((f) => flagText(f, smallCount)).join('\n');

/** The marks after a figure; screen readers hear the flags' names ("Not significant"). */
export function FlagMarks({ flags, smallCount }: { flags: readonly CellFlag[]; smallCount?: number }) {
  if (flags.length === 0) return null;
  return (
    <>
      <sup className="flag-marks flag-marks-inline" aria-hidden="true" title={flagWords(flags, smallCount)}>
        {flags.map((f) => FLAG_SYMBOLS[f]).join('')}
      </sup>
      <span className="visually-hidden"> ({flags.map((f) => flagText(f, smallCount).split(':')[0]).join('; ')})</span>
    </>
  );
}

/**
 * A figure with its marks, greyed as the Pivot greys a flagged figure, the flags' words added
 * to its tooltip. `title` is the figure's own tooltip (why a % change is withheld, say).
 */
export function FlaggedFigure({
  text,
  flags,
  title,
  smallCount,
}: {
  text: ReactNode;
  flags: readonly CellFlag[];
  title?: string;
  smallCount?: number;
}) {
  const words = [title, flagWords(flags, smallCount)].filter(Boolean).join('\n') || undefined;
  return (
    <span className={flags.map((f) => `flag-${f}`).join(' ') || undefined} title={words}>
      <span className="cell-text">{text}</span>
      <FlagMarks flags={flags} smallCount={smallCount} />
    </span>
  );
}

/** The key to a mark, in the Pivot legend's words: "~ Not significant: …". */
export function FlagKey({ flag, smallCount }: { flag: CellFlag; smallCount?: number }) {
  return (
    <>
      <span className="flag-marks" aria-hidden="true">
        {FLAG_SYMBOLS[flag]}
      </span>{' '}
      {flagText(flag, smallCount)}
    </>
  );
}
