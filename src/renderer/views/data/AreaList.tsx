/**
 * The areas a dataset holds, counted by kind ("33 boroughs and 624 wards") and listed on
 * request, wards under their borough, with a search box: 679 wards must not make a wall.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import type { DatasetArea } from '../../../shared/datasetContents';
import { counted } from '../../../shared/counted';
import { areaName, areasSummary, isNoBorough, isPoliceArea } from './areaCounts';

// The Data card's facts count areas the same way (the function lives apart so tests can call it).
export { areaCountText } from './areaCounts';

const BOROUGHS = 'Boroughs';
const NOT_BOROUGHS = 'Not boroughs';

function groupOf(a: DatasetArea): string {
  if (isPoliceArea(a) || isNoBorough(a)) return NOT_BOROUGHS;
  if (a.kind === 'borough') return BOROUGHS;
  return a.borough ?? 'Borough not known';
}

function matches(a: DatasetArea, q: string): boolean {
  return (
    !q ||
    a.name.toLowerCase().includes(q) ||
    (a.code ?? '').toLowerCase().includes(q) ||
    (a.borough ?? '').toLowerCase().includes(q)
  );
}

export function AreaList({ areas, datasetName }: { areas: DatasetArea[]; datasetName: string }) {
  const [query, setQuery] = useState('');
  // Drawn when opened: 679 wards in every dataset card would weigh on every other view's work.
  const [open, setOpen] = useState(false);
  const q = useDeferredValue(query.trim().toLowerCase());
  const groups = useMemo(() => {
    // Boroughs, then the names that are not ("Aviation Security" first by name), then wards by borough.
    const out = new Map<string, DatasetArea[]>([
      [BOROUGHS, []],
      [NOT_BOROUGHS, []],
    ]);
    for (const a of areas) if (matches(a, q)) out.set(groupOf(a), [...(out.get(groupOf(a)) ?? []), a]);
    return [...out].filter(([, list]) => list.length > 0);
  }, [areas, q]);
  const shown = groups.reduce((n, [, list]) => n + list.length, 0);
  return (
    <details className="area-list" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Areas: {areasSummary(areas)}</summary>
      {open && (
        <>
          <label className="field area-search">
            <span>Find an area</span>
            <input
              type="search"
              value={query}
              placeholder="Name, code or borough"
              aria-label={`Find an area in ${datasetName}`}
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          <p className="hint" aria-live="polite">
            {q
              ? `${counted(shown, 'area')} match “${query.trim()}”.`
              : `All ${counted(areas.length, 'area')}, by borough.`}
          </p>
          <div className="area-columns">
            {groups.map(([group, list]) => (
              <section key={group} className="category-group">
                <h4>
                  {group} <span className="muted">({list.length})</span>
                </h4>
                <ul>
                  {list.map((a) => (
                    <li key={`${a.kind}-${a.code ?? a.name}`}>
                      {areaName(a)} {a.code && <span className="muted">{a.code}</span>}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </>
      )}
    </details>
  );
}
