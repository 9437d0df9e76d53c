/** `wardlens check`: the data-quality report for one dataset or all of them. */
import type { Command } from 'commander';
import type { QualityReport, QualitySummary } from '../shared/quality';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { counted } from '../shared/counted';

const MARK = { ok: '✓', note: '•', warning: '!' } as const;

export function qualityText(r: QualityReport): string {
  const lines = [`${r.dataset.name}  [${r.dataset.key}]`];
  for (const f of r.findings) {
    lines.push(`  ${MARK[f.severity]} ${f.title}`);
    if (f.severity !== 'ok') lines.push(`      ${f.detail}`, `      What it means: ${f.meaning}`, `      What to do: ${f.action}`);
  }
  return lines.join('\n');
}


const SKIPPED = (incidents: number) =>
  `the checks that read every one of the ${incidents.toLocaleString('en-GB')} incidents (areas that come and go, jumps, repeated Crime IDs, locations) are left for the full report`;

/** The check run after an import, in a few lines under the file's result. */
export function qualitySummaryText(q: QualitySummary): string {
  const lines = [`  data quality of "${q.dataset.name}": ${counted(q.counts.warning, 'warning')}, ${counted(q.counts.note, 'note')}, ${counted(q.counts.ok, 'check')} clear`];
  for (const h of q.headlines) lines.push(`    ${MARK[h.severity]} ${h.title}`);
  if (q.skipped) lines.push(`    ${SKIPPED(q.skipped.incidents)}`);
  if (q.headlines.length || q.skipped) lines.push(`    the full report: wardlens check --dataset ${q.dataset.key}`);
  return lines.join('\n');
}

export function addCheckCommand(program: Command): void {
  program
    .command('check')
    .description('Data-quality report: missing or partial months, areas that come and go, unmatched names, ward against borough totals, implausible jumps, duplicate rows, months revised between extracts, incidents without a location or outside every ward.')
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .option('--dataset <key>', 'one dataset (default: all)')
    .option('--json', 'print as JSON')
    .action(async (o: { db?: string; dataset?: string; json?: boolean }) => {
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      try {
        const keys = o.dataset ? [o.dataset] : (await dispatch({ workspace }, 'workspace/info', {})).datasets.map((d) => d.key);
        const reports: QualityReport[] = [];
        for (const dataset of keys) reports.push(await dispatch({ workspace }, 'quality/check', { dataset }));
        console.log(o.json ? JSON.stringify(reports, null, 2) : reports.map(qualityText).join('\n\n'));
      } finally {
        workspace.close();
      }
    });
}
