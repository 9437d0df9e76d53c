/** `wardlens facts`: the assessment's standard blocks for an area, category and year, in words or JSON. */
import type { Command } from 'commander';
import type { Findings } from '../shared/findings';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { WardlensError } from '../core/errors';

interface FactsOptions {
  db?: string;
  dataset?: string;
  area: string;
  category: string;
  year: string;
  compare?: string;
  financial?: boolean;
  neighbours?: string;
  populationYear?: string;
  format: string;
}

const n = (x: number | null, dp = 0) => (x === null ? '–' : x.toLocaleString('en-GB', { minimumFractionDigits: dp, maximumFractionDigits: dp }));
const signed = (x: number | null, dp = 0) => (x === null ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${n(Math.abs(x), dp)}`);

export function findingsText(f: Findings): string {
  const out = [`${f.category.label} in ${f.area.name}: ${f.years.current} compared with ${f.years.previous}`, `(${f.dataset.name})`, ''];
  out.push('Quick facts', ...f.quickFacts.sentences.map((s) => `  ${s}`), '');
  if (f.wards) out.push('Wards', ...f.wards.sentences.map((s) => `  ${s}`), '');
  out.push('Months', ...f.months.sentences.map((s) => `  ${s}`), '');
  out.push('Rolling year', ...f.rollingYear.sentences.map((s) => `  ${s}`), '');
  if (f.neighbours) {
    out.push('Nearest neighbours');
    const header = ['Borough', `Offences ${f.years.previous}`, 'Rate', `Offences ${f.years.current}`, 'Rate', 'Change', 'Rate change', 'RAG'];
    const rows = [...f.neighbours.rows, ...(f.neighbours.london ? [f.neighbours.london] : [])].map((r) => [
      r.name,
      n(r.previous),
      n(r.previousRate, 2),
      n(r.current),
      n(r.currentRate, 2),
      signed(r.change),
      signed(r.rateChange, 2),
      'rag' in r && r.rag ? String(r.rag) : '',
    ]);
    const table = [header, ...rows];
    const widths = header.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
    out.push(...table.map((r) => `  ${r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ')}`));
    out.push(...f.neighbours.sentences.map((s) => `  ${s}`), '');
  }
  out.push('Caveats', ...f.caveats.map((c) => `  - ${c}`), '');
  out.push('Sources', ...f.sources.imports.map((i) => `  ${i.file} (${i.months})`), `  Populations: ${f.sources.populations}`);
  return out.join('\n');
}

export function addFactsCommand(program: Command): void {
  program
    .command('facts')
    .description("The assessment's blocks for a borough, a category and a year: quick facts, wards, months, rolling year, nearest neighbours, caveats.")
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .option('--dataset <key>', 'the dataset (default: one holding both years, ward level preferred)')
    .requiredOption('--area <name-or-code>', 'the borough')
    .requiredOption('--category <name-or-key>', 'a category (e.g. "Burglary - Residential") or major category ("Burglary")')
    .requiredOption('--year <year>', 'the year reported on')
    .option('--compare <year>', 'the year compared with (default: the year before)')
    .option('--financial', 'financial years (April–March) instead of calendar years')
    .option('--neighbours <boroughs>', 'comma-separated boroughs for the nearest-neighbour table')
    .option('--population-year <year>', 'use this population year for both years')
    .option('--format <f>', 'text or json', 'text')
    .action(async (o: FactsOptions) => {
      if (o.format !== 'text' && o.format !== 'json') throw new WardlensError('bad-request', `--format is text or json, not "${o.format}".`);
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      try {
        const findings = await dispatch({ workspace }, 'facts/build', {
          dataset: o.dataset,
          area: o.area,
          category: o.category,
          year: Number(o.year),
          compare: o.compare ? Number(o.compare) : undefined,
          yearKind: o.financial ? 'financial' : 'calendar',
          neighbours: o.neighbours ? o.neighbours.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
          populationYear: o.populationYear ? Number(o.populationYear) : undefined,
        });
        console.log(o.format === 'json' ? JSON.stringify(findings, null, 2) : findingsText(findings));
      } finally {
        workspace.close();
      }
    });
}
