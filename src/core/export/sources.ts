/**
 * Where a table's figures came from, so every exported figure can be traced: the dataset,
 * the imported files whose figures are current for the months shown (with their extract
 * months and import dates), and the population files and years behind any rate.
 */
import type { ReportSource, ReportTable } from '../../shared/export';
import type { PopulationKind } from '../analysis/pivot/populations';
import { fromIsoMonth, toIsoMonth } from '../months';
import { AS_OF_MONTHS_SQL } from '../store/revisions';
import type { Db } from '../store/workspace';
import { dateText, flagsLegend, monthSpanText } from './words';
import type { CellFlag } from '../../shared/pivot';
import { basisOfSource, combineBases, populationsUsedWords, type YearBasis } from '../../shared/populationBasis';

/** The areas whose populations gave a table's rates, by year: the kind of area, and each area's key. */
export interface PopulationsUsed {
  kind: PopulationKind;
  years: { year: number; areas: string[] }[];
}

export interface SourceQuery {
  dataset: { key: string; name: string };
  /** "YYYY-MM"; null for the whole dataset. */
  first: string | null;
  last: string | null;
  populationYears: number[];
  populationFixed: boolean;
  /** A change measure: the figures a year earlier are used too. */
  comparesYearEarlier?: boolean;
  /** "YYYY-MM": an earlier month whose figures the table also uses (a rolling year reaches back). */
  filesFrom?: string;
  /** The figures as they stood when this import was the newest extract (a pivot's asOfImport). */
  asOfImport?: number;
  /** The population files the rates were read from, when the caller knows (the assessment does). */
  populationFiles?: string[];
  /** Otherwise the areas and years whose populations gave the rates: the files are those that hold them. */
  populationsUsed?: PopulationsUsed | null;
  /** Whether each population year is an estimate or a projection, when the caller knows (the assessment does). */
  populationBases?: YearBasis[];
}

export function reportSource(db: Db, q: SourceQuery): ReportSource {
  const row = db.prepare('SELECT id FROM datasets WHERE key = ?').get(q.dataset.key) as
    { id: number } | undefined;
  // The month → import map the figures were read through: the current one, or as of an earlier import.
  const monthMap =
    q.asOfImport === undefined
      ? 'SELECT month, import_id FROM dataset_months WHERE dataset_id = ?'
      : AS_OF_MONTHS_SQL;
  const params = q.asOfImport === undefined ? [row?.id] : [row?.id, q.asOfImport];
  const held = row
    ? (db.prepare(`SELECT min(month) AS f, max(month) AS l FROM (${monthMap})`).get(...params) as {
        f: number | null;
        l: number | null;
      })
    : { f: null, l: null };
  const first = (q.first && fromIsoMonth(q.first)) || held.f;
  const last = (q.last && fromIsoMonth(q.last)) || held.l;
  const imports =
    row && first !== null && last !== null
      ? (db
          .prepare(
            `SELECT i.file_name AS file, i.first_month AS f, i.last_month AS l, i.finished_at AS importedAt
             FROM imports i WHERE i.id IN (SELECT import_id FROM (${monthMap}) WHERE month BETWEEN ? AND ?)
             ORDER BY i.first_month, i.id`,
          )
          .all(
            ...params,
            Math.min(
              q.comparesYearEarlier ? first - 100 : first,
              (q.filesFrom && fromIsoMonth(q.filesFrom)) || first,
            ),
            last,
          ) as { file: string; f: number | null; l: number | null; importedAt: string | null }[])
      : [];
  const asOf =
    q.asOfImport === undefined
      ? null
      : {
          importId: q.asOfImport,
          file:
            (
              db.prepare('SELECT file_name AS file FROM imports WHERE id = ?').get(q.asOfImport) as
                { file: string } | undefined
            )?.file ?? `import ${q.asOfImport}`,
        };
  const years = [...new Set(q.populationYears)].sort((a, b) => a - b);
  return {
    dataset: q.dataset,
    months: first !== null && last !== null ? { first: toIsoMonth(first), last: toIsoMonth(last) } : null,
    comparedWith:
      q.comparesYearEarlier && first !== null && last !== null
        ? { first: toIsoMonth(first - 100), last: toIsoMonth(last - 100) }
        : null,
    asOf,
    imports: imports.map((i) => ({
      file: i.file,
      first: i.f === null ? null : toIsoMonth(i.f),
      last: i.l === null ? null : toIsoMonth(i.l),
      importedAt: i.importedAt,
    })),
    populations: years.length
      ? {
          files: q.populationFiles ?? populationFiles(db, q.populationsUsed),
          years,
          bases: q.populationBases ?? populationBases(db, years, q.populationsUsed),
          fixed: q.populationFixed,
        }
      : null,
    exportedAt: new Date().toISOString(),
  };
}

