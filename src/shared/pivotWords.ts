/**
 * The words that describe a pivot: what its figures measure and what they are broken down
 * by. One wording for the app's table and chart, a saved chart image and every export, so
 * the same pivot is never called two things.
 */
import { listed } from './counted';
import { DIMENSION_LABELS, type Dimension, type Measure, type PivotResult, type ShareOf } from './pivot';
import { MONTH_NAMES } from './workspace';

/** What a pivot's figures measure: a chart's value axis, a table's caption, an export's title. */
export const MEASURE_UNITS: Record<Measure, string> = {
  count: 'Crimes',
  rate: 'Crimes per 1,000 residents',
  share: '% of crimes',
  change: 'Change in crimes on a year earlier',
  'pct-change': '% change on a year earlier',
  'rate-change': 'Change in rate per 1,000 residents on a year earlier',
};

/**
 * The unit as the dataset counts it: police.uk files hold anti-social behaviour beside crimes,
 * so their figures are incidents, not crimes.
 */
export function measureUnit(measure: Measure, datasetKind?: string): string {
  const unit = MEASURE_UNITS[measure];
  return datasetKind === 'incidents'
    ? unit.replace('Crimes', 'Incidents').replace('crimes', 'incidents')
    : unit;
}

/** "ward and year", "borough, month and major category", "LSOA" */
export function dimensionsPhrase(dims: readonly Dimension[]): string {
  return listed(dims.map((d) => (d === 'lsoa' ? 'LSOA' : DIMENSION_LABELS[d].toLowerCase())));
}

export interface PivotWording {
  measure: Measure;
  /** Row dimensions, then column dimensions. */
  dimensions: readonly Dimension[];
  datasetKind?: string;
  /** A share of something other than the whole table is named: "(of each borough)". */
  shareOf?: ShareOf;
}

/** "Crimes per 1,000 residents by ward and year": a pivot's title, before any filters. */
export function pivotPhrase(p: PivotWording): string {
  const shareOf =
    p.measure === 'share' && p.shareOf && p.shareOf !== 'total' ? ` (of each ${p.shareOf})` : '';
  const by = p.dimensions.length ? ` by ${dimensionsPhrase(p.dimensions)}` : '';
  return `${measureUnit(p.measure, p.datasetKind)}${shareOf}${by}`;
}

/**
 * A filter value's name as the pivot's own headings show it ("E09000015" → "Harrow"), or
 * undefined when the caller has none. The app takes names from the answers it already holds;
 * the engine looks them up in the workspace.
 */
export type FilterNames = (dimension: Dimension, value: string) => string | undefined;

/** A period as the pivot labels it: "2022-01" → "Jan 2022", "2022-Q1" → "Q1 2022"; years as they are. */
export function periodWords(dimension: Dimension, value: string): string {
  const month = dimension === 'month' ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  const name = month ? MONTH_NAMES[Number(month[2]) - 1] : undefined;
  if (month && name) return `${name} ${month[1]}`;
  const quarter = dimension === 'quarter' ? /^(\d{4})-Q([1-4])$/.exec(value) : null;
  return quarter ? `Q${quarter[2]} ${quarter[1]}` : value;
}

/** "Harrow, Burglary - Residential, Jan 2022": every filter value in words, in the spec's order. */
export function filterWords(filters: PivotResult['spec']['filters'], nameOf?: FilterNames): string[] {
  return (Object.entries(filters ?? {}) as [Dimension, string[] | undefined][]).flatMap(([d, values]) =>
    (values ?? []).filter(Boolean).map((v) => nameOf?.(d, v) ?? periodWords(d, v)),
  );
}

/**
 * "Crimes by ward and month — Harrow, Burglary - Residential": a pivot's title on screen, on a
 * saved chart and in every export. Filters are named, never given as codes, when names are known.
 */
export function pivotTitle(
  result: Pick<PivotResult, 'spec' | 'measure' | 'rowDimensions' | 'columnDimensions' | 'dataset'>,
  nameOf?: FilterNames,
): string {
  const phrase = pivotPhrase({
    measure: result.measure,
    dimensions: [...result.rowDimensions, ...result.columnDimensions],
    datasetKind: result.dataset.kind,
    shareOf: result.spec.shareOf,
  });
  const filters = filterWords(result.spec.filters, nameOf);
  return filters.length ? `${phrase} — ${filters.join(', ')}` : phrase;
}
