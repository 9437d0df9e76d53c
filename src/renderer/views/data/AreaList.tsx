/**
 * The areas a dataset holds, counted by kind ("33 boroughs and 624 wards") and listed on
 * request, wards under their borough, with a search box: 679 wards must not make a wall.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import type { DatasetArea } from '../../../shared/datasetContents';
import { counted, listed } from '../../../shared/counted';

/** A borough-level name without an ONS code ("Unknown", the airports) is the police's own area, not a borough. */
const isPoliceArea = (a: DatasetArea) => a.kind === 'borough' && !a.code;

const KINDS: [(a: DatasetArea) => boolean, string, string][] = [
  [(a) => a.kind === 'borough' && !isPoliceArea(a), 'borough', 'boroughs'],
  [isPoliceArea, 'police area', 'police areas'],
  [(a) => a.kind === 'ward', 'ward', 'wards'],
  [(a) => a.kind === 'lsoa', 'LSOA', 'LSOAs'],
];

/** "33 boroughs and 624 wards", "32 boroughs and 2 police areas", "632 wards", "no areas". */
export function areaCountText(areas: DatasetArea[]): string {
  const parts = KINDS.flatMap(([isKind, one, many]) => {
    const n = areas.filter(isKind).length;
    return n ? [counted(n, one, many)] : [];
  });
  if (parts.length === 0) return 'no areas';
  return listed(parts);
}

const BOROUGHS = 'Boroughs';
const POLICE_AREAS = 'Police areas (not boroughs)';

function groupOf(a: DatasetArea): string {
  if (isPoliceArea(a)) return POLICE_AREAS;
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
    // Boroughs, then the police areas (the first in the list by name is "Aviation Security"), then wards by borough.
    const out = new Map<string, DatasetArea[]>([
      [BOROUGHS, []],
      [POLICE_AREAS, []],
    ]);
    for (const a of areas) if (matches(a, q)) out.set(groupOf(a), [...(out.get(groupOf(a)) ?? []), a]);
    return [...out].filter(([, list]) => list.length > 0);
  }, [areas, q]);
  const shown = groups.reduce((n, [, list]) => n + list.length, 0);
  const boroughsOfWards = new Set(areas.filter((a) => a.kind !== 'borough').map((a) => a.borough)).size;
  const onlyWards = areas.every((a) => a.kind === 'ward');
  return (
    <details className="area-list" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Areas: {areaCountText(areas)}
        {onlyWards && boroughsOfWards > 1 && ` in ${counted(boroughsOfWards, 'borough')}`}
      </summary>
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
                      {a.name} {a.code && <span className="muted">{a.code}</span>}
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
