/**
 * Population tables: one figure per area per year, from ONS or GLA estimates. Long
 * (area, year, population) or wide (area, then one column per year), with title rows
 * above the header allowed. Areas are matched by ONS code first, then by name.
 */
import type { PopulationDetail } from '../../../shared/importing';
import type { AreaKind } from '../../../shared/workspace';
import { badInput } from '../../errors';
import { looksLikeOnsCode, type AreaRow } from '../../store/areas';
import type { DatasetSpec } from '../../store/datasets';
import { dataRows, type ImportContext } from '../context';
import { cellText, type SheetRow } from '../readers/table';

export interface PopulationLayout {
  headerRow: number;
  area: number;
  /** What the area column holds: codes, or names. */
  areaBy: 'code' | 'name';
  source: number;
  /** Long layout: the year and population columns. */
  year: number;
  population: number;
  /** Wide layout: [column, year] for each year column. */
  years: [number, number][];
}

const CODE_HEADERS = ['code', 'area code', 'gss code', 'gss_code', 'ons code', 'new code', 'ward code', 'wardcode', 'borough code', 'lad code', 'la code', 'lsoa code', 'geography code', 'areacode'];
const NAME_HEADERS = ['ward name', 'ward_name', 'wardname', 'ward', 'area name', 'area', 'name', 'borough', 'borough name', 'local authority', 'la name', 'geography', 'lsoa name'];
const YEAR_HEADER = /^(?:(?:population|mid[- ]?year)(?: estimates?)?s?\s*[-–:,]?\s*)?(?:mid[- ]?)?((?:19|20)\d\d)$/;

export const populationDatasetSpec: DatasetSpec = {
  key: 'population',
  name: 'Population estimates',
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
    const year = h.findIndex((x) => x === 'year' || x === 'mid-year' || x === 'mid year');
    const population = h.findIndex((x) => /^(total )?population( estimate)?s?$|^all ages$|^persons$/.test(x));
    if (year >= 0 && population >= 0) return { headerRow: row, ...area, source, year, population, years: [] };
    const years = h.flatMap((x, i) => {
      const m = YEAR_HEADER.exec(x);
      return m && i !== area.area ? [[i, Number(m[1])] as [number, number]] : [];
    });
    if (years.length > 0 && titleSaysPopulation) return { headerRow: row, ...area, source, year: -1, population: -1, years };
  }
  return null;
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
      ctx.tally.rowsRejected++;
      if (!regions.has(text.toUpperCase())) regions.set(text.toUpperCase(), nameBeside(cells, layout.area) ?? text.toUpperCase());
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
      insert.run(ctx.importId, resolved.area.id, year, population, layout.source >= 0 ? cellText(cells[layout.source]) || null : null);
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

/** An ONS code of a kind Wardlens holds no areas of: a region (E12, E13) or a country (E92). */
function isRegionCode(text: string): boolean {
  return looksLikeOnsCode(text) && !KIND_BY_PREFIX[text.toUpperCase().slice(0, 3)];
}

/** The first cell beside the code that reads as a name. */
function nameBeside(cells: unknown[], codeColumn: number): string | null {
  return cells.map(cellText).find((c, i) => i !== codeColumn && c !== '' && !looksLikeOnsCode(c) && !/^\d/.test(c)) ?? null;
}

function areaResolver(ctx: ImportContext, layout: PopulationLayout) {
  return (text: string, cells: unknown[]): { area: AreaRow; added: boolean } | null => {
    if (layout.areaBy === 'code' || looksLikeOnsCode(text)) {
      const code = text.toUpperCase();
      const kind = KIND_BY_PREFIX[code.slice(0, 3)];
      if (!kind) return null; // regions, countries: not areas Wardlens reports on
      const known = ctx.areas.byOnsCode(kind, code);
      if (known) return { area: known, added: false };
      const name = cells.map(cellText).find((c, i) => i !== layout.area && c !== '' && !looksLikeOnsCode(c) && !/^\d/.test(c)) ?? code;
      return { area: ctx.areas.ensureCoded(kind, code, name, null), added: true };
    }
    const area = ctx.areas.resolve('borough', text) ?? ctx.areas.resolve('ward', text);
    return area ? { area, added: false } : null;
  };
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
