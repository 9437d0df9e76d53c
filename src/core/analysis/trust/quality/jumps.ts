/** Categories whose count changes by an implausible factor from one month to the next. */
import type { QualityFinding } from '../../../../shared/quality';
import { toIsoMonth } from '../../../months';
import type { Db } from '../../../store/workspace';
import { type CheckedDataset, count, firstFew, label, n } from './dataset';

/** A change of this factor or more, with at least MIN_CRIMES on the larger side, is reported. */
export const JUMP_FACTOR = 4;
export const JUMP_MIN_CRIMES = 30;

interface Jump {
  category: string;
  from: number;
  to: number;
  before: number;
  after: number;
}

/** Crimes by category and month: the kept borough totals for counts, the rows for incidents. */
function categoryMonths(db: Db, d: CheckedDataset): { category: string; month: number; n: number }[] {
  const source =
    d.kind === 'counts'
      ? 'SELECT category_id, month, sum(count) AS n FROM monthly_totals WHERE dataset_id = ? GROUP BY category_id, month'
      : 'SELECT category_id, month, count(*) AS n FROM current_incidents WHERE dataset_id = ? GROUP BY category_id, month';
  return db
    // A minor category alone can be ambiguous ("Counted per Victim"): its major category goes with it.
    .prepare(
      `SELECT CASE WHEN c.minor = c.major THEN c.minor ELSE c.minor || ' (' || c.major || ')' END AS category, x.month, x.n
       FROM (${source}) x JOIN categories c ON c.id = x.category_id ORDER BY x.category_id, x.month`,
    )
    .all(d.id) as { category: string; month: number; n: number }[];
}

export function categoryJumps(db: Db, d: CheckedDataset): QualityFinding {
  const rows = categoryMonths(db, d);
  const jumps: Jump[] = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    if (a.category !== b.category) continue;
    const [lo, hi] = a.n < b.n ? [a.n, b.n] : [b.n, a.n];
    if (hi >= JUMP_MIN_CRIMES && hi >= JUMP_FACTOR * Math.max(lo, 1)) jumps.push({ category: b.category, from: a.month, to: b.month, before: a.n, after: b.n });
  }
  return {
    check: 'category-jumps',
    severity: jumps.length ? 'warning' : 'ok',
    title: jumps.length ? `${count(jumps.length, 'implausible month-to-month jump')}` : 'No implausible jumps',
    detail: jumps.length
      ? firstFew(jumps.map((j) => `${j.category}: ${n(j.before)} in ${label(j.from)} → ${n(j.after)} in ${label(j.to)}`), 10)
      : `No category changes by a factor of ${JUMP_FACTOR} or more from one month to the next.`,
    meaning: jumps.length
      ? `A change of ${JUMP_FACTOR} times or more in one month is rarely a change in crime alone: it is usually a recording or classification change (a category starting, stopping or being renamed), or an event such as a lockdown or a riot. Comparisons across that month are not like for like.`
      : 'Category series are continuous.',
    action: jumps.length
      ? 'Check the category’s definition, and what happened, around that month before comparing across it; say so in the caveats if a figure spans it.'
      : 'Nothing to do.',
    items: jumps.map((j) => ({ category: j.category, from: toIsoMonth(j.from), to: toIsoMonth(j.to), before: j.before, after: j.after })),
  };
}
