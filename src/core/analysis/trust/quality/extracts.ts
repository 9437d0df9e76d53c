/**
 * Months that more than one extract gives. Police figures are revised between extracts, so
 * the same month's figures conflict; the newest extract's are current, the others kept.
 */
import type { QualityFinding } from '../../../../shared/quality';
import { toIsoMonth } from '../../../months';
import type { Db } from '../../../store/workspace';
import { type CheckedDataset, count, firstFew, label, n } from './dataset';

interface Overlap {
  month: number;
  current: number;
  other: number;
  currentFile: string;
  otherFile: string;
}

interface Compared extends Overlap {
  currentTotal: number;
  otherTotal: number;
  /** Figures (area × category) that differ, or are held by one extract only; null for incidents, which are rows. */
  changed: number | null;
}

function overlaps(db: Db, d: CheckedDataset): Overlap[] {
  return db
    .prepare(
      `SELECT m.month, m.import_id AS current, o.import_id AS other, ci.file_name AS currentFile, oi.file_name AS otherFile
       FROM dataset_months m JOIN import_months o ON o.month = m.month AND o.import_id <> m.import_id
       JOIN imports oi ON oi.id = o.import_id AND oi.dataset_id = m.dataset_id JOIN imports ci ON ci.id = m.import_id
       WHERE m.dataset_id = ? ORDER BY m.month, o.import_id`,
    )
    .all(d.id) as Overlap[];
}

function compareCounts(db: Db, d: CheckedDataset, o: Overlap): Compared {
  // The borough list lets both sides use the figures' key (dataset, borough, month, …) instead of a scan.
  const boroughs = 'SELECT DISTINCT borough_id FROM monthly_totals WHERE dataset_id = $d';
  const r = db
    .prepare(
      `SELECT
         (SELECT coalesce(sum(count), 0) FROM monthly_totals WHERE dataset_id = $d AND month = $m) AS currentTotal,
         (SELECT coalesce(sum(count), 0) FROM superseded_counts WHERE dataset_id = $d AND import_id = $o AND month = $m) AS otherTotal,
         (SELECT count(*) FROM superseded_counts s LEFT JOIN monthly_counts c
            ON c.dataset_id = s.dataset_id AND c.borough_id = s.borough_id AND c.month = s.month AND c.category_id = s.category_id AND c.area_id = s.area_id
          WHERE s.dataset_id = $d AND s.import_id = $o AND s.month = $m AND c.count IS NOT s.count)
         + (SELECT count(*) FROM monthly_counts c WHERE c.dataset_id = $d AND c.borough_id IN (${boroughs}) AND c.month = $m AND NOT EXISTS
            (SELECT 1 FROM superseded_counts s WHERE s.dataset_id = c.dataset_id AND s.import_id = $o AND s.month = c.month
               AND s.category_id = c.category_id AND s.area_id = c.area_id AND s.borough_id = c.borough_id)) AS changed`,
    )
    .get({ d: d.id, m: o.month, o: o.other }) as Pick<Compared, 'currentTotal' | 'otherTotal' | 'changed'>;
  return { ...o, ...r };
}

function compareIncidents(db: Db, d: CheckedDataset, o: Overlap): Compared {
  const count = db.prepare('SELECT count(*) FROM incidents WHERE dataset_id = ? AND month = ? AND import_id = ?').pluck();
  return { ...o, currentTotal: count.get(d.id, o.month, o.current) as number, otherTotal: count.get(d.id, o.month, o.other) as number, changed: null };
}

export function conflictingExtracts(db: Db, d: CheckedDataset): QualityFinding {
  const compared = overlaps(db, d).map((o) => (d.kind === 'counts' ? compareCounts(db, d, o) : compareIncidents(db, d, o)));
  const months = [...new Set(compared.map((c) => c.month))];
  const differ = compared.filter((c) => c.changed !== 0 && (c.changed !== null || c.currentTotal !== c.otherTotal));
  const revisionsCommand = `\`wardlens revisions --dataset ${d.key}\``;
  return {
    check: 'conflicting-extracts',
    severity: differ.length ? 'note' : 'ok',
    title: compared.length
      ? `${count(months.length, 'month')} ${months.length === 1 ? 'is' : 'are'} given by more than one extract${differ.length ? `; ${n(new Set(differ.map((c) => c.month)).size)} with different figures` : ', with the same figures'}`
      : 'Each month comes from one extract',
    detail: compared.length
      ? firstFew(
          compared.map((c) => `${label(c.month)}: ${n(c.otherTotal)} in ${c.otherFile}, ${n(c.currentTotal)} in ${c.currentFile} (used)${c.changed ? `, ${n(c.changed)} figures differ` : ''}`),
          6,
        )
      : 'No two extracts of this dataset cover the same month, so no figure has been revised.',
    meaning: differ.length
      ? 'Police figures are revised between extracts. Wardlens uses the newest extract for each month, so figures for these months will not match those published from the earlier extract.'
      : 'Figures for each month come from one extract.',
    action: differ.length
      ? `To reproduce a figure published from the earlier extract, run the pivot "as of" that import; the Revisions view (or ${revisionsCommand}) lists every changed figure.`
      : 'Nothing to do.',
    items: compared.map((c) => ({
      month: toIsoMonth(c.month),
      otherExtract: c.otherFile,
      extractUsed: c.currentFile,
      otherTotal: c.otherTotal,
      totalUsed: c.currentTotal,
      difference: c.currentTotal - c.otherTotal,
      ...(c.changed === null ? {} : { figuresDiffering: c.changed }),
    })),
  };
}
