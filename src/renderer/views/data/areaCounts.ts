/**
 * A dataset's areas counted in words for the Data view. A borough is an area with an ONS code
 * (the 32 boroughs and the City). The names the MPS files crimes under without one are not
 * boroughs: its own police areas (the airports, "Aviation Security (SO18)") and "Unknown", its
 * label for crimes whose borough was not recorded — a label, not a place, so never called an area.
 */
import type { DatasetArea } from '../../../shared/datasetContents';
import { counted, listed } from '../../../shared/counted';
import { isNoBoroughLabel } from '../../../shared/notBoroughs';

const CITY = 'City of London';

const uncoded = (a: DatasetArea) => a.kind === 'borough' && !a.code;
/** A borough-level name without an ONS code that names a place: the airports, Aviation Security. */
export const isPoliceArea = (a: DatasetArea): boolean => uncoded(a) && !isNoBoroughLabel(a.name);
export const isNoBorough = (a: DatasetArea): boolean => uncoded(a) && isNoBoroughLabel(a.name);

/** An area's name as a list shows it: "Unknown (no borough recorded)", else as the police or ONS name it. */
export const areaName = (a: DatasetArea): string =>
  isNoBorough(a) ? `${a.name} (no borough recorded)` : a.name;

/** Each kind's words for its count; "Unknown" is counted apart, after the police areas, but not as a place. */
const PARTS: ((areas: DatasetArea[]) => string | null)[] = [
  byKind((a) => a.kind === 'borough' && !uncoded(a), 'borough', 'boroughs'),
  byKind(isPoliceArea, 'police area', 'police areas'),
  (areas) => {
    const unknown = areas.find(isNoBorough);
    return unknown ? `“${unknown.name}” (no borough recorded)` : null;
  },
  byKind((a) => a.kind === 'ward', 'ward', 'wards'),
  byKind((a) => a.kind === 'lsoa', 'LSOA', 'LSOAs'),
];

function byKind(isKind: (a: DatasetArea) => boolean, one: string, many: string) {
  return (areas: DatasetArea[]) => {
    const n = areas.filter(isKind).length;
    return n ? counted(n, one, many) : null;
  };
}

/** "33 boroughs and 624 wards", "32 boroughs, 1 police area and “Unknown” (no borough recorded)", "no areas". */
export function areaCountText(areas: DatasetArea[]): string {
  const parts = PARTS.flatMap((part) => part(areas) ?? []);
  return parts.length ? listed(parts) : 'no areas';
}

/** Where a dataset's wards lie: "Harrow", "32 boroughs", "32 boroughs and the City", "the City". */
function boroughsText(boroughs: Set<string>): string {
  const others = [...boroughs].filter((b) => b !== CITY);
  const city = boroughs.has(CITY) ? ['the City'] : [];
  if (others.length === 1 && city.length === 0) return others[0]!;
  return listed([...(others.length ? [counted(others.length, 'borough')] : []), ...city]);
}

/**
 * A ward dataset's areas with the boroughs they lie in, counting real boroughs only: a ward
 * whose borough is not known is said apart, not counted as one more borough.
 * "679 wards in 32 boroughs", "624 wards: 570 in 29 boroughs and 54 whose borough is not known".
 */
export function wardsText(areas: DatasetArea[]): string {
  // A ward's borough is an ONS borough or none: the importers never file a ward under "Unknown" and the like.
  const placed = areas.filter((a) => a.borough !== null);
  const unplaced = areas.length - placed.length;
  const total = counted(areas.length, 'ward');
  if (placed.length === 0) return `${total} whose borough is not known`;
  const where = boroughsText(new Set(placed.map((a) => a.borough!)));
  if (unplaced === 0) return `${total} in ${where}`;
  return `${total}: ${placed.length.toLocaleString('en-GB')} in ${where} and ${unplaced.toLocaleString('en-GB')} whose borough is not known`;
}

/** The summary line of a dataset's areas: wards with their boroughs, any other mix by kind. */
export function areasSummary(areas: DatasetArea[]): string {
  const onlyWards = areas.length > 0 && areas.every((a) => a.kind === 'ward');
  return onlyWards ? wardsText(areas) : areaCountText(areas);
}
