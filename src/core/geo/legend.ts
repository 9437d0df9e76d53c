/** Legend labels for a choropleth's classes, in the pivot's own number style (UK format). */
import type { LegendClass } from '../../shared/geo';
import type { Measure } from '../../shared/pivot';
import { signed } from '../signs';
import type { Classes } from './classes';

const DECIMALS: Record<Measure, number> = { count: 0, change: 0, rate: 2, 'rate-change': 2, share: 1, 'pct-change': 1 };

export function formatValue(measure: Measure, value: number): string {
  const d = DECIMALS[measure];
  const text = signed(value, (size) => size.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d }));
  return `${text}${measure === 'share' || measure === 'pct-change' ? '%' : ''}`;
}

export function legendClasses(measure: Measure, classes: Classes): LegendClass[] {
  return classes.ranges.map(([from, to], i) => ({
    from,
    to,
    areas: classes.sizes[i]!,
    label: from === to ? formatValue(measure, from) : `${formatValue(measure, from)} – ${formatValue(measure, to)}`,
  }));
}
