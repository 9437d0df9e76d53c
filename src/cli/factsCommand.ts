/** `wardlens facts`: the assessment's standard blocks for an area, category and year, in words or JSON. */
import type { Command } from 'commander';
import type { Findings } from '../shared/findings';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { WardlensError } from '../core/errors';
import { signed as signedBy } from '../core/signs';
import { likeForLikeHeading, NO_SHARED_MONTH, ragText, shownChange, shownRateChange, significanceText } from '../shared/comparisonWords';

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
// Through the one sign rule, so a change that rounds to nought is never "−0.00".
const signed = (x: number | null, dp = 0) => (x === null ? '–' : signedBy(x, (v) => n(v, dp), true));
const signedPct = (x: number | null) => (x === null ? '–' : `${signed(x, 1)}%`);
const indented = (lines: string[]) => lines.map((s) => `  ${s}`);

/** The same words as the Assessment's quick facts: its sentences and whether the change is real. */
function quickFactsLines(f: Findings): string[] {
  return ['Quick facts', ...indented([...f.quickFacts.sentences, `Is it real? ${significanceText(f.quickFacts)}`]), ''];
}

/**
 * When a year lacks months the Assessment compares the same months of both years instead of
 * the whole years; the terminal says the same, or that the years share no month.
 */
function likeForLikeLines(f: Findings): string[] {
  if (!f.quickFacts.flags.includes('incomplete')) return [];
  const l = f.likeForLike;
  if (!l) return ['Like for like', `  ${NO_SHARED_MONTH}`, ''];
  return [likeForLikeHeading(l), ...indented([`Is it real? ${significanceText(l.figures)}`, ...l.sentences]), ''];
}

/** The nearest-neighbour table; a part year against a whole one shows no change, as in the Assessment. */
function neighbourLines(f: Findings, nb: NonNullable<Findings['neighbours']>): string[] {
  const { previous: py, current: cy } = f.years;
  const header = ['Borough', `Offences ${py}`, `Rate ${py}`, `Offences ${cy}`, `Rate ${cy}`, 'Change', '% change', 'Rate change', 'RAG'];
  const rated = [...nb.rows, ...(nb.london ? [{ ...nb.london, rag: null, quartile: null }] : [])];
  const rows = rated.map((r) => [
    r.name,
    n(r.previous),
    n(r.previousRate, 2),
    n(r.current),
    n(r.currentRate, 2),
    signed(shownChange(r)),
    signedPct(r.percentChange.value),
    signed(shownRateChange(r), 2),
    ragText(r),
  ]);
  const table = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const words = (i: number) => i === 0 || i === header.length - 1; // names and ratings; the rest are figures
  const aligned = table.map((r) => r.map((v, i) => (words(i) ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ').trimEnd());
  return ['Nearest neighbours', ...indented([...aligned, ...nb.sentences]), ''];
}

export function findingsText(f: Findings): string {
  const out = [`${f.category.label} in ${f.area.name}: ${f.years.current} compared with ${f.years.previous}`, `(${f.dataset.name})`, ''];
  out.push(...quickFactsLines(f), ...likeForLikeLines(f));
  if (f.wards) out.push('Wards', ...indented(f.wards.sentences), '');
  out.push('Months', ...indented(f.months.sentences), '');
  out.push('Rolling year', ...indented(f.rollingYear.sentences), '');
  if (f.neighbours) out.push(...neighbourLines(f, f.neighbours));
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
