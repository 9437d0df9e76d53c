/**
 * The notes on a map: the engine's, and the areas it could not draw. A map with nothing shaded
 * (a rate with no populations for its wards, say) says so above the map, with the reason,
 * instead of leaving a silent grey map with the reason below it.
 */
import type { ChoroplethResult } from '../../../shared/geo';
import { MEASURE_UNITS } from '../../charts/labels';
import { formatMeasure } from '../../format/numbers';

/** True when areas have crimes but not one has a figure for the measure: nothing is shaded. */
export function nothingShaded(map: ChoroplethResult): boolean {
  return map.legend.classes.length === 0 && map.features.features.some((f) => f.properties.count !== null);
}

export function MapNotes({ map }: { map: ChoroplethResult }) {
  const blank = nothingShaded(map);
  if (!blank && map.notes.length === 0 && map.unmapped.length === 0) return null;
  const areas = map.level === 'ward' ? 'ward' : 'borough';
  return (
    <section className={blank ? 'notes map-blank' : 'notes'} aria-label="Notes on this map" role={blank ? 'status' : undefined}>
      {blank ? (
        <p className="notice-title">
          Nothing is shaded: no {areas} on this map has a figure for “{MEASURE_UNITS[map.measure].toLowerCase()}”.
        </p>
      ) : (
        <h3>Notes</h3>
      )}
      <ul>
        {map.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
        {map.unmapped.length > 0 && (
          <li>
            Not on the map (no boundary):{' '}
            {map.unmapped.map((u) => `${u.name} (${formatMeasure(map.measure, u.value)})`).join(', ')}.
          </li>
        )}
      </ul>
    </section>
  );
}
