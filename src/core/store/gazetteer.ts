/**
 * The London gazetteer Wardlens ships (resources/gazetteer): ONS codes and names of the 33
 * boroughs and of the wards of the 2014, 2018 and 2022 boundary sets. Seeded into every new
 * workspace so names can be matched and a ward file's boundary vintage told offline.
 *
 * A ward keeps its code across sets while its boundary is unchanged, but not always its name
 * (E05009331 was St. Peter's, is Bethnal Green West; E05011483's 2018 "Shirly South" was a
 * misspelling): each ward is stored under its newest name, and the names it had in older sets
 * are looked up here, so a sheet of 2018 names and one of 2022 names both match.
 */
import gazetteer from '../../../resources/gazetteer/london-areas.json';
import { matchName } from './areas';
import type { Db } from './workspace';

interface GazetteerWard {
  code: string;
  /** Its name in the newest set that holds it. */
  name: string;
  boroughCode: string;
  vintages: string[];
  /** Vintage → its name in that older set, only where that differed. */
  earlierNames?: Record<string, string>;
}

const wards = gazetteer.wards as GazetteerWard[];

export function seedGazetteer(db: Db): void {
  const insert = db.prepare(
    'INSERT INTO areas (kind, code, name, match_name, parent_id) VALUES (?, ?, ?, ?, ?) RETURNING id',
  );
  const vintage = db.prepare('INSERT INTO area_vintages (area_id, vintage) VALUES (?, ?)');
  const boroughIds = new Map<string, number>();
  for (const b of gazetteer.boroughs) {
    const { id } = insert.get('borough', b.code, b.name, matchName(b.name), null) as { id: number };
    boroughIds.set(b.code, id);
  }
  for (const w of wards) {
    const { id } = insert.get('ward', w.code, w.name, matchName(w.name), boroughIds.get(w.boroughCode) ?? null) as {
      id: number;
    };
    for (const v of w.vintages) vintage.run(id, v);
  }
}

interface WardNames {
  byCode: Map<string, GazetteerWard>;
  /** Matched name → codes of the wards that have had it in any set. */
  anySet: Map<string, string[]>;
}

let names: WardNames | null = null;

/** Built on first use: about 1,300 wards, so a map each way is cheap and lookups are per name, not per row. */
function wardNames(): WardNames {
  if (names) return names;
  const anySet = new Map<string, string[]>();
  for (const w of wards) {
    const keys = new Set([w.name, ...Object.values(w.earlierNames ?? {})].map(matchName));
    for (const key of keys) anySet.set(key, [...(anySet.get(key) ?? []), w.code]);
  }
  names = { byCode: new Map(wards.map((w) => [w.code, w])), anySet };
  return names;
}

/** The codes of the gazetteer's wards that have been called this name in any boundary set. */
export function gazetteerWardCodes(name: string): string[] {
  return wardNames().anySet.get(matchName(name)) ?? [];
}

/**
 * A gazetteer ward's name: in the given boundary set when the ward belongs to it, else its
 * newest; null for a code the gazetteer does not hold (an LSOA, a ward of an imported set).
 */
export function gazetteerWardName(code: string, vintage?: string | null): string | null {
  const ward = wardNames().byCode.get(code.toUpperCase());
  if (!ward) return null;
  return (vintage && ward.vintages.includes(vintage) ? ward.earlierNames?.[vintage] : undefined) ?? ward.name;
}

/** Whether the gazetteer holds this ward code in this boundary set. */
export function gazetteerHasWard(code: string, vintage: string): boolean {
  return wardNames().byCode.get(code.toUpperCase())?.vintages.includes(vintage) ?? false;
}
