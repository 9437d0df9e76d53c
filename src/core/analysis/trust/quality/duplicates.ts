/**
 * Duplicate or conflicting rows. Within an extract: police.uk crimes whose Crime ID appears
 * on more than one row (monthly counts cannot hold a figure twice: the importer refuses a
 * file that repeats an area, category and month). Between extracts: months two extracts
 * both give, where the newer one's figures replace the older's.
 */
import type { QualityFinding } from '../../../../shared/quality';
import { toIsoMonth } from '../../../months';
import type { Db } from '../../../store/workspace';
import { type CheckedDataset, count, firstFew, label, n, percent } from './dataset';

interface RepeatedCrime {
  crimeId: string;
  month: number;
  rows: number;
  /** How many different versions of the row there are: 1 means exact copies. */
  versions: number;
}

function repeatedCrimes(db: Db, d: CheckedDataset): RepeatedCrime[] {
  // Blank Crime IDs (anti-social behaviour) are not crimes with an identity: several reports at one snap point look alike and are not repeats.
  return db
    .prepare(
      `SELECT crime_id AS crimeId, min(month) AS month, count(*) AS rows,
         count(DISTINCT json_array(month, longitude, latitude, location_id, lsoa_id, category_id, outcome_id, context, reported_by_id, falls_within_id)) AS versions
       FROM current_incidents WHERE dataset_id = ? AND crime_id IS NOT NULL AND crime_id <> ''
       GROUP BY crime_id HAVING count(*) > 1 ORDER BY month, crime_id`,
    )
    .all(d.id) as RepeatedCrime[];
}

export function duplicates(db: Db, d: CheckedDataset): QualityFinding {
  if (d.kind !== 'incidents') return countsCannotRepeat();
  const repeats = repeatedCrimes(db, d);
  const total = db.prepare('SELECT count(*) FROM current_incidents WHERE dataset_id = ?').pluck().get(d.id) as number;
  const identical = repeats.filter((r) => r.versions === 1);
  const conflicting = repeats.filter((r) => r.versions > 1);
  const extra = repeats.reduce((t, r) => t + r.rows - 1, 0);
  return {
    check: 'duplicates',
    severity: repeats.length ? 'warning' : 'ok',
    title: repeats.length
      ? `${count(repeats.length, 'Crime ID')} ${repeats.length === 1 ? 'appears' : 'appear'} on more than one row (${count(extra, 'extra row')}, ${percent(extra, total)})`
      : 'No Crime ID appears twice',
    detail: repeats.length
      ? `${n(identical.length)} ${identical.length === 1 ? 'is an exact copy' : 'are exact copies'} and ${n(conflicting.length)} ${conflicting.length === 1 ? 'disagrees' : 'disagree'} (another location, outcome or category), for example ${firstFew(repeats.map((r) => `${r.crimeId.slice(0, 12)}… (${label(r.month)}, ${n(r.rows)} rows)`), 3, ', ')}. Rows without a Crime ID (anti-social behaviour) are not checked: they have no identity to compare.`
      : 'Every crime with a Crime ID is on one row only. Rows without a Crime ID (anti-social behaviour) have no identity to compare and are not checked.',
    meaning: repeats.length
      ? `Each row counts as one crime, so these crimes are counted ${extra === repeats.length ? 'twice' : 'more than once'}; where the rows disagree on the location, the crime may count in two areas.`
      : 'No crime is counted twice.',
    action: repeats.length
      ? `The difference is small beside most figures; say in the caveats that police.uk publishes ${n(extra)} repeated rows, and ask the force’s data team which location is right if a repeated crime matters to an area’s figure.`
      : 'Nothing to do.',
    items: repeats.map((r) => ({ crimeId: r.crimeId, month: toIsoMonth(r.month), rows: r.rows, rowsDiffer: r.versions > 1 ? 'yes' : 'no' })),
  };
}

function countsCannotRepeat(): QualityFinding {
  return {
    check: 'duplicates',
    severity: 'ok',
    title: 'No duplicate rows',
    detail: 'Wardlens refuses a published extract that gives the same area, category and month twice, and never imports the same file twice; a partner sheet that splits a figure over several rows is added up.',
    meaning: 'No figure is double counted.',
    action: 'Nothing to do.',
    items: [],
  };
}
