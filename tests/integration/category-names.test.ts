// One shown spelling per category. The 2022-ward MPS files spell categories in capitals
// ("ARSON", "FRAUD AND FORGERY", "NFIB"); the 2018-ward file spells many of the same
// categories in title case ("Arson"). Wherever a name is shown (pivot headings, revisions,
// exports) it must be the mixed-case spelling a file used, else a careful title case that
// keeps acronyms, and never the capitals beside it. Expected spellings come from the raw files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotSpec } from '../../src/shared/pivot';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { revisionReport } from '../../src/core/analysis/trust/revisions';
import { dispatch } from '../../src/core/handlers';
import { importFiles } from '../../src/core/importers/importFiles';
import { categoryKey } from '../../src/core/store/categories';
import { carefulCase } from '../../src/core/store/categoryNames';
import { openWorkspace, type Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { readCsv, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempDir } from '../support/workspace';

const DATASET = 'mps-ward-ho-2022';
const MAJOR_OF = (key: string) => key.split('/')[0]!;
const isCapitals = (s: string) => s === s.toUpperCase() && /[A-Z]/.test(s);
/** Capitals that are not simply an acronym ("FRAUD AND FORGERY", not "NFIB"): never to be shown. */
const shouty = (s: string) => isCapitals(s) && carefulCase(s) !== s;

let ws: Workspace;
let wsPath: string;
const raws: RawTable[] = [];
/** Per category key: every minor spelling in the raw files; per major key, every major spelling. */
const minors = new Map<string, Set<string>>();
const majors = new Map<string, Set<string>>();
/** The category keys and major keys the 2022-ward files hold. */
const keys2022 = new Set<string>();

function collect(raw: RawTable, in2022: boolean): void {
  const [ma, mi] = [raw.col('MajorText'), raw.col('MinorText')];
  for (const row of raw.rows) {
    const [major, minor] = [row[ma]!.trim(), row[mi]!.trim()];
    const key = categoryKey('mps-ho', major, minor);
    (minors.get(key) ?? minors.set(key, new Set()).get(key)!).add(minor);
    (majors.get(MAJOR_OF(key)) ?? majors.set(MAJOR_OF(key), new Set()).get(MAJOR_OF(key))!).add(major);
    if (in2022) keys2022.add(key);
  }
}

/**
 * What a name may be shown as: a raw mixed-case spelling if there is one, else the careful
 * case of the capitals; spellings the MPS cut at 50 characters only when there is no whole one.
 */
function allowed(spellings: Set<string>): Set<string> {
  const whole = [...spellings].filter((s) => s.length < 50);
  const pool = whole.length > 0 ? whole : [...spellings];
  const mixed = pool.filter((s) => !isCapitals(s));
  return new Set(mixed.length > 0 ? mixed : pool.map(carefulCase));
}

beforeAll(async () => {
  wsPath = path.join(tempDir(), 'names.wardlens.sqlite');
  ws = openWorkspace(wsPath);
  const files = [data.mpsWard2018, data.mpsWard2022Historical, data.mpsWard2022Recent];
  const results = await importFiles(ws, files);
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
  files.forEach((f, i) => {
    raws.push(readCsv(f));
    collect(raws[i]!, i > 0);
  });
}, 180_000);
afterAll(() => {
  ws?.close();
  cleanupTempDirs();
});

describe('category names shown', () => {
  it('the raw files really do spell shared categories both ways (the premise of these tests)', () => {
    const both = [...keys2022].filter((k) => [...minors.get(k)!].some(isCapitals) && [...minors.get(k)!].some((s) => !isCapitals(s)));
    expect(both.length).toBeGreaterThan(10);
    expect([...keys2022].some((k) => minors.get(k)!.has('NFIB'))).toBe(true);
  });

  it('pivot column headings use one spelling per category: the mixed-case one where a file used it', () => {
    const result = runPivot(ws.db, { dataset: DATASET, rows: ['borough'], columns: ['category'], measure: 'count' });
    expect(result.columns.map((c) => c.keys[0]!).sort()).toEqual([...keys2022].sort());
    for (const c of result.columns) {
      const key = c.keys[0]!;
      expect(allowed(minors.get(key)!), key).toContain(c.labels[0]);
      expect(shouty(c.labels[0]!), c.labels[0]).toBe(false);
    }
    const label = (key: string) => result.columns.find((c) => c.keys[0] === key)?.labels[0];
    // Spelt only in capitals by any file: careful title case, acronyms kept.
    expect(label(categoryKey('mps-ho', 'NFIB FRAUD', 'NFIB'))).toBe('NFIB');
    expect(label(categoryKey('mps-ho', 'FRAUD AND FORGERY', 'FRAUD AND FORGERY'))).toBe('Fraud and Forgery');
    expect(label(categoryKey('mps-ho', 'BURGLARY', 'RES BURGLARY OF A HOME'))).toBe('Res Burglary of a Home');
    // Spelt "Arson" by the 2018-ward file, "ARSON" by the 2022-ward files.
    const arson = categoryKey('mps-ho', 'ARSON AND CRIMINAL DAMAGE', 'ARSON');
    expect(minors.get(arson)).toEqual(new Set(['Arson', 'ARSON']));
    expect(label(arson)).toBe('Arson');
    // The 2018-ward file's mixed case is cut short by the MPS; the 2022 files' capitals are whole.
    const fear = categoryKey('mps-ho', 'PUBLIC ORDER OFFENCES', 'RACE OR RELIGIOUS AGG PUBLIC FEAR');
    expect(minors.get(fear)).toContain('Racially or Religiously Aggravated Public Fear, Al');
    expect(label(fear)).toBe('Race or Religious Agg Public Fear');
  });

  it('major category headings too, shared by every category under them', () => {
    const result = runPivot(ws.db, { dataset: DATASET, rows: ['borough'], columns: ['major'], measure: 'count' });
    expect(result.columns).toHaveLength(new Set([...keys2022].map(MAJOR_OF)).size);
    for (const c of result.columns) {
      expect(allowed(majors.get(c.keys[0]!)!), c.keys[0]).toContain(c.labels[0]);
    }
    const label = (major: string) => result.columns.find((c) => c.keys[0] === MAJOR_OF(categoryKey('mps-ho', major, 'x')))?.labels[0];
    expect(label('POSSESSION OF WEAPONS')).toBe('Possession of Weapons'); // from the 2018-ward file
    expect(label('NFIB FRAUD')).toBe('NFIB Fraud');
  });

  it('revisions name categories the same way', () => {
    const report = revisionReport(ws.db, { dataset: DATASET });
    expect(report.rows.length).toBeGreaterThan(0);
    for (const r of report.rows) expect(allowed(minors.get(r.categoryKey)!), r.categoryKey).toContain(r.category);
    expect(report.rows.filter((r) => shouty(r.category))).toEqual([]);
  });

  it('an exported pivot’s headings are the shown spellings, never the capitals', async () => {
    const file = path.join(tempDir(), 'categories.csv');
    const pivot: PivotSpec = { dataset: DATASET, rows: ['borough'], columns: ['category'], measure: 'count' };
    await dispatch({ workspace: ws }, 'export/table', { table: { pivot }, format: 'csv', path: file });
    const cells = new Set((parse(readFileSync(file, 'utf8'), { relaxColumnCount: true }) as string[][]).flat());
    for (const key of keys2022) {
      const shown = [...allowed(minors.get(key)!)];
      expect(shown.some((s) => cells.has(s)), key).toBe(true);
      for (const capitals of [...minors.get(key)!].filter(shouty)) expect(cells.has(capitals), capitals).toBe(false);
    }
  });

  it('source spellings are all kept, and matching still takes the capitals', () => {
    const kept = ws.db.prepare('SELECT count(*) FROM category_spellings WHERE minor = ?').pluck();
    expect(kept.get('FRAUD AND FORGERY')).toBe(1);
    expect(kept.get('ARSON')).toBe(1);
    const result = runPivot(ws.db, {
      dataset: DATASET,
      rows: ['category'],
      columns: [],
      measure: 'count',
      filters: { category: ['STALKING AND HARASSMENT'] },
    });
    expect(result.rows.map((r) => r.labels[0])).toEqual(['Stalking and Harassment']);
  });
});

describe('a workspace from before display spellings', () => {
  it('is given them when opened (migration 011), its first-imported spellings replaced', () => {
    ws.close();
    const raw = new Database(wsPath);
    // As version 10 left it: the first spelling imported (2018 file first, so title case where it had one).
    raw.exec("UPDATE categories SET minor = upper(minor), major = upper(major) WHERE key LIKE 'fraud%' OR key LIKE 'arson%'");
    raw.pragma('user_version = 10');
    raw.close();
    ws = openWorkspace(wsPath);
    const shown = ws.db.prepare('SELECT major, minor FROM categories WHERE key = ?');
    expect(shown.get(categoryKey('mps-ho', 'FRAUD AND FORGERY', 'FRAUD AND FORGERY'))).toEqual({ major: 'Fraud and Forgery', minor: 'Fraud and Forgery' });
    expect(shown.get(categoryKey('mps-ho', 'ARSON AND CRIMINAL DAMAGE', 'ARSON'))).toEqual({ major: 'Arson and Criminal Damage', minor: 'Arson' });
  });
});
