// Deleting an import, and re-importing a file with a corrected mapping, on the real files:
// after a delete every figure (current, superseded, borough totals, month map) is exactly as
// it was before the file was imported, and the totals agree with sums of the raw files.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../src/shared/importing';
import { importFile } from '../../src/core/importers/importFile';
import { deleteImport } from '../../src/core/store/imports';
import type { Db } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { parseCsvText, readCsv, sumByMonth, sumWide } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

afterAll(() => cleanupTempDirs());

/** Everything an import writes to, row by row in a fixed order, as a row count and a digest of the rows. */
function snapshot(db: Db): Record<string, string> {
  const q = (sql: string) => {
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of db.prepare(sql).raw().iterate()) {
      hash.update(`${JSON.stringify(row)}\n`);
      rows++;
    }
    return `${rows} rows, ${hash.digest('hex')}`;
  };
  return {
    datasets: q('SELECT id, key, name FROM datasets ORDER BY id'),
    imports: q('SELECT id, dataset_id, sha256, mapping, rows_stored FROM imports ORDER BY id'),
    datasetMonths: q('SELECT * FROM dataset_months ORDER BY dataset_id, month'),
    importMonths: q('SELECT * FROM import_months ORDER BY import_id, month'),
    current: q('SELECT * FROM monthly_counts ORDER BY dataset_id, borough_id, month, category_id, area_id'),
    superseded: q('SELECT * FROM superseded_counts ORDER BY dataset_id, import_id, month, category_id, area_id, borough_id'),
    totals: q('SELECT * FROM monthly_totals ORDER BY dataset_id, month, category_id, borough_id'),
    wardTotals: q('SELECT * FROM ward_totals ORDER BY dataset_id, borough_id, area_id, month'),
    // ward_totals must always be the current figures summed over the categories.
    wardTotalsResummed: q('SELECT dataset_id, borough_id, area_id, month, sum(count) FROM monthly_counts GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4'),
    incidents: q('SELECT * FROM incidents ORDER BY id'),
  };
}

/** Current figures of a dataset by month, as the analysis reads them. */
function currentByMonth(db: Db, key: string): Map<number, number> {
  const rows = db
    .prepare('SELECT month, sum(count) AS n FROM monthly_totals t JOIN datasets d ON d.id = t.dataset_id WHERE d.key = ? GROUP BY month')
    .all(key) as { month: number; n: number }[];
  return new Map(rows.map((r) => [r.month, r.n]));
}

/** Months with figures (zero months included) from the raw file. */
const nonZero = (m: Map<number, number>) => new Map([...m].filter(([, n]) => n !== 0));

