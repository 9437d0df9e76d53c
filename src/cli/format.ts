/** Plain-words output for the terminal, in UK number and month formats. */
import type { ImportFileResult } from '../shared/importing';
import type { MonthCoverage, WorkspaceInfo } from '../shared/workspace';
import { monthLabel } from '../core/analysis/periods';
import { fromIsoMonth } from '../core/months';
import { qualitySummaryText } from './checkCommand';
import { counted } from '../shared/counted';
import { notBoroughsText } from '../shared/notBoroughs';
import { basesSummary } from '../shared/populationBasis';

export const n = (x: number) => x.toLocaleString('en-GB');

export function month(iso: string): string {
  const m = fromIsoMonth(iso);
  return m === null ? iso : monthLabel(m);
}

export function coverage(c: MonthCoverage): string {
  if (!c.first || !c.last) return 'no months';
  return c.first === c.last ? month(c.first) : `${month(c.first)} – ${month(c.last)} (${n(c.count)} months)`;
}

export function importResultText(r: ImportFileResult): string {
  const lines: string[] = [];
  if (r.status === 'failed') {
    lines.push(
      `✗ ${r.file}: not imported. ${r.error?.message ?? ''}`.trimEnd(),
      '  Nothing from this file was kept.',
    );
    return lines.join('\n');
  }
  if (r.status === 'already-imported') {
    lines.push(`= ${r.file}: ${r.warnings[0] ?? 'already imported; nothing changed.'}`);
    return lines.join('\n');
  }
  lines.push(`✓ ${r.file}`);
  lines.push(`  format: ${r.format}    dataset: ${r.dataset}`);
  lines.push(`  rows: ${n(r.rowsRead)} read, ${n(r.rowsStored)} stored, ${n(r.rowsRejected)} rejected`);
  lines.push(`  months: ${coverage(r.months)}    areas: ${n(r.areas)}    categories: ${n(r.categories)}`);
  if (r.supersededMonths.length)
    lines.push(
      `  revises ${counted(r.supersededMonths.length, 'month')} held from an earlier extract: ${r.supersededMonths.map(month).join(', ')}`,
    );
  if (r.unmatchedNames.length) {
    lines.push(
      `  ${counted(r.unmatchedNames.length, 'area name')} matched no known area; ${r.unmatchedNames.length === 1 ? 'its' : 'their'} rows were not imported:`,
    );
    for (const u of r.unmatchedNames.slice(0, 20)) lines.push(`    - ${u.name} (${counted(u.rows, 'row')})`);
    if (r.unmatchedNames.length > 20)
      lines.push(`    … and ${n(r.unmatchedNames.length - 20)} more (see --json)`);
  }
  for (const w of r.warnings) lines.push(`  note: ${w}`);
  if (r.quality) lines.push(qualitySummaryText(r.quality));
  return lines.join('\n');
}

export function infoText(info: WorkspaceInfo): string {
  const lines = [`Workspace: ${info.path} (schema version ${info.schemaVersion})`, ''];
  lines.push(info.datasets.length ? 'Datasets:' : 'No datasets yet: import files with `wardlens import`.');
  for (const d of info.datasets) {
    lines.push(`  ${d.name}  [${d.key}]`);
    if (d.kind === 'population') {
      lines.push(
        `    ${n(d.currentRows)} population figures for ${n(d.areas)} areas; ${counted(d.imports, 'import')}`,
      );
      continue;
    }
    lines.push(
      `    ${d.kind} by ${d.areaLevel}${d.boundaryVintage ? ` (${d.boundaryVintage} wards)` : ''}; ${counted(d.imports, 'import')}; months: ${coverage(d.months)}`,
    );
    lines.push(
      `    ${n(d.currentRows)} current rows, ${n(d.supersededRows)} kept as earlier revisions; ${n(d.areas)} areas; ${n(d.categories)} categories`,
    );
    if (d.missingMonths.length) lines.push(`    missing months: ${d.missingMonths.map(month).join(', ')}`);
    if (d.revisedMonths.length)
      lines.push(
        `    revised months: ${d.revisedMonths.length > 6 ? `${n(d.revisedMonths.length)} (${month(d.revisedMonths[0]!)} – ${month(d.revisedMonths.at(-1)!)})` : d.revisedMonths.map(month).join(', ')}`,
      );
  }
  lines.push('', 'Imports:');
  for (const i of info.imports) {
    lines.push(
      `  #${i.id} ${i.fileName} (${n(i.fileSize)} bytes, sha256 ${i.sha256.slice(0, 12)}…) → ${i.dataset}; ${n(i.rowsStored)} rows; ${coverage(i.months)}; ${i.finishedAt.slice(0, 16).replace('T', ' ')}`,
    );
  }
  lines.push(
    '',
    `Areas: ${n(info.areas.boroughs)} boroughs, ${n(info.areas.wards)} wards (boundary sets ${info.areas.wardVintages.join(', ')}), ${n(info.areas.lsoas)} LSOAs`,
  );
  const police = info.areas.policeAreas;
  if (police.length) lines.push(`Not boroughs: ${notBoroughsText(police)}`);
  const years = info.populations.years;
  const bases = basesSummary(info.populations.bases);
  lines.push(
    `Populations: ${n(info.populations.rows)} figures for ${n(info.populations.areas)} areas${years.length ? `, ${years[0]}–${years.at(-1)}` : ''}${bases ? ` (${bases})` : ''}`,
  );
  const misnamed = info.populations.misnamedWards ?? 0;
  if (misnamed)
    lines.push(
      `  ${counted(misnamed, 'ward')} added by an earlier Wardlens carry their borough’s name: take the ward population import out (wardlens imports delete) and import the file again to name them.`,
    );
  for (const [scheme, cats] of Object.entries(info.categories))
    lines.push(`Categories (${scheme}): ${n(cats.length)}`);
  return lines.join('\n');
}
