/**
 * The rows an import did not store, each kind in its own words: names that matched no area are
 * "rejected" (something to mend), rows that are no area of the file's level (a "Total" row, a
 * population table's London) are "skipped", named, and are no error at all.
 */
import type { ImportFileResult, SkippedRows } from '../../../shared/importing';
import { counted } from '../../../shared/counted';
import { formatCount } from '../../format/numbers';

const namesText = (names: string[]) => names.slice(0, 6).join(', ') + (names.length > 6 ? ', …' : '');
const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/** "1 skipped: not a ward (Total)". */
export function skippedText(s: SkippedRows): string {
  return `${formatCount(s.rows)} skipped: not ${withArticle(s.notA)} (${namesText(s.names.map((n) => n.name))})`;
}

/**
 * A batch's rows in one line, as the files' cards put them: crime files' rows "rejected", a
 * population table's "not stored", and the rows skipped as no area of their file's level.
 */
export function batchRowsText(imported: ImportFileResult[]): string {
  const sum = (list: ImportFileResult[], f: (r: ImportFileResult) => number) => list.reduce((t, r) => t + f(r), 0);
  const crime = imported.filter((r) => !r.population);
  const population = imported.filter((r) => r.population);
  const parts = [
    `${counted(sum(imported, (r) => r.rowsRead), 'row')} read`,
    `${formatCount(sum(imported, (r) => r.rowsStored))} stored`,
  ];
  if (crime.length > 0 || population.length === 0) parts.push(`${formatCount(sum(crime, (r) => r.rowsRejected))} rejected`);
  const notStored = sum(population, (r) => r.rowsRejected);
  if (notStored > 0) parts.push(`${formatCount(notStored)} ${crime.length > 0 ? 'population rows ' : ''}not stored`);
  const skipped = imported.flatMap((r) => (r.skipped ? [r.skipped] : []));
  if (skipped.length > 0) {
    const kinds = [...new Set(skipped.map((s) => s.notA))];
    const names = [...new Set(skipped.flatMap((s) => s.names.map((n) => n.name)))];
    const rows = sum(imported, (r) => r.skipped?.rows ?? 0);
    const what = kinds.length === 1 ? withArticle(kinds[0]!) : 'an area of its file’s level';
    parts.push(`${formatCount(rows)} skipped: not ${what} (${namesText(names)})`);
  }
  return parts.join(', ');
}
