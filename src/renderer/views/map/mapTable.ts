/**
 * The map's areas as rows of a table: highest figure first (the order a councillor asks
 * "which wards are worst?" in), areas with no figure last, ties sharing a rank. Pure.
 */
import type { ChoroplethResult } from '../../../shared/geo';

export type TableOrder = 'rank' | 'name';

export interface MapTableRow {
  code: string;
  name: string;
  borough: string | null;
  value: number | null;
  count: number | null;
  small: boolean;
  /** A change within what chance alone would give (not significant at 95%): marked "~" as in the Pivot. */
  withinChance: boolean;
  /** 1 for the highest figure; equal figures share a rank ("1, 2, 2, 4"); null with no figure. */
  rank: number | null;
  /** The legend class's label, as the map's legend gives it; null with no figure. */
  shade: string | null;
  /** Why there is no figure, when there is none. */
  reason: string | null;
}

const byName = (a: MapTableRow, b: MapTableRow) => a.name.localeCompare(b.name, 'en-GB');

export function mapTableRows(map: ChoroplethResult, order: TableOrder = 'rank'): MapTableRow[] {
  const rows: MapTableRow[] = map.features.features.map(({ properties: p }) => ({
    code: p.code,
    name: p.name,
    borough: p.borough,
    value: p.value,
    count: p.count,
    small: p.small,
    // Only a figure can be within chance; a blank has nothing to mark.
    withinChance: p.value !== null && p.notSignificant,
    rank: null,
    shade: p.classIndex === null ? null : (map.legend.classes[p.classIndex]?.label ?? null),
    reason: p.value === null ? p.reason : null,
  }));
  rows.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? byName(a, b) : a.value === null ? 1 : -1;
    return b.value - a.value || byName(a, b);
  });
  rows.forEach((r, i) => {
    if (r.value === null) return;
    const before = rows[i - 1];
    r.rank = before && before.value === r.value ? before.rank : i + 1;
  });
  return order === 'name' ? [...rows].sort(byName) : rows;
}
