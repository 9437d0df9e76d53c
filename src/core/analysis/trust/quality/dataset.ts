/** What every quality check needs: the dataset checked, and numbers and months in UK style. */
import { monthLabel } from '../../periods';

export interface CheckedDataset {
  id: number;
  key: string;
  name: string;
  kind: 'counts' | 'incidents' | 'population';
  areaLevel: string;
  scheme: string | null;
}

export const label = monthLabel;
export const n = (x: number): string => x.toLocaleString('en-GB');
/** "1 month", "3 months": a count with its noun, in UK number style. */
export { counted as count } from '../../../../shared/counted';
export const percent = (part: number, whole: number): string => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;

/** "a, b, c; and 4 more": long lists are cut so a finding stays readable. */
export function firstFew(parts: string[], max: number, separator = '; '): string {
  return parts.slice(0, max).join(separator) + (parts.length > max ? `${separator}and ${n(parts.length - max)} more` : '');
}
