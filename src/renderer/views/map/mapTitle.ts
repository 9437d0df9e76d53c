/**
 * The Map view's title. It says what the map on screen answers, read from the question that
 * map was the answer to, never from the controls: while the next map is on its way, the last
 * stays on screen under its own title (and is not drawn a second time under the new one).
 */
import type { ChoroplethResult } from '../../../shared/geo';
import type { PivotSpec } from '../../../shared/pivot';
import { MEASURE_UNITS } from '../../charts/labels';
import { monthRange } from '../../format/months';
import type { Category } from './useMajorCategories';

export function mapTitle(map: ChoroplethResult, question: string, categories: readonly Category[]): string {
  const filters = (JSON.parse(question) as PivotSpec).filters ?? {};
  const borough = map.level === 'ward' ? (filters.borough?.[0] ?? '') : '';
  const crimeType = categories.find((c) => c.key === filters.major?.[0]) ?? null;
  return (
    `${MEASURE_UNITS[map.measure]} by ${map.level}${borough ? ` — ${borough}` : ''}, ` +
    `${crimeType ? `${crimeType.label}, ` : ''}${monthRange(map.span.from, map.span.to)}`
  );
}
