/**
 * Whether a pivot cell's change is more than noise: the exact conditional test for two
 * Poisson counts (statistics module), with populations as exposures for rates.
 */
import type { Verdict } from '../../../shared/analysis';
import { poissonChangeTest } from '../changeTest';

export function changeVerdict(current: number, previous: number, currentExposure: number, previousExposure: number): Verdict {
  return poissonChangeTest({ current, previous, currentExposure, previousExposure }).verdict;
}
