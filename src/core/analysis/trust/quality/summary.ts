/**
 * The quality check run after an import: the report cut to what an import result can show
 * (counts by severity and the headline of each warning and note). A check that fails never
 * fails the import: the import is already committed, so the failure becomes a warning.
 */
import type { ImportFileResult } from '../../../../shared/importing';
import type { QualityReport, QualitySeverity, QualitySummary } from '../../../../shared/quality';
import type { Db } from '../../../store/workspace';
import { qualityReport } from '../quality';

const ORDER: QualitySeverity[] = ['warning', 'note', 'ok'];

/**
 * Above this many incidents the checks that read every row are left for the full report: on a
 * million police.uk rows they took about as long as the import itself (measured: 31 s after a
 * 35 s import on a loaded two-core machine). Monthly counts are always checked in full: their
 * checks read the borough totals kept on import.
 */
export const AFTER_IMPORT_INCIDENT_LIMIT = 200_000;

export function summarise(report: QualityReport, seconds: number): QualitySummary {
  const counts: Record<QualitySeverity, number> = { warning: 0, note: 0, ok: 0 };
  for (const f of report.findings) counts[f.severity]++;
  const headlines = [...report.findings]
    .sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity))
    .flatMap((f) => (f.severity === 'ok' ? [] : [{ severity: f.severity, title: f.title }]));
  return { dataset: report.dataset, counts, headlines, seconds, ...(report.skipped ? { skipped: report.skipped } : {}) };
}

/**
 * Checks each dataset the import added to, once, after its last file: a folder of 24 monthly
 * police.uk files is checked once, not 24 times. The summary goes on that last file's result.
 */
export function checkImported(db: Db, results: ImportFileResult[]): void {
  const last = new Map<string, ImportFileResult>();
  try {
    // Population tables have no crime figures to check: their one check, unmatched names, is in the import result already.
    const keyOf = db.prepare("SELECT d.key FROM imports i JOIN datasets d ON d.id = i.dataset_id WHERE i.id = ? AND d.kind <> 'population'").pluck();
    for (const r of results) {
      if (r.status !== 'imported' || r.importId === null || r.format === null || r.format === 'boundaries') continue;
      const key = keyOf.get(r.importId) as string | undefined;
      if (key) last.set(key, r);
    }
  } catch (err) {
    const r = results.find((x) => x.status === 'imported');
    r?.warnings.push(couldNotRun(err, null));
    return;
  }
  for (const [key, result] of last) {
    const started = Date.now();
    try {
      result.quality = summarise(qualityReport(db, key, { incidentLimit: AFTER_IMPORT_INCIDENT_LIMIT }), (Date.now() - started) / 1000);
    } catch (err) {
      result.warnings.push(couldNotRun(err, key));
    }
  }
}

function couldNotRun(err: unknown, key: string | null): string {
  const why = err instanceof Error ? err.message : String(err);
  return `The data-quality check could not run after this import (${why}); the import itself is complete. Open the Data view’s quality panel, or run \`wardlens check${key ? ` --dataset ${key}` : ''}\`, to try again.`;
}
