/**
 * Which datasets have revisions to show. Only extracts that repeat months an older one held
 * can have revised a figure; the engine lists those months as each dataset's `revisedMonths`.
 */
import type { DatasetSummary, ImportSummary, WorkspaceInfo } from '../../../shared/workspace';
import { monthRange } from '../../format/months';
import { listed } from '../../../shared/counted';

const crimeData = (d: DatasetSummary) => d.kind !== 'population';

/** Datasets with two or more extracts sharing a month: the only ones worth comparing. */
export function revisableDatasets(info: WorkspaceInfo): DatasetSummary[] {
  return info.datasets.filter((d) => crimeData(d) && d.imports > 1 && d.revisedMonths.length > 0);
}

/** Datasets with several extracts that nevertheless cover different months. */
export function separateExtracts(info: WorkspaceInfo): DatasetSummary[] {
  return info.datasets.filter((d) => crimeData(d) && d.imports > 1 && d.revisedMonths.length === 0);
}

/** The extracts (imports) of one dataset, in the order they were imported. */
export function extractsOf(info: WorkspaceInfo, d: DatasetSummary): ImportSummary[] {
  return info.imports.filter((i) => i.dataset === d.name || i.dataset === d.key);
}

/** "Jan 2008 – Dec 2016 and Jan 2017 – Dec 2018"; a long run of extracts as its whole span. */
export function extractSpans(extracts: ImportSummary[]): string {
  const spans = extracts.map((i) => monthRange(i.months.first, i.months.last));
  if (spans.length > 4) {
    const firsts = extracts.map((i) => i.months.first).filter((m): m is string => m !== null).sort();
    const lasts = extracts.map((i) => i.months.last).filter((m): m is string => m !== null).sort();
    return `${monthRange(firsts[0] ?? null, lasts.at(-1) ?? null)}, each its own months`;
  }
  return listed(spans);
}
