/**
 * Rates when no area is on the rows or columns: the filters then keep the figures to some
 * boroughs or wards ("Keep only Borough: Harrow"), and a rate is per the residents of those
 * areas together. Without this every such rate was blank, though the analyst has said whose
 * rate it is.
 */
import { counted, listed } from '../../../shared/counted';
import type { BlankReasonKind, Dimension, PivotCell, PivotMeasureTable } from '../../../shared/pivot';
import { datasetWardSet, nameInSet } from '../../store/areas';
import { populationBases } from '../../store/populationAreas';
import type { Db } from '../../store/workspace';
import type { MeasureContext } from './measures';
import { blankAreas, loadPopulations, missingPopulationReason, type BlankArea, type PopulationTable } from './populations';

/** The areas a pivot's filters keep, whose residents its rates are per. */
export interface FilteredAreas {
  kind: 'borough' | 'ward';
  /** Keys as populations are held: ONS code, or name for uncoded areas. Each once. */
  keys: string[];
  /** Each key's name as the pivot's headings show it. */
  names: Map<string, string>;
}

const PLURAL = { borough: 'boroughs', ward: 'wards' } as const;

/**
 * The boroughs or wards the (resolved) filters keep; null when they keep no particular area.
 * A ward filter is the finer one: with a borough filter too, a ward recorded in another
 * borough is left out, as the borough filter leaves out its crimes.
 */
export function filteredAreas(
  db: Db,
  datasetId: number,
  filters: Partial<Record<Dimension, string[]>>,
): FilteredAreas | null {
  const boroughs = filters.borough?.length ? new Set(filters.borough) : null;
  const kind = filters.ward?.length ? 'ward' : boroughs ? 'borough' : null;
  if (!kind) return null;
  const rows = db
    .prepare(
      `SELECT coalesce(a.code, a.name) AS key, a.code, a.name, coalesce(b.code, b.name) AS borough
       FROM areas a LEFT JOIN areas b ON b.id = a.parent_id AND b.kind = 'borough'
       WHERE a.kind = ? AND coalesce(a.code, a.name) IN (SELECT value FROM json_each(?))`,
    )
    .all(kind, JSON.stringify(filters[kind])) as { key: string; code: string | null; name: string; borough: string | null }[];
  const order = filters[kind]!;
  const kept = rows
    .filter((r) => kind === 'borough' || !boroughs || r.borough === null || boroughs.has(r.borough))
    .sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  if (kept.length === 0) return null;
  const wardSet = kind === 'ward' ? datasetWardSet(db, datasetId) : null;
  const names = new Map(kept.map((r) => [r.key, kind === 'ward' ? nameInSet(r.code, r.name, wardSet) : r.name]));
  return { kind, keys: [...names.keys()], names };
}

/** What a pivot's measures need to rate over the areas the filters keep: their kind's populations. */
export function ratesOverFilteredAreas(db: Db, areas: FilteredAreas): Partial<MeasureContext> {
  return {
    populations: loadPopulations(db, areas.kind),
    populationKind: areas.kind,
    blankArea: blankAreas(db, areas.kind),
    populationBases: new Map(populationBases(db, areas.kind).map((b) => [b.year, b.basis])),
    filteredAreas: areas,
  };
}

/** "Rates are per 1,000 residents of Harrow: …": whose population the rates are over. */
export function ratedOverNote(areas: FilteredAreas): string {
  const whose = namesOf(areas, areas.keys, 6);
  if (areas.keys.length === 1) return `Rates are per 1,000 residents of ${whose}, the ${areas.kind} the filters keep.`;
  return `Rates are per 1,000 residents of ${whose} together: the ${counted(areas.keys.length, areas.kind, PLURAL[areas.kind])} the filters keep, their populations added.`;
}

/**
 * Why a rate over the filtered areas is blank: one of them has no population that year. One
 * area is told as any area's blank rate is; several name every one missing.
 */
export function filteredAreasReason(
  areas: FilteredAreas,
  held: PopulationTable,
  missing: string[],
  year: number,
  blankArea: BlankArea,
): { reason: string; reasonKind: BlankReasonKind } {
  const one = missingPopulationReason(areas.kind, held, { ...blankArea, name: nameOf(areas, blankArea.key) }, year);
  if (areas.keys.length === 1) return one;
  return {
    reason: `No ${year} population for ${namesOf(areas, missing)}: a rate over the ${PLURAL[areas.kind]} the filters keep needs each one’s population.`,
    reasonKind: one.reasonKind,
  };
}

/** The one note for rates over the filtered areas left blank, naming every area without a population. */
export function filteredAreasMissingNote(
  areas: FilteredAreas,
  held: PopulationTable,
  missing: Map<number, Set<string>>,
): string {
  const years = [...missing.keys()].sort((a, b) => a - b);
  const when = years.length === 1 ? `${years[0]}` : `${years[0]}–${years.at(-1)}`;
  const lacking = areas.keys.filter((k) => [...missing.values()].some((s) => s.has(k)));
  // An area with no population in any year (the airports "borough") wants no hint about years.
  const never = lacking.every((k) => !held.has(k));
  const why = never
    ? `the workspace holds no population at all for ${namesOf(areas, lacking)}`
    : `the workspace holds no population for ${namesOf(areas, lacking)} in ${years.length === 1 ? 'that year' : 'some of those years'}`;
  const several = areas.keys.length > 1 ? `, and a rate over the ${PLURAL[areas.kind]} the filters keep needs each one’s population` : '';
  const heldYears = [...held.values()].flatMap((y) => [...y.keys()]);
  const hint = !heldYears.length
    ? ` Import population estimates for ${PLURAL[areas.kind]} to see rates.`
    : never
      ? ''
      : ` The ${areas.kind} populations held run ${Math.min(...heldYears)}–${Math.max(...heldYears)}; choose a population year in that range, or import newer estimates.`;
  return `Rates are blank in ${when}: ${why}${several}.${hint}`;
}

/** Whether any rate in the tables was given: only then is it worth saying whose residents they are per. */
export function anyRateGiven(tables: PivotMeasureTable[]): boolean {
  const given = (c: PivotCell) => c.value !== null;
  return tables.some(
    (t) =>
      (t.measure === 'rate' || t.measure === 'rate-change') &&
      (given(t.grandTotal) || t.columnTotals.some(given) || t.rowTotals.some(given) || t.cells.some((row) => row.some(given))),
  );
}

const nameOf = (areas: FilteredAreas, key: string) => areas.names.get(key) ?? key;

/** "Barnet, Brent and Harrow"; past `most` names, the first few and "and 7 others". */
function namesOf(areas: FilteredAreas, keys: string[], most = Infinity): string {
  const names = keys.map((k) => nameOf(areas, k));
  if (names.length <= most) return listed(names);
  return `${names.slice(0, most - 1).join(', ')} and ${counted(names.length - most + 1, 'other')}`;
}
