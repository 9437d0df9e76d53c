/**
 * Above the per-file results of a batch (24 police.uk months, say): the files, datasets,
 * rows and months of the whole import in one line, so the analyst need not add up the cards.
 */
import type { ImportFileResult } from '../../../shared/importing';
import { counted } from '../../../shared/counted';
import { formatCount } from '../../format/numbers';
import { monthRange, monthsBetween } from '../../format/months';
import { batchRowsText } from './leftOut';
import { tookText } from './took';

function monthsHeld(results: ImportFileResult[]): { first: string | null; last: string | null; count: number } {
  const months = new Set<string>();
  for (const r of results) if (r.months.first && r.months.last) for (const m of monthsBetween(r.months.first, r.months.last)) months.add(m);
  const sorted = [...months].sort();
  return { first: sorted[0] ?? null, last: sorted.at(-1) ?? null, count: sorted.length };
}

/**
 * The months of a batch's crime files, when they went into one dataset. Files of several
 * datasets (a 2018-ward extract and an old borough file) have no months in common to speak of:
 * "Jan 2008 – Aug 2022 (132 months)" would hide a gap, so each card says its own.
 */
export function batchMonths(imported: ImportFileResult[]): ReturnType<typeof monthsHeld> {
  const crime = imported.filter((r) => !r.population);
  if (new Set(crime.map((r) => r.dataset)).size > 1) return { first: null, last: null, count: 0 };
  return monthsHeld(crime);
}

export function BatchTotal({ results }: { results: ImportFileResult[] }) {
  const imported = results.filter((r) => r.status === 'imported');
  const repeated = results.filter((r) => r.status === 'already-imported').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  const datasets = [...new Set(imported.map((r) => r.dataset))];
  const span = batchMonths(imported);
  const seconds = results.reduce((s, r) => s + r.seconds, 0);
  return (
    <div className="card batch-total" aria-label="All files together">
      <p>
        <strong>
          {counted(imported.length, 'file')} of {formatCount(results.length)} imported
        </strong>
        {datasets.length > 0 && ` into ${datasets.map((d) => `“${d}”`).join(', ')}`}
        {repeated > 0 && `; ${counted(repeated, 'file')} already held`}
        {failed > 0 && `; ${counted(failed, 'file')} not imported`}.
      </p>
      <p>
        {batchRowsText(imported)}
        {span.count > 0 && `. Months: ${monthRange(span.first, span.last)} (${counted(span.count, 'month')})`}
        . {tookText(seconds)}
      </p>
    </div>
  );
}
