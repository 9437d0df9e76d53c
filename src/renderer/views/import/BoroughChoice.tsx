/**
 * The borough of a partner sheet's wards. London has some ward names twice (Belmont in Harrow
 * and in Sutton, Edgware in Barnet and in Harrow): without a borough the engine lists such
 * rows as unmatched rather than guess, and its result asks for exactly this choice. A sheet
 * from one council is all one borough; a London-wide one may have a borough column.
 */
import { useId } from 'react';
import type { ColumnMapping } from '../../../shared/importing';
import { refFromValue, refValue, type ColumnChoice } from './columns';

/** The select's value for "every row is in one borough", beside the columns' own values. */
const ONE_BOROUGH = '*';

export function BoroughChoice({
  choices,
  mapping,
  onChange,
}: {
  choices: ColumnChoice[];
  mapping: ColumnMapping;
  onChange(change: Pick<ColumnMapping, 'borough' | 'boroughValue'>): void;
}) {
  const id = useId();
  const mode = mapping.boroughValue !== undefined ? ONE_BOROUGH : refValue(mapping.borough);
  return (
    <>
      <label className="field">
        <span>Borough</span>
        <select
          value={mode}
          onChange={(e) => {
            const v = e.target.value;
            if (v === ONE_BOROUGH) onChange({ borough: undefined, boroughValue: mapping.boroughValue ?? '' });
            else onChange({ borough: refFromValue(v), boroughValue: undefined });
          }}
        >
          <option value="">Not said (ward names in one borough only)</option>
          <option value={ONE_BOROUGH}>Every row is in one borough…</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              From column {c.label}
            </option>
          ))}
        </select>
      </label>
      {mode === ONE_BOROUGH && (
        <label className="field" htmlFor={`${id}-borough`}>
          <span>Every row is in</span>
          <input
            id={`${id}-borough`}
            type="text"
            value={mapping.boroughValue ?? ''}
            placeholder="e.g. Harrow or E09000015"
            onChange={(e) => onChange({ borough: undefined, boroughValue: e.target.value })}
          />
        </label>
      )}
    </>
  );
}
