/**
 * Population tables: one figure per area per year, ONS or GLA mid-year estimates or GLA
 * projections. Long (area, year, population) or wide (area, then one column per year), with
 * title rows above the header allowed. Areas are matched by ONS code first, then by name.
 * Each figure keeps its source as the file states it (a Source column), else as the table's
 * known publication states it, so an estimate is never shown as a projection or the reverse.
 */
import type { PopulationDetail } from '../../../shared/importing';
import type { AreaKind } from '../../../shared/workspace';
import { badInput } from '../../errors';
import { looksLikeOnsCode, matchName, type AreaRow } from '../../store/areas';
import type { DatasetSpec } from '../../store/datasets';
import { nameWard } from '../../store/populationAreas';
import { dataRows, type ImportContext } from '../context';
import { cellText, type SheetRow } from '../readers/table';

export interface PopulationLayout {
  headerRow: number;
  area: number;
  /** What the area column holds: codes, or names. */
  areaBy: 'code' | 'name';
  source: number;
  /** With an area code column: the columns naming the area itself and its borough, or -1. */
  name: number;
  borough: number;
  /** The source of every figure, for a known table with no Source column (see KNOWN_TABLES). */
  knownSource: string | null;
  /** Long layout: the year and population columns. */
  year: number;
  population: number;
  /** Wide layout: [column, year] for each year column. */
  years: [number, number][];
}

const CODE_HEADERS = ['code', 'area code', 'gss code', 'gss_code', 'ons code', 'new code', 'ward code', 'wardcode', 'borough code', 'lad code', 'la code', 'lsoa code', 'geography code', 'areacode'];
const NAME_HEADERS = ['ward name', 'ward_name', 'wardname', 'ward', 'area name', 'area', 'name', 'borough', 'borough name', 'local authority', 'la name', 'geography', 'lsoa name'];
const OWN_NAME_HEADERS = ['ward name', 'ward_name', 'wardname', 'ward', 'area name', 'name', 'lsoa name', 'geography'];
const BOROUGH_HEADERS = ['borough', 'borough name', 'local authority', 'la name', 'lad name'];

/**
 * Tables whose publication is known though they carry no Source column, by their exact header.
 * The London Datastore's "Land area and population density, ward and borough" ward sheet holds
 * the GLA's ward projections, 2011–2050 (its borough sheet has a Source column of its own).
 */
const KNOWN_TABLES: { header: string; source: string }[] = [
  {
    header: 'code,borough,ward_name,year,population,hectares,square_kilometres,population_per_hectare,population_per_square_kilometre',
    source: 'GLA Population Projections',
  },
];
const YEAR_HEADER = /^(?:(?:population|mid[- ]?year)(?: estimates?)?s?\s*[-–:,]?\s*)?(?:mid[- ]?)?((?:19|20)\d\d)$/;

export const populationDatasetSpec: DatasetSpec = {
  key: 'population',
  name: 'Population figures',
  kind: 'population',
  areaLevel: 'ward',
  categoryScheme: null,
  boundaryVintage: null,
};

export function recognisePopulation(head: SheetRow[], fileName: string): PopulationLayout | null {
  const titleSaysPopulation =
    /population/i.test(fileName) || head.some((r) => r.cells.some((c) => /population/i.test(cellText(c))));
  for (const { row, cells } of head) {
    const h = cells.map((c) => cellText(c).toLowerCase().replace(/\s+/g, ' '));
    const area = pickAreaColumn(h, head, row);
    if (!area) continue;
    const source = h.indexOf('source');
    const names = namingColumns(h, area);
    const year = h.findIndex((x) => x === 'year' || x === 'mid-year' || x === 'mid year');
    const population = h.findIndex((x) => /^(total )?population( estimate)?s?$|^all ages$|^persons$/.test(x));
    if (year >= 0 && population >= 0) return { headerRow: row, ...area, ...names, source, year, population, years: [] };
    const years = h.flatMap((x, i) => {
      const m = YEAR_HEADER.exec(x);
      return m && i !== area.area ? [[i, Number(m[1])] as [number, number]] : [];
    });
    if (years.length > 0 && titleSaysPopulation) return { headerRow: row, ...area, ...names, source, year: -1, population: -1, years };
  }
  return null;
}

