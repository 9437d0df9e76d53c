/** Months missing from a series, and months that look cut short. */
import type { QualityFinding } from '../../../../shared/quality';
import { monthRange, toIsoMonth } from '../../../months';
import type { Db } from '../../../store/workspace';
import { type CheckedDataset, count, label, n } from './dataset';

/**
 * Crimes per month held. Monthly counts read the borough totals kept on import (a ward
 * dataset's current figures run to millions of rows); incidents are counted.
 */
export function monthTotals(db: Db, d: CheckedDataset): Map<number, number> {
  const rows =
    d.kind === 'counts'
      ? db
          .prepare(
            `SELECT m.month, coalesce(t.n, 0) AS n FROM dataset_months m
             LEFT JOIN (SELECT month, sum(count) AS n FROM monthly_totals WHERE dataset_id = ? GROUP BY month) t ON t.month = m.month
             WHERE m.dataset_id = ?`,
          )
          .all(d.id, d.id)
      : // Counted on the (dataset, month, import) index, month by month: no row is read.
        db
          .prepare(
            `SELECT m.month, (SELECT count(*) FROM incidents i WHERE i.dataset_id = m.dataset_id AND i.month = m.month AND i.import_id = m.import_id) AS n
             FROM dataset_months m WHERE m.dataset_id = ?`,
          )
          .all(d.id);
  return new Map((rows as { month: number; n: number }[]).map((r) => [r.month, r.n]));
}

export function missingMonths(totals: Map<number, number>): QualityFinding {
  const months = [...totals.keys()].sort((a, b) => a - b);
  const missing = months.length ? monthRange(months[0]!, months.at(-1)!).filter((m) => !totals.has(m)) : [];
  return {
    check: 'missing-months',
    severity: missing.length ? 'warning' : 'ok',
    title: missing.length ? `${count(missing.length, 'month')} missing` : 'No months missing',
    detail: missing.length
      ? `No extract covers ${missing.map(label).join(', ')}.`
      : months.length
        ? `Every month from ${label(months[0]!)} to ${label(months.at(-1)!)} is held.`
        : 'The dataset holds no months.',
    meaning: missing.length
      ? 'Any year or rolling year including these months is incomplete: Wardlens marks it and gives no % change for it.'
      : 'Periods inside the coverage are complete.',
    action: missing.length ? 'Import an extract that covers the missing months.' : 'Nothing to do.',
    items: missing.map((m) => ({ month: toIsoMonth(m) })),
  };
}

/** A month far below its neighbours usually means the extract was cut before the month's crimes were all recorded. */
export function partialMonths(totals: Map<number, number>): QualityFinding {
  const months = [...totals.keys()].sort((a, b) => a - b);
  const medians = new Map<number, number>();
  const suspect = months.filter((m, i) => {
    const around = months
      .slice(Math.max(0, i - 6), i)
      .concat(months.slice(i + 1, i + 7))
      .map((x) => totals.get(x)!)
      .sort((a, b) => a - b);
    if (around.length < 4) return false;
    const median = around[Math.floor(around.length / 2)]!;
    medians.set(m, median);
    return median >= 20 && totals.get(m)! < 0.5 * median;
  });
  return {
    check: 'partial-months',
    severity: suspect.length ? 'warning' : 'ok',
    title: suspect.length ? `${count(suspect.length, 'month')} ${suspect.length === 1 ? 'looks' : 'look'} partial` : 'No month looks partial',
    detail: suspect.length
      ? `${suspect.map((m) => `${label(m)} (${n(totals.get(m)!)})`).join(', ')} ${suspect.length > 1 ? 'hold' : 'holds'} under half the crimes of the months around.`
      : 'Every month holds a count in line with the months around it.',
    meaning: suspect.length
      ? 'A partial month understates its period: comparisons that include it will show a fall that is not real.'
      : 'Month totals are consistent.',
    action: suspect.length
      ? 'Check the extract date; import a later extract once the month is complete, or leave the month out of comparisons.'
      : 'Nothing to do.',
    items: suspect.map((m) => ({ month: toIsoMonth(m), crimes: totals.get(m)!, typicalMonth: medians.get(m)! })),
  };
}
