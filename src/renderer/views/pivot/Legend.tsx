/** The key to the marks on pivot cells; cells point at these entries for their accessible description. */
import type { CellFlag } from '../../../shared/pivot';
import { flagId, flagText, FLAG_SYMBOLS } from './flags';

const ALL: CellFlag[] = ['small', 'incomplete', 'not-significant'];

export function Legend({ smallCount }: { smallCount: number }) {
  return (
    <ul className="legend pivot-legend" aria-label="Key to the marks in the table">
      {ALL.map((f) => (
        <li key={f} id={flagId(f)} className={`flag-${f}`}>
          <span className="flag-symbol" aria-hidden="true">
            {FLAG_SYMBOLS[f]}
          </span>{' '}
          {flagText(f, smallCount)}
        </li>
      ))}
      <li>
        <span className="flag-symbol" aria-hidden="true">
          –
        </span>{' '}
        No figure: point at it, or move to it with Tab, to see why.
      </li>
    </ul>
  );
}
