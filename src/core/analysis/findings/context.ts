/**
 * What every findings block needs: the dataset, the area and category as the pivot engine
 * resolves them, the two years compared, and counts by the year dimension.
 */
import type { FactsSpec } from '../../../shared/findings';
import type { Dimension, PivotResult, PivotSpec } from '../../../shared/pivot';
import { WardlensError } from '../../errors';
import { monthRange } from '../../months';
import type { Db } from '../../store/workspace';
import { periodKey } from '../pivot/dimensions';
import { runPivot } from '../pivot/run';

export interface FindingsContext {
  db: Db;
  spec: FactsSpec;
  dataset: { id: number; key: string; name: string; areaLevel: string };
  yearDim: 'year' | 'financial-year';
  previous: { key: string; first: number; last: number; populationYear: number };
  current: { key: string; first: number; last: number; populationYear: number };
  categoryFilter: Partial<Record<Dimension, string[]>>;
  categoryLevel: 'minor' | 'major';
  held: Set<number>;
  pivot(spec: Omit<PivotSpec, 'dataset'>): PivotResult;
}

function yearSpan(year: number, financial: boolean) {
  return financial ? { first: year * 100 + 4, last: (year + 1) * 100 + 3 } : { first: year * 100 + 1, last: year * 100 + 12 };
}

export function findingsContext(db: Db, spec: FactsSpec): FindingsContext {
  const financial = spec.yearKind === 'financial';
  const compare = spec.compare ?? spec.year - 1;
  if (!Number.isInteger(spec.year) || !Number.isInteger(compare) || compare >= spec.year) {
    throw new WardlensError('bad-request', 'Give a year, and a comparison year before it.');
  }
  const yearDim = financial ? 'financial-year' : 'year';
  const current = { key: periodKey(yearDim, spec.year), ...yearSpan(spec.year, financial), populationYear: spec.populationYear ?? spec.year };
  const previous = { key: periodKey(yearDim, compare), ...yearSpan(compare, financial), populationYear: spec.populationYear ?? compare };
  const dataset = chooseDataset(db, spec.dataset, previous.first, current.last);
  const held = new Set((db.prepare('SELECT month FROM dataset_months WHERE dataset_id = ?').all(dataset.id) as { month: number }[]).map((r) => r.month));
  const pivot = (p: Omit<PivotSpec, 'dataset'>) => runPivot(db, { ...p, dataset: dataset.key });
  const { filter, level } = categoryFilterFor(pivot, spec, previous.first, current.last);
  return { db, spec, dataset, yearDim, previous, current, categoryFilter: filter, categoryLevel: level, held, pivot };
}

/** The dataset asked for, or the one holding both years: ward level preferred, so the ward block can be built. */
function chooseDataset(db: Db, key: string | undefined, first: number, last: number) {
  const rows = db
    .prepare(
      `SELECT d.id, d.key, d.name, d.area_level AS areaLevel, count(m.month) AS held FROM datasets d
       LEFT JOIN dataset_months m ON m.dataset_id = d.id AND m.month BETWEEN ? AND ?
       WHERE d.kind = 'counts' GROUP BY d.id ORDER BY held DESC, d.area_level = 'ward' DESC, d.id DESC`,
    )
    .all(first, last) as { id: number; key: string; name: string; areaLevel: string; held: number }[];
  const wanted = monthRange(first, last).length;
  if (key) {
    const found = rows.find((r) => r.key === key);
    if (!found) throw new WardlensError('not-found', `There is no crime-count dataset "${key}" (datasets: ${rows.map((r) => r.key).join(', ') || 'none'}).`);
    return found;
  }
  const full = rows.filter((r) => r.held === wanted);
  const pick = full.find((r) => r.areaLevel === 'ward') ?? full[0] ?? rows[0];
  if (!pick || pick.held === 0) throw new WardlensError('not-found', 'No dataset in this workspace holds those years: import the files that cover them.');
  return pick;
}

/** A category as a minor category (or key) first, then as a major category; unknown is an error with near matches. */
function categoryFilterFor(pivot: FindingsContext['pivot'], spec: FactsSpec, first: number, last: number) {
  const months = { from: periodKey('month', first), to: periodKey('month', last) };
  try {
    pivot({ rows: [], columns: [], months, filters: { category: [spec.category] } });
    return { filter: { category: [spec.category] }, level: 'minor' as const };
  } catch (minorError) {
    try {
      pivot({ rows: [], columns: [], months, filters: { major: [spec.category] } });
      return { filter: { major: [spec.category] }, level: 'major' as const };
    } catch {
      throw minorError;
    }
  }
}
