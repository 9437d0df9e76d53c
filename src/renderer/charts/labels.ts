/**
 * Words for dimensions and measures, shared by the pivot controls, the table and the charts.
 * How a pivot is described (its unit, "by ward and year") is the exports' wording, from shared.
 */
import type { Measure } from '../../shared/pivot';

import { DIMENSION_LABELS } from '../../shared/pivot';
import {
  dimensionsPhrase,
  measureUnit,
  MEASURE_UNITS,
  pivotTitle,
  type FilterNames,
} from '../../shared/pivotWords';

export { DIMENSION_LABELS, dimensionsPhrase, measureUnit, MEASURE_UNITS, pivotTitle, type FilterNames };

export const MEASURE_LABELS: Record<Measure, string> = {
  count: 'Crimes (count)',
  rate: 'Rate per 1,000 residents',
  share: 'Share (%)',
  change: 'Change on a year earlier',
  'pct-change': '% change on a year earlier',
  'rate-change': 'Rate change (per 1,000)',
};
