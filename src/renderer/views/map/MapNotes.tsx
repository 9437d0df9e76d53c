/**
 * The notes on a map: the engine's, and the areas it could not draw. A map with nothing shaded
 * (a rate with no populations for its wards, say) says so above the map, with the reason,
 * instead of leaving a silent grey map with the reason below it.
 */
import type { ChoroplethResult } from '../../../shared/geo';
import { MEASURE_UNITS } from '../../charts/labels';
import { formatCount, formatMeasure } from '../../format/numbers';
import { missingOutlines } from './mapCoverage';

/** True when areas have crimes but not one has a figure for the measure: nothing is shaded. */
export function nothingShaded(map: ChoroplethResult): boolean {
  return map.legend.classes.length === 0 && map.features.features.some((f) => f.properties.count !== null);
}

export function MapNotes({ map }: { map: ChoroplethResult }) {
  const blank = nothingShaded(map);
  if (!blank && map.notes.length === 0 && map.unmapped.length === 0) return null;
  const areas = map.level === 'ward' ? 'ward' : 'borough';
  const gaps = missingOutlines(map);
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
        {gaps && (
          <li>
            The colour classes are worked out from the {formatCount(gaps.drawn)} {areas}s drawn, not all{' '}
            {formatCount(gaps.withFigures)}.
          </li>
        )}
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

/**
 * Most of a map's areas with figures have no outline (a 2018-wards extract with only the 2022
 * boundaries imported draws 149 of its 632 wards): said above the map, with the boundaries to
 * import, and that the legend's classes come from the areas drawn alone.
 */
export function MissingOutlinesNotice({ map, onImport }: { map: ChoroplethResult; onImport?(): void }) {
  const gaps = missingOutlines(map);
  if (!gaps) return null;
  const areas = map.level === 'ward' ? 'wards' : 'boroughs';
  return (
    <section className="notes map-blank map-gaps" role="status" aria-label="Areas not on this map">
      <p className="notice-title">
        {formatCount(gaps.missing)} of {formatCount(gaps.withFigures)} {areas} have no outline: import {gaps.boundaries}{' '}
        (Import ▸ boundaries).
      </p>
      <p>
        The map draws the other {formatCount(gaps.drawn)}, and its colour classes are worked out from those{' '}
        {formatCount(gaps.drawn)} alone.
      </p>
      {onImport && (
        <button type="button" className="button" onClick={onImport}>
          Go to the Import view
        </button>
      )}
    </section>
  );
}
