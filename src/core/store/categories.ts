/**
 * Categories and their stable keys. Sources spell the same category many ways (case,
 * "M/V" for "Motor Vehicle", renamings between MPS extracts); each spelling is mapped to one
 * key so files of one series join without double counting, and every spelling is recorded.
 */
import { carefulCase, refreshCategoryNames } from './categoryNames';
import type { Db } from './workspace';

/** Category schemes: which family of names a dataset's categories come from. */
export type CategoryScheme = 'mps-old' | 'mps-ho' | 'policeuk' | string;

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bm\s*\/\s*v\b/g, 'motor vehicle'],
  [/\bbldg\b/g, 'building'],
  [/\bmisc\b/g, 'miscellaneous'],
  [/\bagg\b/g, 'aggravated'],
  [/\bunauth\b/g, 'unauthorised'],
  [/\bveh\b/g, 'vehicle'],
];

/**
 * Renamings the MPS made between extracts of the same scheme, as normalised text.
 * Only names that mean the same offence group are listed; splits and merges are not.
 */
const RENAMINGS: Record<string, Record<string, string>> = {
  'mps-old': {
    'burglary in a dwelling': 'burglary residential',
    'burglary in other buildings': 'burglary business and community',
    'criminal damage to dwelling': 'criminal damage to a dwelling',
    'other drugs': 'other drug offences',
    'other theft person': 'theft person',
    'theft taking of pedal cycles': 'theft taking of pedal cycle',
  },
  'mps-ho': {
    'theft from person': 'theft from the person',
    'drug trafficking': 'trafficking of drugs',
    'theft from a motor vehicle': 'theft from a vehicle',
    'theft or taking of a motor vehicle': 'theft or unauthorised taking of a motor vehicle',
    'other offences against the state or public order': 'other offences public order',
    'racially or religiously aggravated public fear al': 'race or religious aggravated public fear',
  },
};

function normalise(text: string): string {
  let t = text.toLowerCase().replace(/&/g, ' and ');
  for (const [pattern, full] of ABBREVIATIONS) t = t.replace(pattern, full);
  return t
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

const slug = (normalised: string) => normalised.replace(/ /g, '-');

/** The stable key of a major / minor pair within a scheme, e.g. "burglary/burglary-residential". */
export function categoryKey(scheme: CategoryScheme, major: string, minor: string): string {
  const renamings = RENAMINGS[scheme] ?? {};
  const nMajor = normalise(major);
  const nMinor = normalise(minor);
  return `${slug(renamings[nMajor] ?? nMajor)}/${slug(renamings[nMinor] ?? nMinor)}`;
}

/** Finds or creates category ids for one import, recording each new spelling. */
export class CategoryRegistry {
  private readonly ids = new Map<string, number>();
  private readonly keys = new Set<string>();
  private readonly find;
  private readonly insert;
  private readonly spell;

  constructor(
    private readonly db: Db,
    private readonly scheme: CategoryScheme,
  ) {
    this.find = db.prepare('SELECT id FROM categories WHERE scheme = ? AND key = ?');
    this.insert = db.prepare('INSERT INTO categories (scheme, key, major, minor) VALUES (?, ?, ?, ?) RETURNING id');
    this.spell = db.prepare('INSERT OR IGNORE INTO category_spellings (category_id, major, minor) VALUES (?, ?, ?)');
  }

  idFor(major: string, minor: string): number {
    const spelling = `${major}\u0000${minor}`;
    const cached = this.ids.get(spelling);
    if (cached !== undefined) return cached;
    const key = categoryKey(this.scheme, major, minor);
    const found = this.find.get(this.scheme, key) as { id: number } | undefined;
    const id =
      found?.id ?? (this.insert.get(this.scheme, key, carefulCase(major.trim()), carefulCase(minor.trim())) as { id: number }).id;
    // A new spelling may be the first in mixed case: the names shown are decided again.
    if (this.spell.run(id, major.trim(), minor.trim()).changes > 0) refreshCategoryNames(this.db, id);
    this.ids.set(spelling, id);
    this.keys.add(key);
    return id;
  }

  /** How many distinct categories this import touched. */
  get count(): number {
    return this.keys.size;
  }
}
