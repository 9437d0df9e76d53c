/**
 * Which ward boundary set (vintage) a file of ward codes belongs to. Codes are checked
 * against the vintages the workspace knows (the gazetteer's 2014 / 2018 / 2022 sets plus any
 * imported since). A vintage the analyst names must fit every known code; a detected one is
 * the newest set holding them all. The same code in two sets is the same ward with the same
 * shape (ONS issues a new code for any boundary change), so a file fitting both fits either.
 */
import { badInput } from '../errors';
import type { AreaRow } from '../store/areas';
import { gazetteerWardName } from '../store/gazetteer';
import type { Db } from '../store/workspace';

export interface SettledVintage {
  vintage: string;
  /** A set the workspace did not know: the file's wards are tagged with it. */
  isNew: boolean;
}

export function knownVintages(db: Db): string[] {
  return (db.prepare('SELECT DISTINCT vintage FROM area_vintages ORDER BY vintage').all() as { vintage: string }[]).map((r) => r.vintage);
}

/** Vintage → how many of the areas belong to it. */
export function vintageCoverage(db: Db, areaIds: number[]): Map<string, number> {
  const out = new Map<string, number>(knownVintages(db).map((v) => [v, 0]));
  const of = db.prepare('SELECT vintage FROM area_vintages WHERE area_id = ?').pluck();
  for (const id of areaIds) for (const v of of.all(id) as string[]) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

export function settleVintage(db: Db, file: string, areas: AreaRow[], requested: string | undefined, warnings: string[]): SettledVintage {
  const coverage = vintageCoverage(db, areas.map((a) => a.id));
  const fits = [...coverage].filter(([, n]) => n === areas.length && n > 0).map(([v]) => v);
  const summary = [...coverage].map(([v, n]) => `${v}: ${n} of ${areas.length}`).join(', ');
  if (requested !== undefined) {
    const v = requested.trim();
    if (!/^\d{4}$/.test(v)) throw badInput(file, `"${requested}" is not a ward set’s year (e.g. 2022).`);
    if (!coverage.has(v)) return { vintage: v, isNew: true };
    if (fits.includes(v)) return { vintage: v, isNew: false };
    const tagged = db.prepare('SELECT 1 FROM area_vintages WHERE area_id = ? AND vintage = ?');
    const stray = areas.filter((a) => !tagged.get(a.id, v)).slice(0, 5);
    throw badInput(
      file,
      `${areas.length - (coverage.get(v) ?? 0)} of the file’s ward codes are not ${v} wards (e.g. ${stray.map((a) => `${a.code} ${shownName(a)}`).join(', ')}); ` +
        `the codes fit ${fits.length ? fits.join(' and ') : 'no single set'} (${summary}). Wards are never drawn on another set’s polygons.`,
    );
  }
  if (areas.length === 0) {
    throw badInput(file, 'none of the ward codes matches a ward this workspace knows; for an older ward set give its vintage and the option to add areas.');
  }
  if (fits.length === 0) {
    throw badInput(file, `the ward codes do not all belong to one boundary set (${summary}); give the set’s vintage.`);
  }
  const newest = fits.at(-1)!;
  if (fits.length > 1) warnings.push(`These ward codes belong to the ${fits.join(' and ')} sets alike (the same wards); stored as ${newest}.`);
  return { vintage: newest, isNew: false };
}

/** A ward as the message names it: by its newest name (a workspace made before a ward was renamed holds the old one). */
function shownName(area: AreaRow): string {
  return (area.code ? gazetteerWardName(area.code) : null) ?? area.name;
}
