/**
 * What the Assessment's form may offer for one dataset, and the question it settles on: the
 * years the dataset holds in full, the crime types it holds (once each), and a spec whose every
 * part is one of those choices, so the page never shows a year or category the form does not.
 */
import type { FactsSpec } from '../../../shared/findings';
import type { PivotResult } from '../../../shared/pivot';
import type { DatasetSummary } from '../../../shared/workspace';

export interface Choice {
  /** What the engine is asked for: a major category's name, or a minor category's key. */
  value: string;
  label: string;
}

/** The crime types a dataset holds: major categories, then each minor category under its major. */
export interface CategoryChoices {
  majors: Choice[];
  minors: Choice[];
}

type YearKind = NonNullable<FactsSpec['yearKind']>;

const monthNumber = (iso: string) => Number(iso.slice(0, 4)) * 100 + Number(iso.slice(5, 7));

/** The months of a year: calendar (Jan–Dec) or financial (Apr–Mar, named by its first year). */
function span(year: number, kind: YearKind) {
  return kind === 'financial'
    ? { first: year * 100 + 4, last: (year + 1) * 100 + 3 }
    : { first: year * 100 + 1, last: year * 100 + 12 };
}

/**
 * The years a dataset holds in full and can compare with the year before (some of which it
 * holds), latest first. A dataset of under two years offers its last year, flagged by the engine.
 */
export function yearsOf(d: DatasetSummary, kind: YearKind = 'calendar'): number[] {
  const first = monthNumber(d.months.first!);
  const last = monthNumber(d.months.last!);
  const out: number[] = [];
  for (let y = Math.floor(last / 100); y >= Math.floor(first / 100) - 1; y--) {
    const s = span(y, kind);
    if (s.first >= first && s.last <= last && span(y - 1, kind).last >= first) out.push(y);
  }
  return out.length ? out : [Math.floor(last / 100) - (kind === 'financial' ? 1 : 0)];
}

/**
 * The year the form starts on: the latest full year with a full year before it, so the first
 * comparison shown is like for like; else the latest full year, whose part year before it the
 * engine flags and compares only over the months both hold.
 */
export function defaultYear(d: DatasetSummary, kind: YearKind = 'calendar'): number {
  const years = yearsOf(d, kind);
  const first = monthNumber(d.months.first!);
  return years.find((y) => span(y - 1, kind).first >= first) ?? years[0]!;
}

/**
 * The dataset's own categories from a pivot of major × category over it: each major once (the
 * grid may give one row per category id), in the engine's spelling, so "BURGLARY" and
 * "Burglary" of two extracts are one choice, and nothing of another dataset appears.
 */
export function categoryChoices(pivot: PivotResult): CategoryChoices {
  const majors = new Map<string, Choice>();
  const minors = new Map<string, Choice>();
  for (const row of pivot.rows) {
    const [majorKey, minorKey] = row.keys;
    const [major, minor] = row.labels;
    if (!majorKey || !minorKey || !major) continue;
    if (!majors.has(majorKey)) majors.set(majorKey, { value: major, label: major });
    const majorLabel = majors.get(majorKey)!.label;
    if (!minors.has(minorKey))
      minors.set(minorKey, { value: minorKey, label: `${minor ?? minorKey} (${majorLabel})` });
  }
  const byLabel = (a: Choice, b: Choice) => a.label.localeCompare(b.label, 'en-GB');
  return { majors: [...majors.values()].sort(byLabel), minors: [...minors.values()].sort(byLabel) };
}

/** The choice a category asked for stands for here: the same value, or the same major in another spelling. */
export function findCategory(choices: CategoryChoices, category: string | undefined): Choice | null {
  if (!category) return null;
  const all = [...choices.majors, ...choices.minors];
  const wanted = category.toLowerCase();
  return (
    all.find((c) => c.value === category) ??
    choices.majors.find((c) => c.value.toLowerCase() === wanted) ??
    null
  );
}

/** Burglary where the dataset holds it (the assessment's usual first block), else its first major. */
function defaultCategory(choices: CategoryChoices): string {
  return (findCategory(choices, 'burglary') ?? choices.majors[0] ?? choices.minors[0])?.value ?? '';
}

/**
 * The question as the form shows it: the chosen dataset, and each other choice kept only if
 * this dataset offers it, else replaced by its latest full year, first borough, burglary.
 */
export function settleSpec(
  chosen: Partial<FactsSpec>,
  dataset: DatasetSummary,
  boroughs: string[],
  choices: CategoryChoices,
): FactsSpec {
  const years = yearsOf(dataset, chosen.yearKind ?? 'calendar');
  const area = chosen.area && boroughs.includes(chosen.area) ? chosen.area : boroughs[0]!;
  const year =
    chosen.year !== undefined && years.includes(chosen.year)
      ? chosen.year
      : defaultYear(dataset, chosen.yearKind ?? 'calendar');
  const compare =
    chosen.compare !== undefined && chosen.compare < year && years.includes(chosen.compare)
      ? chosen.compare
      : undefined;
  return {
    ...chosen,
    dataset: dataset.key,
    area,
    category: findCategory(choices, chosen.category)?.value ?? defaultCategory(choices),
    year,
    compare,
    neighbours: (chosen.neighbours ?? []).filter((n) => n !== area && boroughs.includes(n)),
  };
}
