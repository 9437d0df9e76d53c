/** How the figures were made, in plain words: shared by the report's Methods section and the workbook's Sources & caveats sheet. */
import type { Findings } from '../../shared/findings';
import { flagsLegend } from './words';

export function methodLines(f: Findings | undefined): string[] {
  const pops = f?.populationYears;
  const popText =
    !pops || pops.current === null
      ? 'No population figures were available, so no rates are given.'
      : pops.fixed
        ? `The ${pops.current} population is used for both years.`
        : `Each year’s own population is used (${pops.previous ?? '–'} and ${pops.current}).`;
  return [
    `Counts are recorded crimes in ${f?.years.kind === 'financial' ? 'financial years (April to March)' : 'calendar years'}, from the latest extract held for each month.`,
    `Rate per 1,000 residents = offences ÷ population × 1,000. ${popText}`,
    'Rate change = this year’s rate − last year’s rate, in points per 1,000 residents (not a %).',
    '% change = (this year − last year) ÷ last year × 100. It is withheld when last year’s count is under 10 or nil: small counts swing widely.',
    'Is the change real? Crime counts vary by chance from year to year. The exact conditional binomial test of two Poisson counts (as R’s poisson.test, with populations as exposures where known) says whether a change is more than chance alone would explain, at the 5% level.',
    'Months: this year against last, month by month; a calendar month is above or below the two-year monthly average when it was so in both years.',
    'Rolling year: for each month, the total of the 12 months ending there.',
    'Nearest neighbours: boroughs are RAG-rated by the quartile (Excel’s QUARTILE.INC) of their rate change among the 32 London boroughs: red for the quarter with the largest rises, green for the quarter with the largest falls or smallest rises, amber between.',
    flagsLegend(['small', 'incomplete', 'not-significant']),
  ];
}
