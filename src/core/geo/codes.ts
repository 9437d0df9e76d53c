/**
 * Which property of a boundary file holds each feature's ONS code and name, and what kind of
 * area the codes are. Property names vary by publisher and year (GSS_CODE, GSS_Code, WD22CD,
 * WD25CD, LAD25CD, LSOA11CD…), so the code column is found by its contents: the property
 * whose values are ONS codes, one per feature, at the most detailed level (a ward file also
 * carries its borough's code on every feature, which repeats and so is not the feature's own).
 */
import type { AreaKind } from '../../shared/workspace';
import { badInput } from '../errors';
import { looksLikeOnsCode } from '../store/areas';
import type { RawFeature } from './sources';

/** ONS entity prefixes (E = England, W = Wales) by the kind of area Wardlens stores them as. */
const KIND_OF_ENTITY: Record<string, AreaKind> = {
  '01': 'lsoa',
  '05': 'ward',
  '06': 'borough',
  '07': 'borough',
  '08': 'borough',
  '09': 'borough',
};
/** More detailed first: a ward file's own codes beat its borough codes. */
const DETAIL: AreaKind[] = ['lsoa', 'ward', 'borough'];

export interface CodeColumn {
  property: string;
  kind: AreaKind;
}

export const kindOfCode = (code: string): AreaKind | null => KIND_OF_ENTITY[code.slice(1, 3)] ?? null;

export function detectCodeColumn(file: string, features: RawFeature[], wanted?: string): CodeColumn {
  const names = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  if (wanted !== undefined) {
    const property = names.find((n) => n.toLowerCase() === wanted.toLowerCase());
    if (!property) throw badInput(file, `no feature has a property "${wanted}" (properties: ${names.join(', ')}).`, { column: wanted });
    const kind = dominantKind(features.map((f) => text(f.properties[property])));
    if (!kind) throw badInput(file, `property "${property}" does not hold ONS ward, borough or LSOA codes.`, { column: property });
    return { property, kind };
  }
  const candidates = names.flatMap((property) => {
    const values = features.map((f) => text(f.properties[property]));
    const codes = values.filter((v) => looksLikeOnsCode(v));
    // Nearly every feature coded, and codes (nearly) all different: the feature's own code.
    if (codes.length < features.length * 0.9 || new Set(codes).size < codes.length * 0.9) return [];
    const kind = dominantKind(values);
    return kind ? [{ property, kind }] : [];
  });
  candidates.sort((a, b) => DETAIL.indexOf(a.kind) - DETAIL.indexOf(b.kind));
  const best = candidates[0];
  if (!best) {
    throw badInput(file, `no property holds one ONS code (E05… ward, E09… borough, E01… LSOA) per feature; say which with the code property option (properties: ${names.join(', ')}).`);
  }
  return best;
}

function dominantKind(values: string[]): AreaKind | null {
  const tally = new Map<AreaKind, number>();
  for (const v of values) {
    const kind = looksLikeOnsCode(v) ? kindOfCode(v.toUpperCase()) : null;
    if (kind) tally.set(kind, (tally.get(kind) ?? 0) + 1);
  }
  const [kind] = [...tally].sort((a, b) => b[1] - a[1])[0] ?? [null];
  return kind;
}

/** The name property: the one that sits with the code (WD25NM beside WD25CD), else a NAME-like one. */
export function detectNameColumn(features: RawFeature[], codeProperty: string, wanted?: string): string | null {
  const names = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  if (wanted !== undefined) return names.find((n) => n.toLowerCase() === wanted.toLowerCase()) ?? null;
  const twin = codeProperty.replace(/CD$/i, (m) => (m === 'CD' ? 'NM' : 'nm'));
  if (twin !== codeProperty && names.includes(twin)) return twin;
  const preferred = ['name', 'ward_name', 'wardname', 'ward', 'borough', 'district'];
  for (const p of preferred) {
    const hit = names.find((n) => n.toLowerCase() === p);
    if (hit && features.some((f) => text(f.properties[hit]) !== '')) return hit;
  }
  return names.find((n) => /(^|_)(NAME|NM)$/i.test(n) && !/NMW$/i.test(n)) ?? null;
}

export function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/** LSOA sets carry their census year in the property name (LSOA11CD, LSOA21CD). */
export function vintageFromProperty(kind: AreaKind, property: string): string | null {
  const m = /^(?:LSOA|LAD|WD|CTY|LA)(\d{2})CD$/i.exec(property);
  if (!m || kind !== 'lsoa') return null;
  return `20${m[1]}`;
}
