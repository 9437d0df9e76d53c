/** Words for dimensions and measures, shared by the pivot controls, the table and the charts. */
import type { Dimension, Measure } from '../../shared/pivot';

import { DIMENSION_LABELS } from '../../shared/pivot';

export { DIMENSION_LABELS };

export const MEASURE_LABELS: Record<Measure, string> = {
  count: 'Crimes (count)',
  rate: 'Rate per 1,000 residents',
  share: 'Share (%)',
  change: 'Change on a year earlier',
  'pct-change': '% change on a year earlier',
  'rate-change': 'Rate change (per 1,000)',
};

/** What the value axis measures, for chart axes and table captions. */
export const MEASURE_UNITS: Record<Measure, string> = {
  count: 'Crimes',
  rate: 'Crimes per 1,000 residents',
  share: '% of crimes',
  change: 'Change in crimes on a year earlier',
  'pct-change': '% change on a year earlier',
  'rate-change': 'Change in rate per 1,000 residents',
};

/**
 * The unit as the dataset counts it: police.uk files hold anti-social behaviour beside crimes,
 * so their figures are incidents, not crimes.
 */
export function measureUnit(measure: Measure, datasetKind?: string): string {
  const unit = MEASURE_UNITS[measure];
  return datasetKind === 'incidents' ? unit.replace('Crimes', 'Incidents').replace('crimes', 'incidents') : unit;
}

/** "ward and year", "month" */
export function dimensionsPhrase(dims: Dimension[]): string {
  const words = dims.map((d) => DIMENSION_LABELS[d].toLowerCase().replace('lsoa', 'LSOA'));
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
