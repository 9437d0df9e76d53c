/**
 * Filters: keep only some boroughs, wards or categories. Values are typed or picked from a
 * list; the engine resolves names ("harrow", "E09000015", "Burglary - Residential") and says
 * plainly when a name matches nothing.
 */
import { useEffect, useId, useState } from 'react';
import type { Dimension, PivotSpec } from '../../../shared/pivot';
import type { DatasetSummary } from '../../../shared/workspace';
import { useWorkbench } from '../../api/context';
import { DIMENSION_LABELS } from '../../charts/labels';
import { valueAsShown } from './filterValue';
import { dimensionsFor, isTime } from './dimensions';

interface Props {
  dataset: DatasetSummary;
  spec: PivotSpec;
  /** Labels for keys the analyst has seen (ward codes → names), so chips read as names. */
  labels: Map<string, string>;
  onChange(filters: Partial<Record<Dimension, string[]>>): void;
}

export function FilterEditor({ dataset, spec, labels, onChange }: Props) {
  const { client } = useWorkbench();
  const id = useId();
  const choices = dimensionsFor(dataset).filter((d) => !isTime(d));
  const [dim, setDim] = useState<Dimension>(choices[0]!);
  const [value, setValue] = useState('');
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const filters = spec.filters ?? {};
  const active = (Object.entries(filters) as [Dimension, string[]][]).filter(([, v]) => v?.length);

  useEffect(() => {
    let stale = false;
    // Offer the values this dataset holds, within the other filters (wards of the chosen borough).
    const others = Object.fromEntries(Object.entries(spec.filters ?? {}).filter(([d]) => d !== dim));
    client
      .invoke('pivot/run', {
        dataset: dataset.key,
        rows: [dim],
        columns: [],
        filters: others,
        measure: 'count',
        ...(spec.months ? { months: spec.months } : {}),
      })
      .then(
        (r) =>
          !stale &&
          setSuggestions(
            [...new Set(r.rows.map((h) => h.labels.join(' · ')))].sort((a, b) => a.localeCompare(b, 'en-GB')),
          ),
        () => !stale && setSuggestions([]),
      );
    return () => {
      stale = true;
    };
  }, [client, dataset.key, dim, spec.filters, spec.months]);

  function add() {
    const v = valueAsShown(value, suggestions);
    if (!v) return;
    const current = filters[dim] ?? [];
    if (!current.some((c) => c.toLowerCase() === v.toLowerCase()))
      onChange({ ...filters, [dim]: [...current, v] });
    setValue('');
  }

  function removeValue(d: Dimension, v: string) {
    const rest = (filters[d] ?? []).filter((x) => x !== v);
    const next = { ...filters };
    if (rest.length) next[d] = rest;
    else delete next[d];
    onChange(next);
  }

  return (
    <fieldset className="filters">
      <legend>Filters</legend>
      {active.length > 0 && (
        <ul className="chips" aria-label="Filters in use">
          {active.flatMap(([d, values]) =>
            values.map((v) => (
              <li key={`${d}=${v}`} className="chip">
                <span>
                  {DIMENSION_LABELS[d]}: {labels.get(v) ?? v}
                </span>
                <button
                  type="button"
                  className="chip-remove"
                  onClick={() => removeValue(d, v)}
                  aria-label={`Remove filter ${DIMENSION_LABELS[d]}: ${labels.get(v) ?? v}`}
                >
                  ×
                </button>
              </li>
            )),
          )}
        </ul>
      )}
      <form
        className="filter-add"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label className="field">
          <span>Keep only</span>
          <select value={dim} onChange={(e) => setDim(e.target.value as Dimension)} aria-label="Filter on">
            {choices.map((d) => (
              <option key={d} value={d}>
                {DIMENSION_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-grow">
          <span>Value</span>
          <input
            type="text"
            list={`${id}-values`}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            placeholder={`Type or pick a ${DIMENSION_LABELS[dim].toLowerCase()}`}
            aria-label="Filter value"
          />
          <datalist id={`${id}-values`}>
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <button type="submit" className="button" disabled={!value.trim()}>
          Add filter
        </button>
      </form>
    </fieldset>
  );
}