/** The columns naming a coded area and its borough, and the source a known table states. */
function namingColumns(h: string[], area: { area: number; areaBy: 'code' | 'name' }) {
  const other = (headers: string[]) =>
    area.areaBy === 'code' ? (headers.map((x) => h.indexOf(x)).find((i) => i >= 0 && i !== area.area) ?? -1) : -1;
  const header = h.filter((x) => x !== '').join(',');
  return {
    name: other(OWN_NAME_HEADERS),
    borough: other(BOROUGH_HEADERS),
    knownSource: KNOWN_TABLES.find((t) => t.header === header)?.source ?? null,
  };
}

/** Prefer a column of ONS codes; else a name column, the most specific (ward before borough). */
function pickAreaColumn(h: string[], head: SheetRow[], headerRow: number): { area: number; areaBy: 'code' | 'name' } | null {
  const sample = head.filter((r) => r.row > headerRow).slice(0, 10);
  const codeColumns = h.flatMap((x, i) => (CODE_HEADERS.includes(x) ? [i] : []));
  const coded = codeColumns.find((i) => sample.some((r) => looksLikeOnsCode(cellText(r.cells[i]))));
  if (coded !== undefined) return { area: coded, areaBy: 'code' };
  for (const name of NAME_HEADERS) {
    const i = h.indexOf(name);
    if (i >= 0) return { area: i, areaBy: 'name' };
  }
  return null;
}

const KIND_BY_PREFIX: Record<string, AreaKind> = { E09: 'borough', E05: 'ward', E01: 'lsoa', W05: 'ward', W01: 'lsoa' };

export async function importPopulation(ctx: ImportContext, layout: PopulationLayout): Promise<void> {
  const insert = ctx.db.prepare('INSERT INTO populations (import_id, area_id, year, population, source) VALUES (?, ?, ?, ?, ?)');
  const resolveArea = areaResolver(ctx, layout);
  const years = new Set<number>();
  let addedWards = 0;
  let repeats = 0;
  const seen = new Map<string, { population: number; row: number }>();
  const detail: PopulationDetail = { years: [], regions: [], addedAreas: [] };
  const regions = new Map<string, string>();
  for await (const { row, cells } of dataRows(ctx)) {
    const text = cellText(cells[layout.area]);
    // Regions and countries (E12 London, E13 Inner/Outer London, E92 England) are not areas
    // Wardlens reports on: their rows are passed over and named as regions, not as unmatched names.
    if (isRegionCode(text)) {
      const region = nameBeside(cells, layout.area) ?? text.toUpperCase();
      ctx.tally.skip(region, 'borough, ward or LSOA');
      if (!regions.has(text.toUpperCase())) regions.set(text.toUpperCase(), region);
      continue;
    }
    const resolved = text === '' ? null : resolveArea(text, cells);
    if (!resolved) {
      ctx.tally.reject(text || '(blank)');
      continue;
    }
    if (resolved.added) {
      addedWards++;
      detail.addedAreas.push({ code: resolved.area.code ?? text, name: resolved.area.name, kind: resolved.area.kind });
    }
    const figures = layout.years.length ? layout.years : [[layout.population, -1] as [number, number]];
    let stored = false;
    for (const [column, wideYear] of figures) {
      const year = wideYear > 0 ? wideYear : parseYear(ctx, cells[layout.year], row, layout.year);
      const population = parsePopulation(ctx, cells[column], row, column);
      if (population === null) continue;
      const earlier = seen.get(`${resolved.area.id}|${year}`);
      if (earlier !== undefined) {
        // GLA tables repeat the City of London as a ward and as a borough: the same figure
        // twice is one figure; two different figures for one area and year is an error.
        if (earlier.population === population) {
          repeats++;
          continue;
        }
        throw badInput(ctx.source.file, `${resolved.area.name} has two different populations for ${year}: ${earlier.population} in row ${earlier.row} and ${population} here.`, { row, column: ctx.header[column] });
      }
      seen.set(`${resolved.area.id}|${year}`, { population, row });
      insert.run(ctx.importId, resolved.area.id, year, population, sourceOf(layout, cells));
      years.add(year);
      stored = true;
    }
    if (stored) {
      ctx.tally.rowsStored++;
      ctx.tally.areas.add(resolved.area.id);
    } else ctx.tally.rowsRejected++;
  }
  if (addedWards) ctx.tally.warnings.push(`${addedWards} area codes were not in Wardlens’s London gazetteer and were added as new areas.`);
  if (repeats) ctx.tally.warnings.push(`${repeats} figure${repeats > 1 ? 's were' : ' was'} given twice with the same value and counted once.`);
  if (years.size) ctx.tally.warnings.push(`Population years held: ${Math.min(...years)}–${Math.max(...years)}.`);
  detail.years = [...years].sort((a, b) => a - b);
  detail.regions = [...regions].map(([code, name]) => ({ code, name }));
  ctx.tally.population = detail;
}

