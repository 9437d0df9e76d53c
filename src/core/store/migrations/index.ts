/**
 * The numbered migrations, in order. A migration is never edited once released: a change
 * to the schema is a new file with the next number.
 */
import { sql as m001 } from './001-initial';
import { sql as m002 } from './002-saved-settings';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: m001 },
  { version: 2, name: 'saved-settings', sql: m002 },
];

export const latestVersion = migrations.length;