describe('deleting an import', () => {
  it('puts back the months a newer extract had superseded, exactly as before it was imported', async () => {
    // The 2022-ward historical file and the newer 24-month file share Jan and Feb 2024.
    const older = data.mpsWard2022Historical;
    const newer = data.mpsWard2022Recent;
    const ws = tempWorkspace();
    const first = await importFile(ws, older);
    expect(first.status).toBe('imported');
    const before = snapshot(ws.db);
    const second = await importFile(ws, newer);
    expect(second.status).toBe('imported');
    expect(second.supersededMonths).toEqual(['2024-01', '2024-02']);
    const after = snapshot(ws.db);
    expect(after).not.toEqual(before);
    expect(after.wardTotals).toBe(after.wardTotalsResummed);
    expect(before.wardTotals).toBe(before.wardTotalsResummed);

    const deleted = deleteImport(ws.db, second.importId!);
    expect(deleted.restoredMonths.map((r) => r.month)).toEqual(second.supersededMonths);
    expect(new Set(deleted.restoredMonths.map((r) => r.importId))).toEqual(new Set([first.importId]));
    expect(deleted.datasetRemoved).toBe(false);
    expect(snapshot(ws.db)).toEqual(before);
    // And the figures are the older raw file's, month by month.
    expect(currentByMonth(ws.db, 'mps-ward-ho-2022')).toEqual(nonZero(sumByMonth(readCsv(older))));
    ws.close();
  }, 400_000);

  it('deleting the older extract keeps the newer one current and empties the months only it held', async () => {
    const older = data.mpsNewcatHistorical;
    const newer = data.mpsNewcatRecent;
    const ws = tempWorkspace();
    const a = await importFile(ws, older);
    const b = await importFile(ws, newer);
    const deleted = deleteImport(ws.db, a.importId!);
    expect(deleted.restoredMonths).toEqual([]);
    const raw = readCsv(newer);
    expect(currentByMonth(ws.db, 'mps-borough-ho')).toEqual(nonZero(sumByMonth(raw)));
    expect(ws.db.prepare('SELECT count(*) AS n FROM superseded_counts').get()).toEqual({ n: 0 });
    // The newer file's months are its own; every month before them is gone with the older file.
    const held = (ws.db.prepare('SELECT month, import_id AS id FROM dataset_months ORDER BY month').all() as { month: number; id: number }[]);
    expect(new Set(held.map((h) => h.id))).toEqual(new Set([b.importId]));
    expect(held.length).toBe(b.months.count);
    expect(deleted.emptiedMonths.length).toBe(a.months.count);
    expect(deleted.emptiedMonths[0]).toBe(a.months.first);
    // The last import of a dataset takes the dataset with it: the workspace is as new.
    const empty = tempWorkspace();
    const last = deleteImport(ws.db, b.importId!);
    expect(last.datasetRemoved).toBe(true);
    expect(snapshot(ws.db)).toEqual(snapshot(empty.db));
    ws.close();
    empty.close();
  });

  it('removes a police.uk month file, leaving the others’ incidents as the raw files count them', async () => {
    const ws = tempWorkspace();
    const files = readdirSync(data.policeUkDir).filter((f) => f.endsWith('.csv')).sort().slice(0, 3).map((f) => path.join(data.policeUkDir, f));
    const [r1, r2] = [await importFile(ws, files[0]!), await importFile(ws, files[1]!)];
    const before = snapshot(ws.db);
    const r3 = await importFile(ws, files[2]!);
    expect([r1, r2, r3].map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
    const deleted = deleteImport(ws.db, r3.importId!);
    const rawRows = parseCsvText(await import('node:fs').then((fs) => fs.readFileSync(files[2]!, 'utf8'))).length - 1;
    expect(deleted.rowsRemoved).toBe(rawRows);
    expect(deleted.emptiedMonths).toEqual([r3.months.first]);
    expect(snapshot(ws.db)).toEqual(before);
    ws.close();
  });

  it('refuses an import that does not exist, changing nothing', () => {
    const ws = tempWorkspace();
    expect(() => deleteImport(ws.db, 99)).toThrow(/no import 99/);
    ws.close();
  });
});

describe('re-importing a file with a corrected mapping', () => {
  const file = data.mpsBoroughRecent;
  // First read without the major category; the corrected mapping adds it.
  const wrong: ColumnMapping = { area: 'Borough', areaLevel: 'borough', category: 'Minor Category', monthsAcrossColumns: true };
  const corrected: ColumnMapping = { ...wrong, major: 'Major Category' };

  it('replaces the earlier import of the file; the same mapping again changes nothing and says so', async () => {
    const ws = tempWorkspace();
    const raw = readCsv(file);
    const first = await importFile(ws, file, { mapping: wrong, dataset: 'Borough recent' });
    expect(first.status).toBe('imported');
    const second = await importFile(ws, file, { mapping: corrected, dataset: 'Borough recent' });
    expect(second.status).toBe('imported');
    expect(second.warnings.join(' ')).toMatch(new RegExp(`import ${first.importId}\\); that import was replaced`));
    // One import of the file, read the corrected way: figures counted once, not twice.
    const imports = ws.db.prepare('SELECT id, mapping FROM imports').all() as { id: number; mapping: string }[];
    expect(imports.map((i) => i.id)).toEqual([second.importId]);
    expect(JSON.parse(imports[0]!.mapping)).toMatchObject({ major: 'Major Category' });
    // Rows whose borough is no London borough (the airports) are listed as unmatched, not stored.
    const unmatched = new Set(second.unmatchedNames.map((u) => u.name));
    const borough = raw.col('Borough');
    const total = ws.db.prepare('SELECT sum(count) AS n FROM monthly_counts').get() as { n: number };
    expect(total.n).toBe(sumWide(raw, () => true, (r) => !unmatched.has(r[borough]!.trim())));
    const majors = ws.db.prepare('SELECT DISTINCT c.major FROM monthly_counts m JOIN categories c ON c.id = m.category_id').all();
    expect(majors.length).toBe(new Set(raw.rows.map((r) => r[raw.col('Major Category')])).size);

    // The same mapping (its keys in another order) is the same import.
    const before = snapshot(ws.db);
    const reordered = Object.fromEntries(Object.entries(corrected).reverse()) as unknown as ColumnMapping;
    const third = await importFile(ws, file, { mapping: reordered, dataset: 'Borough recent' });
    expect(third.status).toBe('already-imported');
    expect(third.importId).toBe(second.importId);
    expect(third.warnings[0]).toMatch(/already imported with the same column mapping.*nothing was changed/);
    expect(snapshot(ws.db)).toEqual(before);
    ws.close();
  });
});

describe('the identity of an imported file', () => {
  it('is the SHA-256 of its bytes, also when it is worked out while the rows are read', async () => {
    const ws = tempWorkspace();
    // A file of a new size is hashed while its rows are read; a repeat (same size) is hashed first.
    const files = [data.mpsWard2022Recent, ...readdirSync(data.policeUkDir).filter((f) => f.endsWith('.csv')).slice(0, 2).map((f) => path.join(data.policeUkDir, f))];
    for (const file of files) expect((await importFile(ws, file)).status).toBe('imported');
    const held = ws.db.prepare('SELECT file_path AS file, sha256 FROM imports ORDER BY id').all() as { file: string; sha256: string }[];
    expect(held.map((h) => h.file)).toEqual(files.map((f) => path.resolve(f)));
    for (const h of held) expect(h.sha256).toBe(createHash('sha256').update(readFileSync(h.file)).digest('hex'));
    const again = await importFile(ws, files[1]!);
    expect(again.status).toBe('already-imported');
    ws.close();
  });
});