/**
 * The files whose current population figures gave the rates: only those of the areas rated
 * in the years used, so a ward table does not name the borough file (nor the reverse).
 */
function populationFiles(db: Db, used: PopulationsUsed | null | undefined): string[] {
  if (!used) return [];
  const query = db.prepare(
    `SELECT DISTINCT i.id, i.file_name AS file FROM current_populations p
     JOIN areas a ON a.id = p.area_id JOIN imports i ON i.id = p.import_id
     WHERE a.kind = ? AND p.year = ? AND coalesce(a.code, a.name) IN (SELECT value FROM json_each(?))`,
  );
  const files = new Map<number, string>();
  for (const { year, areas } of used.years)
    for (const r of query.all(used.kind, year, JSON.stringify(areas)) as { id: number; file: string }[])
      files.set(r.id, r.file);
  return [...files].sort(([a], [b]) => a - b).map(([, file]) => file);
}

/**
 * Whether each year's populations behind the rates are estimates or projections, as their
 * sources say: of the areas rated where the caller says which, else of every area held.
 */
function populationBases(db: Db, years: number[], used: PopulationsUsed | null | undefined): YearBasis[] {
  const query = db.prepare(
    `SELECT DISTINCT p.source FROM current_populations p JOIN areas a ON a.id = p.area_id
     WHERE p.year = ? AND (? IS NULL OR (a.kind = ? AND coalesce(a.code, a.name) IN (SELECT value FROM json_each(?))))`,
  );
  return years.map((year) => {
    const areas = used?.years.find((y) => y.year === year)?.areas;
    const sources = query.pluck().all(year, areas ? 1 : null, used?.kind ?? null, JSON.stringify(areas ?? [])) as (string | null)[];
    return { year, basis: combineBases(sources.map(basisOfSource)) };
  });
}

/** The source note under a table, as lines of plain words. */
export function sourceLines(source: ReportSource, flags: CellFlag[], notes: string[]): string[] {
  const compared = source.comparedWith
    ? ` compared with ${monthSpanText(source.comparedWith.first, source.comparedWith.last)}`
    : '';
  const lines = [
    `Source: ${source.dataset.name}, ${source.months ? monthSpanText(source.months.first, source.months.last) : 'all months held'}${compared}.`,
  ];
  if (source.asOf)
    lines.push(
      `Figures as they stood when ${source.asOf.file} (import ${source.asOf.importId}) was the newest extract, before later revisions.`,
    );
  if (source.imports.length) {
    const files = source.imports.map(
      (i) => `${i.file} (${monthSpanText(i.first, i.last)}, imported ${dateText(i.importedAt)})`,
    );
    lines.push(`Files: ${files.join('; ')}.`);
  }
  if (source.populations) {
    const { years, fixed, bases } = source.populations;
    const how = populationsUsedWords(years, fixed, bases, 'every period');
    const files = source.populations.files.length ? ` from ${source.populations.files.join(', ')}` : '';
    lines.push(`Rates are per 1,000 residents, using ${how}${files}.`);
  }
  const legend = flagsLegend(flags);
  if (legend) lines.push(legend);
  lines.push(...notes.map((n) => `Note: ${n}`));
  lines.push(`Exported from Wardlens on ${dateText(source.exportedAt)}.`);
  return lines;
}

/** A table's source note with its own notes, and why any "–" has no figure (the first few reasons). */
export function tableSourceLines(table: ReportTable): string[] {
  const reasons = new Set<string>();
  for (const r of table.body)
    for (const c of r.cells) if (c.kind !== 'text' && c.value === null && c.reason) reasons.add(c.reason);
  const blanks = [...reasons].slice(0, 5).map((reason) => `Where “–” shows: ${reason}`);
  return sourceLines(table.source, table.flagsUsed, [...table.notes, ...blanks]);
}
