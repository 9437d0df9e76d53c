/**
 * When the assessment runs on a borough-level dataset there is no ward block. If the
 * workspace already holds ward-level figures for the year and the borough, the analyst should
 * be told to switch the Dataset to them, by name, not sent off to import a file they have.
 */
import type { WardDatasetChoice } from '../../../shared/findings';
import { monthLabel } from '../periods';
import { periodKey } from '../pivot/dimensions';
import { runPivot } from '../pivot/run';
import type { FindingsContext } from './context';

interface Candidate {
  key: string;
  name: string;
  first: number;
  last: number;
}

/**
 * The other ward-level crime datasets holding every month of the year reported on and some
 * figures for the borough, newest first. `sameCategory` says whether the category asked for
 * is found there under the same name (the MPS category schemes name some differently).
 */
export function wardDatasetsFor(ctx: FindingsContext, areaKey: string): WardDatasetChoice[] {
  const { first, last } = ctx.current;
  const candidates = ctx.db
    .prepare(
      `SELECT d.key, d.name, min(m.month) AS first, max(m.month) AS last FROM datasets d
       JOIN dataset_months m ON m.dataset_id = d.id
       WHERE d.kind = 'counts' AND d.area_level = 'ward' AND d.id <> ?
       GROUP BY d.id HAVING sum(m.month BETWEEN ? AND ?) = 12 ORDER BY d.id DESC`,
    )
    .all(ctx.dataset.id, first, last) as Candidate[];
  const months = { from: periodKey('month', first), to: periodKey('month', last) };
  // A filter the dataset cannot resolve (a borough it lacks, a category it names otherwise) throws.
  const total = (dataset: string, filters: FindingsContext['categoryFilter']): number | null => {
    try {
      return runPivot(ctx.db, { dataset, rows: [], columns: [], months, filters }).cells[0]?.[0]?.count ?? 0;
    } catch {
      return null;
    }
  };
  return candidates
    .filter((c) => (total(c.key, { borough: [areaKey] }) ?? 0) > 0)
    .map((c) => ({
      key: c.key,
      name: c.name,
      from: monthLabel(c.first),
      to: monthLabel(c.last),
      sameCategory: total(c.key, { ...ctx.categoryFilter, borough: [areaKey] }) !== null,
    }));
}
