/**
 * The assessment's Sources: every crime file whose months it counts (the two years compared
 * and the months the rolling year reaches back to), each with those months, and only the
 * population files whose figures give one of its rates. A file named here is a file used.
 */
import type { Findings } from '../../../shared/findings';
import { listed } from '../../../shared/counted';
import { basisOfSource, combineBases, sourceWords, type YearBasis } from '../../../shared/populationBasis';
import { toIsoMonth } from '../../months';
import { addMonths, monthLabel } from '../periods';
import type { FindingsContext } from './context';

interface FileMonths {
  id: number;
  file: string;
  finishedAt: string;
  months: number[];
}

/** The rolling year's 24 points each add up 12 months: the first starts 34 months before the last month. */
const rollingFirst = (ctx: FindingsContext) => addMonths(ctx.current.last, -34);

const inYears = (ctx: FindingsContext, m: number) =>
  (m >= ctx.previous.first && m <= ctx.previous.last) || (m >= ctx.current.first && m <= ctx.current.last);

/** Each file that gives one of the months wanted, with those months, in the order of its first. */
function filesGiving(ctx: FindingsContext, wanted: (m: number) => boolean): FileMonths[] {
  const from = Math.min(ctx.previous.first, rollingFirst(ctx));
  const rows = ctx.db
    .prepare(
      `SELECT i.id, i.file_name AS file, i.finished_at AS finishedAt, m.month FROM dataset_months m
       JOIN imports i ON i.id = m.import_id WHERE m.dataset_id = ? AND m.month BETWEEN ? AND ? ORDER BY m.month`,
    )
    .all(ctx.dataset.id, from, ctx.current.last) as { id: number; file: string; finishedAt: string; month: number }[];
  const byFile = new Map<number, FileMonths>();
  for (const r of rows.filter((row) => wanted(row.month))) {
    const f = byFile.get(r.id) ?? { id: r.id, file: r.file, finishedAt: r.finishedAt, months: [] };
    f.months.push(r.month);
    byFile.set(r.id, f);
  }
  return [...byFile.values()];
}

/** Months as runs of consecutive months: [[202302, 202312], [202401, 202401]]. */
function runs(months: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const m of months) {
    const last = out.at(-1);
    if (last && addMonths(last[1], 1) === m) last[1] = m;
    else out.push([m, m]);
  }
  return out;
}

/** "2023-02 to 2023-12" (ISO months: the app and the CLI print them in their own style). */
const isoRuns = (months: number[]) =>
  runs(months)
    .map(([a, b]) => (a === b ? toIsoMonth(a) : `${toIsoMonth(a)} to ${toIsoMonth(b)}`))
    .join(', ');

const usedByAssessment = (ctx: FindingsContext) => (m: number) => inYears(ctx, m) || m >= rollingFirst(ctx);

/** The area keys whose rates the assessment gives, by kind of area. */
export interface RatedAreas {
  borough: string[];
  ward: string[];
}

interface PopulationFile {
  file: string;
  kind: string;
  years: number[];
  /** The sources its figures state ("GLA Population Projections", "ONS MYE"), null where none. */
  sources: (string | null)[];
}

/** The population files behind the rates: only figures of the areas rated, in the years used. */
function populationFiles(ctx: FindingsContext, areas: RatedAreas): PopulationFile[] {
  const years = JSON.stringify([...new Set([ctx.previous.populationYear, ctx.current.populationYear])]);
  const query = ctx.db.prepare(
    `SELECT i.id, i.file_name AS file, group_concat(DISTINCT p.year) AS years,
       json_group_array(DISTINCT p.source) AS sources FROM current_populations p
     JOIN areas a ON a.id = p.area_id JOIN imports i ON i.id = p.import_id
     WHERE a.kind = ? AND coalesce(a.code, a.name) IN (SELECT value FROM json_each(?))
       AND p.year IN (SELECT value FROM json_each(?)) GROUP BY i.id ORDER BY i.id`,
  );
  return (['borough', 'ward'] as const).flatMap((kind) =>
    (query.all(kind, JSON.stringify(areas[kind]), years) as { file: string; years: string; sources: string }[]).map(
      (r) => ({
        file: r.file,
        kind,
        years: r.years.split(',').map(Number).sort((a, b) => a - b),
        sources: JSON.parse(r.sources) as (string | null)[],
      }),
    ),
  );
}

function populationsText(ctx: FindingsContext, used: ReturnType<typeof populationFiles>): string {
  const what = (u: PopulationFile) => listed(u.sources.map(sourceWords));
  if (used.length) return used.map((u) => `${u.file} (${u.kind} populations, ${listed(u.years.map(String))}: ${what(u)})`).join('; ');
  const any = ctx.db.prepare("SELECT 1 FROM imports WHERE format = 'population' LIMIT 1").get();
  return any ? 'none used: the workspace holds no population for these areas in these years' : 'none imported';
}

export function findingsSources(ctx: FindingsContext, rated: RatedAreas): Findings['sources'] {
  const files = filesGiving(ctx, usedByAssessment(ctx)).sort((a, b) => a.months[0]! - b.months[0]! || a.id - b.id);
  const pops = populationFiles(ctx, rated);
  return {
    imports: files.map((f) => ({ file: f.file, months: isoRuns(f.months), finishedAt: f.finishedAt })),
    populations: populationsText(ctx, pops),
    populationFiles: [...new Set(pops.map((p) => p.file))],
    populationBases: basesUsed(ctx, rated),
  };
}

/** Whether the population of each year the rates use is an estimate or a projection, as its source says. */
function basesUsed(ctx: FindingsContext, areas: RatedAreas): YearBasis[] {
  const years = [...new Set([ctx.previous.populationYear, ctx.current.populationYear])];
  const rows = ctx.db
    .prepare(
      `SELECT DISTINCT p.year, p.source FROM current_populations p JOIN areas a ON a.id = p.area_id
       WHERE ((a.kind = 'borough' AND coalesce(a.code, a.name) IN (SELECT value FROM json_each(?)))
           OR (a.kind = 'ward' AND coalesce(a.code, a.name) IN (SELECT value FROM json_each(?))))
         AND p.year IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(areas.borough), JSON.stringify(areas.ward), JSON.stringify(years)) as { year: number; source: string | null }[];
  return years
    .filter((y) => rows.some((r) => r.year === y))
    .sort((a, b) => a - b)
    .map((year) => ({ year, basis: combineBases(rows.filter((r) => r.year === year).map((r) => basisOfSource(r.source))) }));
}

/**
 * The rolling year's earliest points count months before the two years compared: when
 * another file gives those months, say so beside the chart's figures, not only in the Sources.
 */
export function rollingYearCaveat(ctx: FindingsContext): string | null {
  // Files that give none of the two years' months: all the months of theirs counted are the rolling year's.
  const others = filesGiving(ctx, usedByAssessment(ctx)).filter((f) => !f.months.some((m) => inYears(ctx, m)));
  if (!others.length) return null;
  const parts = others.map((f) => `${monthLabel(f.months[0]!)} to ${monthLabel(f.months.at(-1)!)} from ${f.file}`);
  return `The rolling-year chart’s earliest points also count months outside the two years compared: ${parts.join('; ')}.`;
}
