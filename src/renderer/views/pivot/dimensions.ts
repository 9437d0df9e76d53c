/**
 * Which dimensions make sense for a dataset, and the pivot a dataset opens with. Counts
 * datasets (MPS extracts, mapped sheets) have areas and categories; incident datasets
 * (police.uk) have LSOAs, crime types and outcomes. Time dimensions work for both.
 */
import type { Dimension, PivotSpec } from '../../../shared/pivot';
import type { DatasetSummary } from '../../../shared/workspace';

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
 * What a dataset opens with: its areas (or crime types) by year, over the last two calendar
 * years it holds, the comparison an assessment makes (and quick even on a long history). Whole
 * years only: an extract ending in February would otherwise open on a full year beside two
 * months, and its chart would show every area falling by five-sixths.
 */
export function defaultSpec(ds: DatasetSummary): PivotSpec {
  const rows: Dimension[] = ds.kind === 'incidents' ? ['crime-type'] : [finestArea(ds)];
  const spec: PivotSpec = { dataset: ds.key, rows, columns: ['year'], measure: 'count', filters: {} };
  const { first, last } = ds.months;
  if (!first || !last) return spec;
  const lastYear = Number(last.slice(0, 4));
  // The last whole calendar year held, unless the data holds none before its last months.
  const endYear = last.endsWith('-12') || `${lastYear - 1}-12` < first ? lastYear : lastYear - 1;
  const from = `${endYear - 1}-01`;
  const to = `${endYear}-12`;
  if (from > first) spec.months = { from };
  if (to < last) spec.months = { ...spec.months, to };
  return spec;
}

/** The datasets a pivot can use: crimes, not populations. */
export const pivotable = (datasets: DatasetSummary[]) => datasets.filter((d) => d.kind !== 'population');
