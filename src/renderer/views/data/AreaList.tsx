/**
 * The areas a dataset holds, counted by kind ("33 boroughs and 624 wards") and listed on
 * request, wards under their borough, with a search box: 679 wards must not make a wall.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import type { DatasetArea } from '../../../shared/datasetContents';
import { counted, listed } from '../../../shared/counted';
import type { AreaKind } from '../../../shared/workspace';

const KINDS: [AreaKind, string, string][] = [
  ['borough', 'borough', 'boroughs'],
  ['ward', 'ward', 'wards'],
  ['lsoa', 'LSOA', 'LSOAs'],
];

/** "33 boroughs and 624 wards", "632 wards", "no areas". */
export function areaCountText(areas: DatasetArea[]): string {
  const parts = KINDS.flatMap(([kind, one, many]) => {
    const n = areas.filter((a) => a.kind === kind).length;
    return n ? [counted(n, one, many)] : [];
  });
  if (parts.length === 0) return 'no areas';
  return listed(parts);
}

function groupOf(a: DatasetArea): string {
  if (a.kind === 'borough') return 'Boroughs';
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
    const out = new Map<string, DatasetArea[]>();
    for (const a of areas) if (matches(a, q)) out.set(groupOf(a), [...(out.get(groupOf(a)) ?? []), a]);
    return [...out];
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
