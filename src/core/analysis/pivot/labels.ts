/**
 * From the integer ids an aggregate groups by to the keys and labels a pivot shows. Each
 * distinct id is looked up once (a pivot of a hundred thousand cells has a few hundred
 * distinct wards, months and categories), instead of SQLite joining and copying the same
 * strings into every row.
 */
import { nameInSet } from '../../store/areas';
import type { Db } from '../../store/workspace';
import type { Dictionary } from './dimensions';

export type KeyLabel = readonly [key: string, label: string];
export type Lookup = (id: number | null) => KeyLabel;

const IDS = 'id IN (SELECT value FROM json_each(?))';
const lsoaBorough = 'rtrim(substr(name, 1, length(name) - 5))';

/** SQL giving (id, key, label) for the ids bound as a JSON array. */
const SQL: Record<Exclude<Dictionary, 'period' | 'ward'>, string> = {
  area: `SELECT id, coalesce(code, name), name, code FROM areas WHERE ${IDS}`,
  category: `SELECT id, key, minor FROM categories WHERE ${IDS}`,
  major: `SELECT id, substr(key, 1, instr(key, '/') - 1), major FROM categories WHERE ${IDS}`,
  lsoa: `SELECT id, coalesce(code, 'none'), name FROM areas WHERE ${IDS}`,
  lsoaBorough: `SELECT id, coalesce(${lsoaBorough}, 'No location'), coalesce(${lsoaBorough}, 'No location') FROM areas WHERE ${IDS}`,
  outcome: `SELECT id, name, name FROM outcomes WHERE ${IDS}`,
};

/** What an id that names no row stands for (no LSOA, no outcome recorded, a ward placement code). */
const NONE: Record<Exclude<Dictionary, 'period'>, KeyLabel> = {
  area: ['unknown', 'Unknown area'],
  ward: ['outside', 'Outside the ward boundaries'],
  category: ['unknown', 'Unknown category'],
  major: ['unknown', 'Unknown category'],
  lsoa: ['none', 'No location'],
  lsoaBorough: ['No location', 'No location'],
  outcome: ['No outcome recorded', 'No outcome recorded'],
};

/** The incident ward placement codes (dimensions.INCIDENT_WARD_ID). */
const WARD_CODES = new Map<number, KeyLabel>([
  [-1, ['no-location', 'No location']],
  [-2, ['not-assigned', 'Not yet placed in wards']],
  [-3, ['outside', 'Outside the ward boundaries']],
]);

/**
 * A lookup for the ids one dimension's groups hold. Time codes pass through as text. Wards are
 * named as in `wardSet`, the boundary set the dataset's figures are on (store/areas.nameInSet):
 * a ward renamed between sets is shown by the name its figures were published under.
 */
export function lookupFor(db: Db, dictionary: Dictionary, ids: Set<number | null>, wardSet: string | null = null): Lookup {
  if (dictionary === 'period') {
    return (id) => {
      const text = String(id);
      return [text, text];
    };
  }
  const table = dictionary === 'ward' ? 'area' : dictionary;
  const wanted = [...ids].filter((id): id is number => id !== null && id > 0);
  const found = new Map<number, KeyLabel>();
  if (wanted.length) {
    const rows = db.prepare(SQL[table]).raw().all(JSON.stringify(wanted)) as [number, string, string, (string | null)?][];
    for (const [id, key, label, code] of rows) found.set(id, [key, table === 'area' ? nameInSet(code ?? null, label, wardSet) : label]);
  }
  const none = NONE[dictionary];
  return (id) => (id === null ? none : (found.get(id) ?? (dictionary === 'ward' ? WARD_CODES.get(id) : undefined) ?? none));
}