/** The row's Source cell where the table has one, else what the table is known to hold. */
function sourceOf(layout: PopulationLayout, cells: unknown[]): string | null {
  return (layout.source >= 0 ? cellText(cells[layout.source]) : '') || layout.knownSource;
}

/** An ONS code of a kind Wardlens holds no areas of: a region (E12, E13) or a country (E92). */
function isRegionCode(text: string): boolean {
  return looksLikeOnsCode(text) && !KIND_BY_PREFIX[text.toUpperCase().slice(0, 3)];
}

/** The first cell beside the code (and not in the columns passed over) that reads as a name. */
function nameBeside(cells: unknown[], codeColumn: number, passOver = -1): string | null {
  return cells.map(cellText).find((c, i) => i !== codeColumn && i !== passOver && c !== '' && !looksLikeOnsCode(c) && !/^\d/.test(c)) ?? null;
}

function areaResolver(ctx: ImportContext, layout: PopulationLayout) {
  const named = new Map<number, AreaRow>();
  return (text: string, cells: unknown[]): { area: AreaRow; added: boolean } | null => {
    if (layout.areaBy === 'code' || looksLikeOnsCode(text)) {
      const code = text.toUpperCase();
      const kind = KIND_BY_PREFIX[code.slice(0, 3)];
      if (!kind) return null; // regions, countries: not areas Wardlens reports on
      const { name, borough } = namesOf(ctx, layout, cells, code);
      const known = ctx.areas.byOnsCode(kind, code);
      if (!known) return { area: ctx.areas.ensureCoded(kind, code, name, borough?.id ?? null), added: true };
      return { area: named.get(known.id) ?? repaired(ctx, known, name, borough, named), added: false };
    }
    const area = ctx.areas.resolve('borough', text) ?? ctx.areas.resolve('ward', text);
    return area ? { area, added: false } : null;
  };
}

/**
 * The area's own name (its name column; else the first name-like cell beside the code, for
 * tables with no such header) and its borough, from the Borough column where there is one.
 * The Borough column is never taken for the ward's name: the GLA ward table puts it first.
 */
function namesOf(ctx: ImportContext, layout: PopulationLayout, cells: unknown[], code: string) {
  const own = layout.name >= 0 ? cellText(cells[layout.name]) : '';
  const boroughText = layout.borough >= 0 ? cellText(cells[layout.borough]) : '';
  const borough = boroughText ? ctx.areas.resolve('borough', boroughText) : null;
  return { name: own || nameBeside(cells, layout.area, layout.borough) || code, borough };
}

/**
 * A ward an earlier import named after its borough (see store/populationAreas.ts) takes the
 * name and borough this file gives it. Only such wards: a ward's name otherwise stays as stored.
 */
function repaired(ctx: ImportContext, area: AreaRow, name: string, borough: AreaRow | null, named: Map<number, AreaRow>): AreaRow {
  const misnamed =
    area.kind === 'ward' && borough !== null && matchName(area.name) === matchName(borough.name) && matchName(name) !== matchName(area.name);
  const fixed = misnamed ? { ...area, name, parentId: borough.id } : area;
  if (misnamed) nameWard(ctx.db, area.id, name, borough.id);
  named.set(area.id, fixed);
  return fixed;
}

function parseYear(ctx: ImportContext, value: unknown, row: number, column: number): number {
  const text = cellText(value);
  const m = /^(?:mid[- ]?)?((?:19|20)\d\d)(?:\/\d\d)?$/i.exec(text);
  if (!m) throw badInput(ctx.source.file, `expected a year such as 2017, found "${text.slice(0, 20)}".`, { row, column: ctx.header[column], expected: 'a year' });
  return Number(m[1]);
}

function parsePopulation(ctx: ImportContext, value: unknown, row: number, column: number): number | null {
  const text = typeof value === 'number' ? String(value) : cellText(value).replace(/,/g, '');
  if (text === '' || text === '-' || text === '..') return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) {
    throw badInput(ctx.source.file, `expected a population (a number of people), found "${cellText(value).slice(0, 20)}".`, { row, column: ctx.header[column], expected: 'a number of 0 or more' });
  }
  return n;
}
