/**
 * Areas: boroughs, wards and LSOAs, with ONS codes where they have them. Names are matched
 * by code first, then by a normalised name; nothing is ever guessed beyond that.
 */
import type { AreaKind } from '../../shared/workspace';
import { gazetteerHasWard, gazetteerWardCodes, gazetteerWardName } from './gazetteer';
import type { Db } from './workspace';

export interface AreaRow {
  id: number;
  kind: AreaKind;
  code: string | null;
  name: string;
  parentId: number | null;
}

/**
 * The form names are matched on: case, '&' vs 'and', punctuation, apostrophes and spacing
 * do not make two names different ("St. John's" = "St Johns", "Kensington & Chelsea" =
 * "Kensington and Chelsea").
 */
export function matchName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * An area's name as shown beside figures on a ward boundary set: a gazetteer ward by the name
 * it bore in that set (2018 figures say "St. Peter's", 2022 ones "Bethnal Green West" for the
 * same E05009331), by its newest where the set is not known; any other area (a borough, an
 * LSOA, a ward of a set the analyst imported) as the workspace holds it. A map lookup, so
 * callers read names in one query and pass each through here.
 */
export function nameInSet(code: string | null, storedName: string, wardSet: string | null): string {
  return (code ? gazetteerWardName(code, wardSet) : null) ?? storedName;
}

/**
 * The ward boundary set a dataset's figures are on: the set its ward file was read against, or
 * the one its incidents were placed in; null for borough and LSOA data and unplaced incidents.
 */
export function datasetWardSet(db: Db, datasetId: number): string | null {
  const set = db.prepare('SELECT boundary_vintage FROM datasets WHERE id = ?').pluck().get(datasetId) as string | null | undefined;
  return set ?? null;
}

const ONS_CODE = /^[EWSN]\d{8}$/;
export function looksLikeOnsCode(text: string): boolean {
  return ONS_CODE.test(text.trim().toUpperCase());
}

/** Finds and creates areas for one import, caching lookups so a large file asks SQLite once per area. */
export class AreaRegistry {
  private readonly byCode = new Map<string, AreaRow | null>();
  private readonly byName = new Map<string, AreaRow[]>();
  private readonly findByCode;
  private readonly findByName;
  private readonly insert;
  private readonly addVintage;
  private readonly findVintages;
  private readonly findName;

  constructor(private readonly db: Db) {
    this.findByCode = db.prepare(
      'SELECT id, kind, code, name, parent_id AS parentId FROM areas WHERE kind = ? AND code = ?',
    );
    this.findByName = db.prepare(
      'SELECT id, kind, code, name, parent_id AS parentId FROM areas WHERE kind = ? AND match_name = ? ORDER BY code IS NULL, id',
    );
    this.insert = db.prepare(
      'INSERT INTO areas (kind, code, name, match_name, parent_id) VALUES (?, ?, ?, ?, ?) RETURNING id',
    );
    this.addVintage = db.prepare('INSERT OR IGNORE INTO area_vintages (area_id, vintage) VALUES (?, ?)');
    this.findVintages = db.prepare('SELECT vintage FROM area_vintages WHERE area_id = ?');
    this.findName = db.prepare('SELECT name FROM areas WHERE id = ?');
  }

  byOnsCode(kind: AreaKind, code: string): AreaRow | null {
    const key = `${kind}|${code.toUpperCase()}`;
    if (!this.byCode.has(key)) {
      this.byCode.set(key, (this.findByCode.get(kind, code.toUpperCase()) as AreaRow | undefined) ?? null);
    }
    return this.byCode.get(key) ?? null;
  }

  /**
   * All areas of this kind whose name matches, a ward's name in any boundary set counting (the
   * gazetteer knows the names renamed wards had before); more than one means the name is ambiguous.
   */
  byMatchName(kind: AreaKind, name: string): AreaRow[] {
    const key = `${kind}|${matchName(name)}`;
    let rows = this.byName.get(key);
    if (!rows) {
      rows = this.findByName.all(kind, matchName(name)) as AreaRow[];
      const ids = new Set(rows.map((r) => r.id));
      const renamed = kind === 'ward' ? gazetteerWardCodes(name).map((c) => this.byOnsCode(kind, c)) : [];
      for (const r of renamed) if (r && !ids.has(r.id)) rows.push(r);
      this.byName.set(key, rows);
    }
    return rows;
  }

  /**
   * A code or a name to exactly one area, or null: ambiguous names are not resolved. With a
   * boundary vintage, the ward of that set bearing the name there comes first.
   */
  resolve(kind: AreaKind, codeOrName: string, vintage?: string, boroughId?: number | null): AreaRow | null {
    const found = this.candidates(kind, codeOrName, vintage, boroughId);
    return found.length === 1 ? found[0]! : null;
  }

