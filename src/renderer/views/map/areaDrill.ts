/**
 * A click on the map, as a click on the same area's row in the pivot: the map's question
 * (one area dimension, a period, filters) with that area picked, through the pivot's own
 * drill — a ward gives its months across the categories, a borough its wards. Pure.
 */
import type { PivotHeader, PivotResult, PivotSpec } from '../../../shared/pivot';
import type { DatasetSummary } from '../../../shared/workspace';
import { drillSpec, type Drill } from '../pivot/drill';

export function areaDrill(
  map: PivotSpec,
  area: { code: string; name: string },
  dataset: Pick<DatasetSummary, 'kind' | 'areaLevel'>,
): Drill | null {
  const level = map.rows[0];
  if (level !== 'ward' && level !== 'borough') return null;
  const row: PivotHeader = { keys: [area.code], labels: [area.name] };
  // The map is a one-column pivot of its areas: all drillSpec reads of a result is its
  // question, its headings and its dimensions.
  const asPivot = {
    spec: map,
    rows: [row],
    columns: [],
    rowDimensions: [level],
    columnDimensions: [],
  } as unknown as PivotResult;
  return drillSpec(asPivot, { row: 0 }, dataset);
}
