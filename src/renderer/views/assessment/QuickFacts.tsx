/** Block 1: this year and last, count and rate, the changes, and whether the change is real. */
import type { FactsSpec, Findings } from '../../../shared/findings';
import { populationsUsedWords, populationYearWords } from '../../../shared/populationBasis';
import { ExportButtons } from '../../components/ExportButtons';
import { ComparisonFacts, type FactTile } from './ComparisonFacts';
import { countChange, count, isIncomplete, pctChange, pctWhy, rate, rateChange } from './figures';
import { LikeForLike } from './LikeForLike';

/** "The data holds only Sep–Dec", on the tile of a year the data lacks months of. */
const held = (months: string | null | undefined) => (months ? `The data holds ${months}` : undefined);

export function QuickFacts({
  findings: f,
  spec,
  fileName,
}: {
  findings: Findings;
  spec: FactsSpec;
  fileName: string;
}) {
  const q = f.quickFacts;
  const { previous: py, current: cy } = f.years;
  const pop = f.populationYears;
  const bases = f.sources.populationBases;
  /** "per 1,000, 2016 projection": which population the rate is per, estimate or projection. */
  const per = (year: number | null) => (year ? `per 1,000, ${populationYearWords(year, bases)}` : undefined);
  const facts: FactTile[] = [
    ['previous', `Crimes ${py}`, count(q.previous), held(f.heldMonths?.previous)],
    ['current', `Crimes ${cy}`, count(q.current), held(f.heldMonths?.current)],
    ['change', 'Change', countChange(q), isIncomplete(q) ? 'Whole years not compared' : undefined],
    ['percent', '% change', pctChange(q), pctWhy(q)],
    ['previous-rate', `Rate ${py}`, rate(q.previousRate), per(pop.previous)],
    ['current-rate', `Rate ${cy}`, rate(q.currentRate), per(pop.current)],
    [
      'rate-change',
      'Rate change',
      rateChange(q.rateChange),
      isIncomplete(q) ? 'Whole years not compared' : 'points per 1,000 residents',
    ],
  ];
  return (
    <section className="card assessment-block" aria-labelledby="block-quick-facts">
      <h2 id="block-quick-facts">1. Quick facts</h2>
      <ComparisonFacts tiles={facts} comparison={q} sentences={q.sentences} significanceId="significance" />
      <LikeForLike findings={f} />
      <p className="source-line">
        Population:{' '}
        {populationsUsedWords(
          [pop.previous, pop.current].filter((y): y is number => y !== null),
          pop.fixed,
          bases,
          'both years',
        )}
        .
      </p>
      <ExportButtons
        table={{ findings: spec, block: 'quick-facts' }}
        fileName={`${fileName} quick facts`}
        label="quick facts"
      />
    </section>
  );
}