  /**
   * The areas a code or a name may be: with a vintage, the wards bearing that name in that set
   * (Shirley South in 2022, Shirly South in 2018), else a ward once so named, of that set if
   * several; with a borough, only that borough's wards (London has two 2022 Belmonts, in Harrow
   * and Sutton). With a vintage, each area comes named as it is in that set.
   */
  candidates(kind: AreaKind, codeOrName: string, vintage?: string, boroughId?: number | null): AreaRow[] {
    const text = codeOrName.trim();
    if (looksLikeOnsCode(text)) {
      const area = this.byOnsCode(kind, text);
      return area ? [this.namedFor(area, vintage)] : [];
    }
    let found = this.byMatchName(kind, text);
    if (vintage) found = this.inSet(found, text, vintage);
    if (boroughId != null && found.length > 1) found = found.filter((a) => a.parentId === boroughId);
    return found.map((a) => this.namedFor(a, vintage));
  }

  /**
   * Of the areas a name matched, those of the set the name is meant in. A ward called so in
   * that set wins over one called so only in another (a 2022 sheet's "Bethnal Green West" is
   * E05009331, though "St. Peter's" in 2018); a former name no ward of the set bears still
   * finds its ward (the MPS's 2022-ward files keep "St Peter's").
   */
  private inSet(found: AreaRow[], name: string, vintage: string): AreaRow[] {
    const key = matchName(name);
    const named = found.filter((a) => {
      const there = this.nameIn(a, vintage);
      return there !== null && matchName(there) === key;
    });
    if (named.length > 0) return named;
    return found.length > 1 ? found.filter((a) => this.vintagesOf(a.id).includes(vintage)) : found;
  }

  /**
   * An area's name in a boundary set, null when it is not in that set: the gazetteer's name
   * there for its wards, else the name the workspace holds (an imported set's own wards).
   */
  nameIn(area: AreaRow, vintage: string): string | null {
    if (area.kind === 'ward' && area.code && gazetteerHasWard(area.code, vintage)) return gazetteerWardName(area.code, vintage);
    return this.vintagesOf(area.id).includes(vintage) ? area.name : null;
  }

  /**
   * The area as shown to the analyst: named as in the boundary set the data is on where that
   * is known, else by its newest name (a workspace made before a ward was renamed stores the old one).
   */
  private namedFor(area: AreaRow, vintage: string | undefined): AreaRow {
    const newest = area.kind === 'ward' && area.code ? gazetteerWardName(area.code) : null;
    const name = (vintage ? this.nameIn(area, vintage) : null) ?? newest ?? area.name;
    return name !== area.name ? { ...area, name } : area;
  }

  /** An area's name by id (for messages). */
  nameOf(id: number): string | null {
    return (this.findName.get(id) as { name: string } | undefined)?.name ?? null;
  }

  /** The boundary sets a name's candidates belong to, when a name is ambiguous (for the message). */
  ambiguity(kind: AreaKind, name: string): string[] | null {
    const found = this.byMatchName(kind, name);
    if (found.length < 2) return null;
    return [...new Set(found.flatMap((a) => this.vintagesOf(a.id)))].sort();
  }

  private vintagesOf(areaId: number): string[] {
    return (this.findVintages.all(areaId) as { vintage: string }[]).map((v) => v.vintage);
  }

  /** An area by code, created from what the source says when the workspace does not know it yet. */
  ensureCoded(kind: AreaKind, code: string, name: string, parentId: number | null): AreaRow {
    const known = this.byOnsCode(kind, code);
    if (known) return known;
    return this.create(kind, code.toUpperCase(), name, parentId);
  }

  /** An area the police name but ONS does not code (e.g. "Unknown"): one per kind and name. */
  ensureUncoded(kind: AreaKind, name: string, parentId: number | null = null): AreaRow {
    const known = this.byMatchName(kind, name).find((a) => a.code === null);
    return known ?? this.create(kind, null, name.trim(), parentId);
  }

  tagVintage(area: AreaRow, vintage: string): void {
    this.addVintage.run(area.id, vintage);
  }

  private create(kind: AreaKind, code: string | null, name: string, parentId: number | null): AreaRow {
    const { id } = this.insert.get(kind, code, name, matchName(name), parentId) as { id: number };
    const row: AreaRow = { id, kind, code, name, parentId };
    if (code) this.byCode.set(`${kind}|${code}`, row);
    this.byName.delete(`${kind}|${matchName(name)}`);
    return row;
  }
}
