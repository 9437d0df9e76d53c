/**
 * The Assessment's ward map as a pivot question: its borough, category and current year, by
 * ward. One question for the map on screen and the map the pack draws, so the two agree.
 */
import type { Findings } from './findings';
import type { PivotSpec } from './pivot';

/** Null when the findings have no wards (a borough-level dataset) or no months. */
export function wardMapSpec(f: Findings): PivotSpec | null {
  const months = f.months.rows;
  if (!f.wards || months.length === 0) return null;
  return {
    dataset: f.dataset.key,
    rows: ['ward'],
    columns: [],
    measure: 'count',
    months: { from: months[0]!.month, to: months.at(-1)!.month },
    filters: {
      borough: [f.area.key],
      [f.category.level === 'major' ? 'major' : 'category']: [f.category.key],
    },
  };
}

/** The map's title, on screen and in the pack: "Burglary by ward, Harrow, 2025". */
export const wardMapTitle = (f: Findings) => `${f.category.label} by ward, ${f.area.name}, ${f.years.current}`;
