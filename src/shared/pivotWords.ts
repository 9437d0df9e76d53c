/**
 * The words that describe a pivot: what its figures measure and what they are broken down
 * by. One wording for the app's table and chart, a saved chart image and every export, so
 * the same pivot is never called two things.
 */
import { listed } from './counted';
import { DIMENSION_LABELS, type Dimension, type Measure, type ShareOf } from './pivot';

/** What a pivot's figures measure: a chart's value axis, a table's caption, an export's title. */
export const MEASURE_UNITS: Record<Measure, string> = {
  count: 'Crimes',
  rate: 'Crimes per 1,000 residents',
  share: '% of crimes',
  change: 'Change in crimes on a year earlier',
  'pct-change': '% change on a year earlier',
  'rate-change': 'Change in rate per 1,000 residents on a year earlier',
};

/**
 * The unit as the dataset counts it: police.uk files hold anti-social behaviour beside crimes,
 * so their figures are incidents, not crimes.
 */
export function measureUnit(measure: Measure, datasetKind?: string): string {
  const unit = MEASURE_UNITS[measure];
  return datasetKind === 'incidents'
    ? unit.replace('Crimes', 'Incidents').replace('crimes', 'incidents')
    : unit;
}

/** "ward and year", "borough, month and major category", "LSOA" */
export function dimensionsPhrase(dims: readonly Dimension[]): string {
  return listed(dims.map((d) => (d === 'lsoa' ? 'LSOA' : DIMENSION_LABELS[d].toLowerCase())));
}

export interface PivotWording {
  measure: Measure;
  /** Row dimensions, then column dimensions. */
  dimensions: readonly Dimension[];
  datasetKind?: string;
  /** A share of something other than the whole table is named: "(of each borough)". */
  shareOf?: ShareOf;
}

/** "Crimes per 1,000 residents by ward and year": a pivot's title, before any filters. */
export function pivotPhrase(p: PivotWording): string {
  const shareOf =
    p.measure === 'share' && p.shareOf && p.shareOf !== 'total' ? ` (of each ${p.shareOf})` : '';
  const by = p.dimensions.length ? ` by ${dimensionsPhrase(p.dimensions)}` : '';
  return `${measureUnit(p.measure, p.datasetKind)}${shareOf}${by}`;
}
