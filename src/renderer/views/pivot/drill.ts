/**
 * Drilling down from a pivot cell, as analysts ask at committee: click a ward and see its
 * months × categories; click a month and see the wards. Pure: a result and a click in, the
 * next PivotSpec out.
 */
import type { Dimension, PivotResult, PivotSpec } from '../../../shared/pivot';
import type { DatasetSummary } from '../../../shared/workspace';
import { AREA_DIMENSIONS, CATEGORY_DIMENSIONS, categoryDimension, finestArea, isTime } from './dimensions';
import { intersect, periodSpan } from './periods';

export interface DrillTarget {
  /** Index into result.rows; absent for a column total. */
  row?: number;
  /** Index into result.columns; absent for a row total. */
  column?: number;
}

export interface Drill {
  spec: PivotSpec;
  /** "Belmont · 2024": what was clicked, for the breadcrumb. */
  label: string;
}

export function drillSpec(
  result: PivotResult,
  target: DrillTarget,
  dataset: Pick<DatasetSummary, 'kind' | 'areaLevel'>,
): Drill | null {
  const spec = result.spec;
  const filters: Partial<Record<Dimension, string[]>> = { ...(spec.filters ?? {}) };
  let months = spec.months;
  const labels: string[] = [];
  const picked = new Set<Dimension>();

  const take = (dims: Dimension[], keys: string[], names: string[]) =>
    dims.forEach((d, i) => {
      const key = keys[i];
      if (key === undefined) return;
      labels.push(names[i] ?? key);
      picked.add(d);
      const span = isTime(d) ? periodSpan(d, key) : null;
      if (span) months = intersect(months, span);
      else if (!isTime(d)) filters[d] = [key];
    });
  if (target.row !== undefined) {
    const h = result.rows[target.row];
    if (h) take(result.rowDimensions, h.keys, h.labels);
  }
  if (target.column !== undefined) {
    const h = result.columns[target.column];
    if (h) take(result.columnDimensions, h.keys, h.labels);
  }
  if (labels.length === 0) return null;

  const finest = finestArea(dataset);
  const category = categoryDimension(dataset);
  const hasCategory = [...picked].some((d) => CATEGORY_DIMENSIONS.includes(d));
  const area = [...picked].find((d) => AREA_DIMENSIONS.includes(d));
  let rows: Dimension[];
  let columns: Dimension[];
  if (area === finest) {
    // One area: its months, across its categories (or alone when one category is already picked).
    rows = ['month'];
    columns = hasCategory ? [] : [category];
  } else {
    // A period, a category or a larger area: list the areas within it. A one-ward filter left by
    // an earlier drill would list that ward alone: a month of Greenhill's drills to all the wards.
    rows = [finest];
    columns = hasCategory ? (area ? ['year'] : []) : [category];
    if (filters[finest]?.length === 1) delete filters[finest];
  }
  const measure = spec.measure === 'share' ? 'count' : spec.measure;
  return {
    spec: { ...spec, rows, columns, filters, ...(months ? { months } : {}), measure },
    label: labels.join(' · '),
  };
}
