// src/core/store/revisions.ts: the claim rule (which extract is newer) is one rule, whether
// JavaScript compares two extracts or SQL picks each month's extract.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { currentExtractsSql, isNewerExtract, newestExtractFirst, type ExtractAge } from '../../src/core/store/revisions';

// Import ids in import order; lastMonth is where each file's data runs to. An old file imported
// last (id 5), two files ending in the same month (ids 2 and 4), and one of another dataset (6).
const EXTRACTS: (ExtractAge & { dataset: number; months: number[] })[] = [
  { id: 1, lastMonth: 202212, dataset: 1, months: [202111, 202112, 202201, 202212] },
  { id: 2, lastMonth: 202306, dataset: 1, months: [202112, 202201, 202306] },
  { id: 3, lastMonth: 202412, dataset: 1, months: [202201, 202412] },
  { id: 4, lastMonth: 202306, dataset: 1, months: [202111, 202112, 202306] },
  { id: 5, lastMonth: 202112, dataset: 1, months: [202111, 202112] },
  { id: 6, lastMonth: 203001, dataset: 2, months: [202111, 202112, 202201] },
];

const db = new Database(':memory:');
db.exec(`CREATE TABLE imports (id INTEGER PRIMARY KEY, dataset_id INTEGER, last_month INTEGER);
         CREATE TABLE import_months (import_id INTEGER, month INTEGER)`);
for (const e of EXTRACTS) {
  db.prepare('INSERT INTO imports VALUES (?, ?, ?)').run(e.id, e.dataset, e.lastMonth);
  for (const m of e.months) db.prepare('INSERT INTO import_months VALUES (?, ?)').run(e.id, m);
}
afterAll(() => db.close());

const newestFirst = (xs: ExtractAge[]) => [...xs].sort((a, b) => (isNewerExtract(a, b) ? -1 : isNewerExtract(b, a) ? 1 : 0));

describe('the claim rule', () => {
  it('takes the extract whose data runs later, then the later import', () => {
    expect(isNewerExtract({ id: 1, lastMonth: 202212 }, { id: 5, lastMonth: 202112 })).toBe(true);
    expect(isNewerExtract({ id: 5, lastMonth: 202112 }, { id: 1, lastMonth: 202212 })).toBe(false);
    expect(isNewerExtract({ id: 4, lastMonth: 202306 }, { id: 2, lastMonth: 202306 })).toBe(true);
    expect(isNewerExtract({ id: 2, lastMonth: 202306 }, { id: 4, lastMonth: 202306 })).toBe(false);
    // An extract is not newer than itself.
    expect(isNewerExtract({ id: 3, lastMonth: 202412 }, { id: 3, lastMonth: 202412 })).toBe(false);
  });

  it('orders extracts the same way in SQL as in JavaScript', () => {
    const ours = newestFirst(EXTRACTS).map((e) => e.id);
    expect(ours).toEqual([6, 3, 4, 2, 1, 5]);
    const sql = db.prepare(`SELECT id FROM imports i ORDER BY ${newestExtractFirst('i')}`).pluck().all();
    expect(sql).toEqual(ours);
  });

  it("picks each month's extract in SQL as JavaScript would, among the imports allowed", () => {
    for (const upTo of [1, 2, 3, 4, 5]) {
      const allowed = EXTRACTS.filter((e) => e.dataset === 1 && e.id <= upTo);
      const expected = new Map<number, number>();
      for (const m of new Set(allowed.flatMap((e) => e.months))) {
        expected.set(m, newestFirst(allowed.filter((e) => e.months.includes(m)))[0]!.id);
      }
      const rows = db.prepare(currentExtractsSql('i.id <= ?')).all(1, upTo) as { month: number; import_id: number }[];
      expect(new Map(rows.map((r) => [r.month, r.import_id]))).toEqual(expected);
    }
    // With every import: the old file imported last (5) holds no month; the tie in 202112 goes to 4.
    const all = db.prepare(currentExtractsSql('1')).all(1) as { month: number; import_id: number }[];
    expect(Object.fromEntries(all.map((r) => [r.month, r.import_id]))).toEqual({ 202111: 4, 202112: 4, 202201: 3, 202212: 1, 202306: 4, 202412: 3 });
  });
});
