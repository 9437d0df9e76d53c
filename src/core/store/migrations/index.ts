/**
 * The numbered migrations, in order. A migration is never edited once released: a change
 * to the schema is a new file with the next number.
 */
import { sql as m001 } from './001-initial';
import { sql as m002 } from './002-saved-settings';
import { sql as m003 } from './003-import-months';
import { sql as m004 } from './004-source-rows';
import { sql as m006 } from './006-current-figures';
import { sql as m005 } from './005-boundaries';
import { sql as m007 } from './007-summaries';
import { sql as m008 } from './008-import-mappings';
import { sql as m009 } from './009-import-crime-types';
import { sql as m010 } from './010-ward-totals';
import { sql as m011, run as run011 } from './011-category-display-names';
import { sql as m012, run as run012 } from './012-population-ward-boroughs';
import type { Db } from '../workspace';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data changes SQL cannot make (deciding names), run after sql in the same transaction. */
  run?: (db: Db) => void;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: m001 },
  { version: 2, name: 'saved-settings', sql: m002 },
  { version: 3, name: 'import-months', sql: m003 },
  { version: 4, name: 'source-rows', sql: m004 },
  { version: 5, name: 'boundaries', sql: m005 },
  { version: 6, name: 'current-figures', sql: m006 },
  { version: 7, name: 'summaries', sql: m007 },
  { version: 8, name: 'import-mappings', sql: m008 },
  { version: 9, name: 'import-crime-types', sql: m009 },
  { version: 10, name: 'ward-totals', sql: m010 },
  { version: 11, name: 'category-display-names', sql: m011, run: run011 },
  { version: 12, name: 'population-ward-boroughs', sql: m012, run: run012 },
];

// The highest version, not the count: migrations written side by side may land out of turn.
export const latestVersion = Math.max(...migrations.map((m) => m.version));
