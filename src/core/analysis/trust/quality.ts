/**
 * The data-quality report for one dataset. Each check says what it found, what that means
 * for the figures, and what the analyst can do, so a figure can be defended in committee.
 * The checks live in ./quality/, one module per question.
 */
import type { QualityFinding, QualityReport } from '../../../shared/quality';
import { WardlensError } from '../../errors';
import type { Db } from '../../store/workspace';
import { appearing, unmatchedNames } from './quality/areas';
import { areaMovesFinding } from './quality/areaMoves';
import type { CheckedDataset } from './quality/dataset';
import { duplicates } from './quality/duplicates';
import { conflictingExtracts } from './quality/extracts';
import { categoryJumps } from './quality/jumps';
import { incidentLocations, outsideBoundaries } from './quality/locations';
import { missingMonths, monthTotals, partialMonths } from './quality/months';
import { wardVersusBorough } from './quality/wardBorough';

export interface QualityOptions {
  /**
   * After an import: leave out the checks that read every row when a police.uk dataset holds
   * more than this many incidents. Each sorts every row: together they took about as long as
   * a million-row import itself, so on large datasets they wait for the full report.
   */
  incidentLimit?: number;
}

/** The checks that read every incident, in the order they are reported. */
const ROW_CHECKS: QualityFinding['check'][] = ['areas-appear-disappear', 'category-jumps', 'duplicates', 'incident-locations', 'outside-boundaries'];

export function qualityReport(db: Db, datasetKey: string, options: QualityOptions = {}): QualityReport {
  const d = db
    .prepare('SELECT id, key, name, kind, area_level AS areaLevel, category_scheme AS scheme FROM datasets WHERE key = ?')
    .get(datasetKey) as CheckedDataset | undefined;
  if (!d) throw new WardlensError('not-found', `There is no dataset "${datasetKey}".`);
  const report: QualityReport = { dataset: { key: d.key, name: d.name }, checkedAt: new Date().toISOString(), findings: [] };
  const incidents = d.kind === 'incidents' ? currentIncidents(db, d) : 0;
  const quick = options.incidentLimit !== undefined && incidents > options.incidentLimit;
  report.findings = findingsFor(db, d, quick);
  if (quick) report.skipped = { checks: ROW_CHECKS, incidents };
  return report;
}

/** Counted on the (dataset, month, import) index, month by month: no row is read. */
function currentIncidents(db: Db, d: CheckedDataset): number {
  return db
    .prepare('SELECT coalesce(sum((SELECT count(*) FROM incidents i WHERE i.dataset_id = m.dataset_id AND i.month = m.month AND i.import_id = m.import_id)), 0) FROM dataset_months m WHERE m.dataset_id = ?')
    .pluck()
    .get(d.id) as number;
}

function findingsFor(db: Db, d: CheckedDataset, quick: boolean): QualityFinding[] {
  if (d.kind === 'population') return [unmatchedNames(db, d)];
  const totals = monthTotals(db, d);
  const findings = [missingMonths(totals), partialMonths(totals)];
  // Monthly counts only; read from the totals kept on import, so cheap enough after every import.
  const moves = d.kind === 'counts' ? areaMovesFinding(db, d) : null;
  // A ward moved to another police area has figures throughout, so `appearing` alone would call the areas unchanged.
  if (!quick) findings.push(appearing(db, d, moves?.items.length ?? 0));
  if (moves) findings.push(moves);
  findings.push(unmatchedNames(db, d));
  if (!quick) findings.push(categoryJumps(db, d));
  if (d.kind === 'counts' && d.areaLevel === 'ward') findings.push(wardVersusBorough(db, d));
  if (!quick) findings.push(duplicates(db, d));
  findings.push(conflictingExtracts(db, d));
  if (d.kind === 'incidents' && !quick) findings.push(incidentLocations(db, d), outsideBoundaries(db, d));
  return findings;
}
