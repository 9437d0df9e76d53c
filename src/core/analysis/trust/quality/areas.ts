/** Areas that start or stop part-way through a series, and area names no known area matched. */
import type { QualityFinding } from '../../../../shared/quality';
import { toIsoMonth } from '../../../months';
import { datasetWardSet, nameInSet } from '../../../store/areas';
import type { Db } from '../../../store/workspace';
import { type CheckedDataset, count, firstFew, label, n } from './dataset';

interface AreaSpan {
  name: string;
  f: number;
  l: number;
}

/**
 * First and last month of every area with figures in at least 12 months: areas with a handful
 * of figures in all (an LSOA over the force boundary) come and go by chance, so are left out.
 */
function areaSpans(db: Db, d: CheckedDataset): AreaSpan[] {
  return d.kind === 'counts' ? countAreaSpans(db, d) : incidentAreaSpans(db, d);
}

function incidentAreaSpans(db: Db, d: CheckedDataset): AreaSpan[] {
  return db
    .prepare(
      `SELECT a.name, s.f, s.l FROM (SELECT lsoa_id, min(month) AS f, max(month) AS l, count(DISTINCT month) AS months
         FROM current_incidents WHERE dataset_id = ? AND lsoa_id IS NOT NULL GROUP BY lsoa_id) s
       JOIN areas a ON a.id = s.lsoa_id WHERE s.months >= 12`,
    )
    .all(d.id) as AreaSpan[];
}

/**
 * A ward series holds millions of figures, tens of categories for each ward and month: the
 * distinct (borough, month, area) triples are taken first, several times cheaper to group
 * than every figure. (Reading only the areas missing from an end year was tried: the filter
 * on every figure cost more than the grouping it saved.)
 */
function countAreaSpans(db: Db, d: CheckedDataset): AreaSpan[] {
  const wardSet = datasetWardSet(db, d.id);
  const rows = db
    .prepare(
      `WITH held AS (SELECT DISTINCT borough_id, month, area_id FROM monthly_counts WHERE dataset_id = ?)
       SELECT a.name, a.code, s.f, s.l FROM (SELECT area_id, min(month) AS f, max(month) AS l, count(DISTINCT month) AS months FROM held GROUP BY area_id) s
       JOIN areas a ON a.id = s.area_id WHERE s.months >= 12`,
    )
    .all(d.id) as (AreaSpan & { code: string | null })[];
  // Wards named as in the set the figures are on, as the pivot shows them.
  return rows.map(({ code, ...r }) => ({ ...r, name: nameInSet(code, r.name, wardSet) }));
}

/** `moved`: how many areas' crimes move to another filing part-way (see ./areaMoves), so "the same areas" is not claimed. */
export function appearing(db: Db, d: CheckedDataset, moved = 0): QualityFinding {
  const span = db.prepare('SELECT min(month) AS f, max(month) AS l FROM dataset_months WHERE dataset_id = ?').get(d.id) as { f: number; l: number };
  // Only areas absent for a whole year at either end: sparse small areas come and go month to month.
  const yearAfter = (m: number) => m + 100;
  const changed = areaSpans(db, d)
    .filter((r) => r.f >= yearAfter(span.f) || yearAfter(r.l) <= span.l)
    .sort((a, b) => a.f - b.f || a.name.localeCompare(b.name));
  return {
    check: 'areas-appear-disappear',
    severity: changed.length ? 'note' : 'ok',
    title: changed.length
      ? `${count(changed.length, 'area')} ${changed.length === 1 ? 'appears or disappears' : 'appear or disappear'} part-way`
      : moved
        ? 'Every area has figures throughout'
        : 'The same areas throughout',
    detail: changed.length
      ? firstFew(changed.map((r) => `${r.name} (${label(r.f)} – ${label(r.l)})`), 12)
      : `Every area has figures from the start of the data to its end${moved ? `, though the crimes of ${count(moved, 'area')} move to another area or police area part-way (see that check)` : ''}.`,
    meaning: changed.length
      ? 'Areas that start or stop part-way are usually boundary or coding changes: their trends across the change are not like for like.'
      : 'Area trends are comparable across the whole span.',
    action: changed.length ? 'Compare such areas only over months where they exist, or use a dataset on one boundary set.' : 'Nothing to do.',
    items: changed.map((r) => ({ area: r.name, first: toIsoMonth(r.f), last: toIsoMonth(r.l) })),
  };
}

export function unmatchedNames(db: Db, d: CheckedDataset): QualityFinding {
  const rows = db.prepare('SELECT file_name AS file, unmatched_names AS names FROM imports WHERE dataset_id = ? ORDER BY id').all(d.id) as { file: string; names: string }[];
  const items = rows.flatMap((r) => (JSON.parse(r.names) as { name: string; rows: number }[]).map((u) => ({ file: r.file, name: u.name, rows: u.rows })));
  const rejected = items.reduce((t, i) => t + i.rows, 0);
  return {
    check: 'unmatched-names',
    severity: items.length ? 'warning' : 'ok',
    title: items.length ? `${count(items.length, 'area name')} matched no known area (${count(rejected, 'row')} left out)` : 'Every area name matched',
    detail: items.length ? firstFew(items.map((i) => `${i.name} (${n(i.rows)} rows, ${i.file})`), 12) : 'Every row’s area was matched by code or name.',
    meaning: items.length ? 'Rows for unmatched names were not imported: their crimes are missing from every figure.' : 'No rows were left out for their area name.',
    action: items.length ? 'Correct the names in the file (or give ONS codes) and import it again.' : 'Nothing to do.',
    items,
  };
}
