/**
 * Whether a map can be whole: the dataset a map opens on (one whose ward set's outlines are
 * imported, when there is one), and how many of a map's areas with figures have no outline.
 */
import type { BoundarySet, ChoroplethResult } from '../../../shared/geo';
import type { DatasetSummary } from '../../../shared/workspace';

/** Areas with figures but no outline, from this share up, are said above the map, not in the notes. */
const LARGE_SHARE = 0.1;

/**
 * The dataset a map opens on: a ward dataset whose ward set has outlines in the workspace (a
 * 2018-wards extract on 2022 outlines draws only the wards the sets share), else any ward
 * dataset, else the first. Datasets come in the order they were imported.
 */
export function openingDataset(datasets: DatasetSummary[], sets: BoundarySet[] | null): DatasetSummary | null {
  const outlined = new Set((sets ?? []).filter((s) => s.kind === 'ward').map((s) => s.vintage));
  const wards = datasets.filter((d) => d.areaLevel === 'ward');
  return wards.find((d) => d.boundaryVintage !== null && outlined.has(d.boundaryVintage)) ?? wards[0] ?? datasets[0] ?? null;
}

export interface MissingOutlines {
  /** Areas with figures that are not drawn. */
  missing: number;
  /** Areas with figures, drawn or not. */
  withFigures: number;
  /** Areas drawn with figures: the ones the colour classes are worked out from. */
  drawn: number;
  /** The boundaries to import, in the analyst's words ("the 2018 ward boundaries"). */
  boundaries: string;
}

/** A large share of the map's areas with figures have no outline, or null. */
export function missingOutlines(map: ChoroplethResult): MissingOutlines | null {
  const missing = map.unmapped.length;
  const drawn = map.features.features.filter((f) => f.properties.count !== null).length;
  const withFigures = drawn + missing;
  if (missing === 0 || missing / withFigures < LARGE_SHARE) return null;
  const boundaries =
    map.level === 'ward' ? `the ${map.vintage ? `${map.vintage} ` : ''}ward boundaries` : 'the borough boundaries';
  return { missing, withFigures, drawn, boundaries };
}
