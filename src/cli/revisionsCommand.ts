/** `wardlens revisions`: what changed between two extracts of a series. */
import type { Command } from 'commander';
import type { ExtractRef, RevisionReport } from '../shared/revisions';
import { WardlensError } from '../core/errors';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { month, n } from './format';

const span = (x: ExtractRef) => `${month(x.months.first)} – ${month(x.months.last)}`;
const signed = (x: number) => (x > 0 ? `+${n(x)}` : x < 0 ? `−${n(-x)}` : '0');
const csvCell = (v: string | number) => (typeof v === 'number' ? String(v) : /^[=+\-@\t\r]/.test(v) ? `"'${v.replace(/"/g, '""')}"` : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function revisionsText(r: RevisionReport): string {
  const lines = [
    `${r.dataset.name}: revisions from ${r.from.file} (import ${r.from.id}, ${span(r.from)}) to ${r.to.file} (import ${r.to.id}, ${span(r.to)})`,
    'The newer extract is the one whose data runs later; "New" is its figure, "Old" the one it revised.',
    `Months both extracts cover: ${r.months.length ? `${month(r.months[0]!)} – ${month(r.months.at(-1)!)} (${n(r.months.length)})` : 'none'}`,
    '',
    'Month        Old       New   Difference   Figures revised',
    ...r.byMonth.map((m) => `${month(m.month).padEnd(9)}${n(m.old).padStart(9)}${n(m.new).padStart(10)}${signed(m.difference).padStart(13)}${n(m.figuresChanged).padStart(18)}`),
    `${'Total'.padEnd(9)}${n(r.totals.old).padStart(9)}${n(r.totals.new).padStart(10)}${signed(r.totals.difference).padStart(13)}${n(r.totals.figuresChanged).padStart(18)}`,
  ];
  if (r.rows.length) {
    lines.push('', `Largest revisions (of ${n(r.rows.length)}; --format csv lists them all):`);
    for (const x of [...r.rows].sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference)).slice(0, 15)) {
      lines.push(`  ${month(x.month)}  ${x.area}${x.area !== x.borough ? ` (${x.borough})` : ''}, ${x.category}: ${n(x.old)} → ${n(x.new)} (${signed(x.difference)})`);
    }
  }
  return lines.join('\n');
}

export function revisionsCsv(r: RevisionReport): string {
  const header = ['Month', 'Area code', 'Area', 'Borough', 'Category key', 'Category', 'Old', 'New', 'Difference'];
  const rows = r.rows.map((x) => [x.month, x.areaKey, x.area, x.borough, x.categoryKey, x.category, x.old, x.new, x.difference]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function importId(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new WardlensError('bad-request', `${option} takes an import number (see \`wardlens info\`), not "${value}".`);
  return Number(value);
}

export function addRevisionsCommand(program: Command): void {
  program
    .command('revisions')
    .description('What changed between two extracts of a dataset, month by month, area and category.')
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .requiredOption('--dataset <key>', 'the dataset')
    .option('--from-import <id>', 'the older extract (default: the newest one older than --to-import that shares months with it)')
    .option('--to-import <id>', 'the newer extract (default: the newest that repeats months of an older one); newer means its data runs later, not that it was imported later')
    .option('--format <f>', 'table, csv or json', 'table')
    .action(async (o: { db?: string; dataset: string; fromImport?: string; toImport?: string; format: string }) => {
      if (!['table', 'csv', 'json'].includes(o.format)) throw new WardlensError('bad-request', `--format is table, csv or json, not "${o.format}".`);
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      try {
        const report = await dispatch({ workspace }, 'revisions/report', {
          dataset: o.dataset,
          fromImport: importId('--from-import', o.fromImport),
          toImport: importId('--to-import', o.toImport),
        });
        if (o.format === 'json') console.log(JSON.stringify(report, null, 2));
        else if (o.format === 'csv') process.stdout.write(revisionsCsv(report));
        else console.log(revisionsText(report));
      } finally {
        workspace.close();
      }
    });
}
