/** Block 1: this year and last, count and rate, the changes, and whether the change is real. */
import type { FactsSpec, Findings } from '../../../shared/findings';
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
  const facts: FactTile[] = [
    ['previous', `Crimes ${py}`, count(q.previous), held(f.heldMonths?.previous)],
    ['current', `Crimes ${cy}`, count(q.current), held(f.heldMonths?.current)],
    ['change', 'Change', countChange(q), isIncomplete(q) ? 'Whole years not compared' : undefined],
    ['percent', '% change', pctChange(q), pctWhy(q)],
    [
      'previous-rate',
      `Rate ${py}`,
      rate(q.previousRate),
      pop.previous ? `per 1,000, ${pop.previous} population` : undefined,
    ],
    [
      'current-rate',
      `Rate ${cy}`,
      rate(q.currentRate),
      pop.current ? `per 1,000, ${pop.current} population` : undefined,
    ],
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
        {pop.fixed
          ? `the ${pop.current} estimate for both years`
          : `each year’s own estimate (${[pop.previous, pop.current].filter(Boolean).join(' and ') || 'none held'})`}
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
