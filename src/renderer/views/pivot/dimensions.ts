/**
 * Which dimensions make sense for a dataset, and the pivot a dataset opens with. Counts
 * datasets (MPS extracts, mapped sheets) have areas and categories; incident datasets
 * (police.uk) have LSOAs, crime types and outcomes. Time dimensions work for both.
 */
import type { Dimension, PivotSpec } from '../../../shared/pivot';
import type { DatasetSummary } from '../../../shared/workspace';
import { openingPeriod } from './periods';

export const TIME_DIMENSIONS: Dimension[] = ['month', 'quarter', 'year', 'financial-year'];
export const isTime = (d: Dimension) => TIME_DIMENSIONS.includes(d);

export function dimensionsFor(ds: Pick<DatasetSummary, 'kind' | 'areaLevel'>): Dimension[] {
  const areas: Dimension[] =
    ds.kind === 'incidents'
      ? ['borough', 'lsoa']
      : ds.areaLevel === 'ward'
        ? ['borough', 'ward']
        : ['borough'];
  const categories: Dimension[] = ds.kind === 'incidents' ? ['crime-type', 'outcome'] : ['major', 'minor'];
  return [...areas, ...categories, ...TIME_DIMENSIONS];
}

/** The smallest area a dataset holds: what a drill-down lists. */
export function finestArea(ds: Pick<DatasetSummary, 'kind' | 'areaLevel'>): Dimension {
  return ds.kind === 'incidents' ? 'lsoa' : ds.areaLevel === 'ward' ? 'ward' : 'borough';
}

/** The category dimension a drill-down spreads across the columns. */
export const categoryDimension = (ds: Pick<DatasetSummary, 'kind'>): Dimension =>
  ds.kind === 'incidents' ? 'crime-type' : 'major';

export const AREA_DIMENSIONS: Dimension[] = ['borough', 'ward', 'lsoa'];
export const CATEGORY_DIMENSIONS: Dimension[] = ['major', 'minor', 'category', 'crime-type', 'outcome'];

/**
 * What a dataset opens with: its areas (or crime types) over its last two whole calendar years,
 * the comparison an assessment makes (and quick even on a long history), never a part year
 * beside a whole one (see openingPeriod).
 */
export function defaultSpec(ds: DatasetSummary): PivotSpec {
  const rows: Dimension[] = ds.kind === 'incidents' ? ['crime-type'] : [finestArea(ds)];
  const spec: PivotSpec = { dataset: ds.key, rows, columns: ['year'], measure: 'count', filters: {} };
  const { first, last } = ds.months;
  if (!first || !last) return spec;
  const { columns, months } = openingPeriod(first, last);
  return { ...spec, columns: [columns], ...(months ? { months } : {}) };
}

/** The datasets a pivot can use: crimes, not populations. */
export const pivotable = (datasets: DatasetSummary[]) => datasets.filter((d) => d.kind !== 'population');
