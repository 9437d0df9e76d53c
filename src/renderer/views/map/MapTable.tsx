/**
 * The figures on the map as a table, under a disclosure below it: the way in for the keyboard
 * (every area name is a button that opens the same drill-down as a click on the map) and for
 * reading exact values and ranks, which shades cannot give.
 */
import { useMemo, useState } from 'react';
import { counted } from '../../../shared/counted';
import type { ChoroplethResult } from '../../../shared/geo';
import { MEASURE_UNITS } from '../../charts/labels';
import { formatCount, formatMeasure } from '../../format/numbers';
import { FlagKey, FlaggedFigure } from '../pivot/FlagMarks';
import { mapTableRows, type TableOrder } from './mapTable';

export function MapTable({ map, onOpen }: { map: ChoroplethResult; onOpen(code: string): void }) {
  const [order, setOrder] = useState<TableOrder>('rank');
  // Drawn when opened: a row per ward would otherwise be built with every map.
  const [open, setOpen] = useState(false);
  const rows = useMemo(() => mapTableRows(map, order), [map, order]);
  const area = map.level === 'ward' ? 'Ward' : 'Borough';
  const boroughs = map.level === 'ward' && new Set(rows.map((r) => r.borough)).size > 1;
  const counts = map.measure !== 'count';
  const sortButton = (to: TableOrder, label: string) => (
    <button type="button" className="map-sort" onClick={() => setOrder(to)} aria-pressed={order === to}>
      {label}
    </button>
  );
  return (
    <details className="map-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Show the figures as a table</summary>
      {open && (
        <>
          <p className="hint">
            {counted(rows.length, map.level)}, highest figure first unless sorted by name. Open an area’s name
            to see the figures behind it, as a click on the map does.
          </p>
          <div className="table-scroll">
            <table className="compact-table">
              <caption className="visually-hidden">
                {MEASURE_UNITS[map.measure]} by {map.level}, as on the map
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="num" aria-sort={order === 'rank' ? 'ascending' : 'none'}>
                    {sortButton('rank', 'Rank')}
                  </th>
                  <th scope="col" aria-sort={order === 'name' ? 'ascending' : 'none'}>
                    {sortButton('name', area)}
                  </th>
                  {boroughs && <th scope="col">Borough</th>}
                  <th scope="col" className="num">
                    {MEASURE_UNITS[map.measure]}
                  </th>
                  {counts && (
                    <th scope="col" className="num">
                      Crimes
                    </th>
                  )}
                  <th scope="col">Shade on the map</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.code} data-code={r.code}>
                    <td className="num">{r.rank ?? '–'}</td>
                    <th scope="row">
                      {r.count === null ? (
                        r.name
                      ) : (
                        <button type="button" className="link-button" onClick={() => onOpen(r.code)}>
                          {r.name}
                        </button>
                      )}
                    </th>
                    {boroughs && <td>{r.borough ?? ''}</td>}
                    <td className="num">
                      <FlaggedFigure
                        text={
                          <span className="map-value">
                            {formatMeasure(map.measure, r.value)}
                            {r.small ? ' *' : ''}
                          </span>
                        }
                        flags={r.withinChance ? ['not-significant'] : []}
                      />
                    </td>
                    {counts && <td className="num">{r.count === null ? '–' : formatCount(r.count)}</td>}
                    <td>{r.shade ?? 'No figure'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.some((r) => r.withinChance) && (
            <p className="hint">
              <FlagKey flag="not-significant" />
            </p>
          )}
        </>
      )}
    </details>
  );
}
