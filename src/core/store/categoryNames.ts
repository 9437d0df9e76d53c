/**
 * The one spelling the app shows for each category. The MPS spells one category several
 * ways between extracts ("Arson" in the 2018-ward file, "ARSON" in the 2022-ward files);
 * matching goes by key and every source spelling stays in category_spellings, but tables,
 * headings, exports and the pack show categories.major / categories.minor, kept here as
 * the display spelling: a mixed-case spelling when any import used one (one the MPS did not
 * cut short, where there is one), else a careful title case of the capitals that keeps
 * acronyms such as NFIB as they are.
 */
import type { Db } from './workspace';

/** Acronyms found in police category names; written in capitals whatever the source did. */
const ACRONYMS = new Set(['ABH', 'ASB', 'BTP', 'CCTV', 'CPS', 'DVLA', 'GBH', 'HMRC', 'MPS', 'NFIB', 'UK', 'VAWG']);

/** Joining words the MPS writes in lower case inside its mixed-case names. */
const SMALL_WORDS = new Set([
  'a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'with', 'without',
]);

const hasLowerCase = (text: string) => /\p{Ll}/u.test(text);

/** "RES BURGLARY OF A HOME" → "Res Burglary of a Home"; "NFIB FRAUD" → "NFIB Fraud". Mixed case is left alone. */
export function carefulCase(text: string): string {
  if (hasLowerCase(text)) return text;
  let first = true;
  return text.replace(/[\p{L}\p{N}'’]+/gu, (word) => {
    const lower = word.toLowerCase();
    const shown =
      ACRONYMS.has(word) || /\d/.test(word)
        ? word
        : !first && SMALL_WORDS.has(lower)
          ? lower
          : word.charAt(0) + lower.slice(1);
    first = false;
    return shown;
  });
}

/** The MPS cuts names at 50 characters ("Racially or Religiously Aggravated Public Fear, Al"). */
const MPS_CUT = 50;

/**
 * The spelling to show, given every spelling the sources used and the one shown now. Whole
 * names before names the MPS cut short; among those, a shown spelling that a source used in
 * mixed case is kept, so names do not change under the analyst's feet with each import;
 * otherwise the first mixed-case spelling; otherwise the careful case of the capitals.
 */
export function displaySpelling(spellings: readonly string[], shown: string): string {
  const whole = spellings.filter((s) => s.length < MPS_CUT);
  const pool = whole.length > 0 ? whole : spellings;
  const mixed = pool.filter(hasLowerCase);
  if (mixed.includes(shown)) return shown;
  return mixed[0] ?? carefulCase(pool.includes(shown) ? shown : (pool[0] ?? shown));
}

const MAJOR_KEY = "substr(key, 1, instr(key, '/') - 1)";

/**
 * Re-decides the shown names of one category and of its major category, which every
 * category of the scheme with the same major key shares. Run when an import records a new
 * spelling: a handful of times per import, never per row.
 */
export function refreshCategoryNames(db: Db, categoryId: number): void {
  const category = db.prepare(`SELECT scheme, ${MAJOR_KEY} AS majorKey, major, minor FROM categories WHERE id = ?`).get(categoryId) as
    | { scheme: string; majorKey: string; major: string; minor: string }
    | undefined;
  if (!category) return;
  const minors = db.prepare('SELECT minor FROM category_spellings WHERE category_id = ?').pluck().all(categoryId) as string[];
  db.prepare('UPDATE categories SET minor = ? WHERE id = ?').run(displaySpelling(minors, category.minor), categoryId);
  const majors = db
    .prepare(
      `SELECT DISTINCT s.major FROM category_spellings s JOIN categories c ON c.id = s.category_id
       WHERE c.scheme = ? AND substr(c.key, 1, instr(c.key, '/') - 1) = ?`,
    )
    .pluck()
    .all(category.scheme, category.majorKey) as string[];
  const major = displaySpelling(majors, category.major);
  db.prepare(`UPDATE categories SET major = ? WHERE scheme = ? AND ${MAJOR_KEY} = ? AND major <> ?`).run(
    major,
    category.scheme,
    category.majorKey,
    major,
  );
}

/** Every category's shown names, for workspaces written before display spellings (migration 011). */
export function refreshAllCategoryNames(db: Db): void {
  const ids = db.prepare('SELECT id FROM categories ORDER BY id').pluck().all() as number[];
  for (const id of ids) refreshCategoryNames(db, id);
}
