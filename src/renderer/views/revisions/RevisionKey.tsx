/**
 * The key to the month table's shading, beside the table. A shaded row's tooltip and its
 * accessible description are the key's own entry, so the words are the same wherever read.
 */

export const REVISED_KEY_ID = 'rev-key-revised';
export const UNCHANGED_KEY_ID = 'rev-key-unchanged';

/** The words of a shaded row's tooltip and of its entry in the key. */
export const REVISED_MONTH = 'Revised: the newer extract changed at least one figure in this month.';
export const UNCHANGED_MONTH = 'Unchanged: every figure in this month is the same in both extracts.';

export function RevisionKey() {
  return (
    <ul className="legend revision-key" aria-label="Key to the shaded rows">
      <li id={REVISED_KEY_ID}>
        <span className="key-swatch key-swatch-revised" aria-hidden="true" />
        <span className="visually-hidden">Shaded row: </span>
        {REVISED_MONTH}
      </li>
      <li id={UNCHANGED_KEY_ID}>
        <span className="key-swatch" aria-hidden="true" />
        <span className="visually-hidden">Plain row: </span>
        {UNCHANGED_MONTH}
      </li>
    </ul>
  );
}
