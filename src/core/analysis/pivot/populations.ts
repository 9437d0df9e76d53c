/** Populations for rates: the current figure for each area (by key) and year. */
import { counted } from '../../../shared/counted';
import type { BlankReasonKind } from '../../../shared/pivot';
import { nameInSet } from '../../store/areas';
import type { Db } from '../../store/workspace';

export type PopulationTable = Map<string, Map<number, number>>;

/** Area key (ONS code, or name for uncoded areas) → year → population, for one kind of area. */
export function loadPopulations(db: Db, kind: 'borough' | 'ward' | 'lsoa'): PopulationTable {
  const rows = db
    .prepare(
      `SELECT coalesce(a.code, a.name) AS area, p.year, p.population FROM current_populations p
       JOIN areas a ON a.id = p.area_id WHERE a.kind = ?`,
    )
    .all(kind) as { area: string; year: number; population: number }[];
  const table: PopulationTable = new Map();
  for (const r of rows) {
    let years = table.get(r.area);
    if (!years) table.set(r.area, (years = new Map()));
    years.set(r.year, r.population);
  }
  return table;
}

export type PopulationKind = 'borough' | 'ward' | 'lsoa';

const PLURAL: Record<PopulationKind, [string, string]> = {
  borough: ['borough', 'boroughs'],
  ward: ['ward', 'wards'],
  lsoa: ['LSOA', 'LSOAs'],
};

/**
 * One plain note for every rate left blank for want of a population, saying what is held
 * instead: most often the populations are for another set of wards (2014 wards, say, when the
 * crimes are on 2022 wards), or stop before the year asked for. Rather than one note per area.
 */
export function missingPopulationNote(
  db: Db,
  kind: PopulationKind,
  held: PopulationTable,
  missing: Map<number, Set<string>>,
  wardSet: string | null = null,
): string {
  const [one, many] = PLURAL[kind];
  const areas = new Set([...missing.values()].flatMap((s) => [...s]));
  const years = [...missing.keys()].sort((a, b) => a - b);
  const count = counted(areas.size, one, many);
  const when = years.length === 1 ? `${years[0]}` : `${years[0]}–${years.at(-1)}`;
  const example = exampleName(db, kind, areas, wardSet);
  const head = `Rates are blank for ${count} (${example}${areas.size > 1 ? ' and others' : ''}) in ${when}`;
  if (held.size === 0)
    return `${head}: the workspace holds no ${one} populations. Import population estimates for ${many} to see rates.`;
  const heldYears = [...held.values()].flatMap((y) => [...y.keys()]);
  const span = `${Math.min(...heldYears)}–${Math.max(...heldYears)}`;
  const unknown = [...areas].filter((a) => !held.has(a)).length;
  if (unknown === areas.size)
    return `${head}: the workspace has no population at all for these ${many}. The ${one} populations it holds (${held.size.toLocaleString('en-GB')} ${many}, ${span}) are for other ${one} boundaries; rates need populations for the ${many} of this dataset.`;
  return `${head}: the workspace has no population for them in that year. The ${one} populations held run ${span}; choose a population year in that range, or import newer estimates.`;
}

/** A blank rate's area: its name, and whether any area of its own boundary set has a population. */
export interface BlankArea {
  key: string;
  name: string;
  ownSetHeld: boolean;
}

/** Why one area's rate is blank, in the words of the note above (said once for the table), naming the area. */
export function missingPopulationReason(
  kind: PopulationKind,
  held: PopulationTable,
  area: BlankArea,
  year: number,
): { reason: string; reasonKind: BlankReasonKind } {
  const [one, many] = PLURAL[kind];
  if (held.size === 0)
    return {
      reason: `No ${year} population for ${area.name}: the workspace holds no ${one} populations. Import population estimates for ${many} to see rates.`,
      reasonKind: 'no-populations-held',
    };
  const years = held.get(area.key);
  if (!years) {
    const why = area.ownSetHeld
      ? `the ${one} populations it holds do not include this ${one}`
      : `the ${one} populations it holds are for other ${one} boundaries; rates need populations for this dataset’s ${many}`;
    return { reason: `No population for ${area.name} in this workspace: ${why}.`, reasonKind: 'no-population' };
  }
  const span = `${Math.min(...years.keys())}–${Math.max(...years.keys())}`;
  return {
    reason: `No ${year} population for ${area.name}: the populations held for it run ${span}; choose a population year in that range, or import newer estimates.`,
    reasonKind: 'no-population-that-year',
  };
}

/**
 * An area by its key (ONS code, or name for uncoded areas), looked up once per area: its
 * name, and whether populations are held for any area of its boundary set (a 2022 ward's,
 * say, when the populations are for 2014 wards). Areas with no recorded set count as held.
 */
export function blankAreas(db: Db, kind: PopulationKind, wardSet: string | null = null): (key: string) => BlankArea {
  const found = new Map<string, BlankArea>();
  let heldSets: Set<string> | null = null;
  const find = db.prepare(
    `SELECT a.name, group_concat(v.vintage) AS sets FROM areas a LEFT JOIN area_vintages v ON v.area_id = a.id
     WHERE a.kind = ? AND (a.code = ? OR (a.code IS NULL AND a.name = ?)) GROUP BY a.id LIMIT 1`,
  );
  const setsWithPopulations = () =>
    (heldSets ??= new Set(
      db.prepare('SELECT DISTINCT v.vintage FROM current_populations p JOIN area_vintages v ON v.area_id = p.area_id').pluck().all() as string[],
    ));
  return (key) => {
    let area = found.get(key);
    if (!area) {
      const row = find.get(kind, key, key) as { name: string; sets: string | null } | undefined;
      const sets = row?.sets?.split(',') ?? [];
      const ownSetHeld = sets.length === 0 || sets.some((s) => setsWithPopulations().has(s));
      // The key is the ONS code of a coded area: a ward is named as in the set the figures are on.
      found.set(key, (area = { key, name: nameInSet(key, row?.name ?? key, wardSet), ownSetHeld }));
    }
    return area;
  };
}

/** The name (and code) of one of the areas, for the note: "Harrow on the Hill (E05013542)". */
function exampleName(db: Db, kind: PopulationKind, areas: Set<string>, wardSet: string | null): string {
  const key = [...areas].sort()[0]!;
  const row = db.prepare('SELECT name, code FROM areas WHERE kind = ? AND (code = ? OR name = ?) LIMIT 1').get(kind, key, key) as
    | { name: string; code: string | null }
    | undefined;
  return row && row.code && row.name !== row.code ? `${nameInSet(row.code, row.name, wardSet)}, ${row.code}` : key;
}
