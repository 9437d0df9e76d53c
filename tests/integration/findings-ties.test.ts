// Ties in the ward findings: Harrow's burglary in 2023 (2022-ward file), where the third and
// fourth wards have the same count. The sentence names every ward tied at its cut-off, as the
// table ranks them, and the HTML report (which reuses the sentence) does too. Counts and the
// order are worked out here from the raw CSV.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPack } from '../../src/core/export/pack';
import { escapeHtml } from '../../src/core/export/html/escape';
import { buildFindings } from '../../src/core/analysis/findings/build';
import type { Findings } from '../../src/shared/findings';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { listedWithTies, topWithTies } from '../../src/core/analysis/findings/words';
import { data } from '../support/data';
import { inYear, readCsv, sumWide, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

let ws: Workspace;
let raw: RawTable;
let findings: Findings;

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [data.mpsWard2022Historical]);
  expect(results.every((r) => r.status === 'imported')).toBe(true);
  raw = readCsv(data.mpsWard2022Historical);
  findings = buildFindings(ws.db, { area: 'Harrow', category: 'Burglary', year: 2023 });
}, 180_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

/** Harrow's wards with their 2023 burglary counts, most first, from the raw file. */
function rawWards(): { name: string; count: number }[] {
  const names = new Set(raw.rows.filter((r) => r[raw.col('lookup_boroughname')] === 'Harrow').map((r) => r[raw.col('wardname')]!));
  return [...names]
    .map((name) => ({
      name,
      count: sumWide(raw, inYear(2023), (r) => r[raw.col('lookup_boroughname')] === 'Harrow' && r[raw.col('wardname')] === name && r[raw.col('majortext')]!.toLowerCase() === 'burglary'),
    }))
    .sort((a, b) => b.count - a.count);
}

describe('the wards with the most burglary in Harrow, 2023', () => {
  it('names every ward tied at the third place, as the table ranks them', () => {
    const wards = rawWards();
    const third = wards[2]!.count;
    const tied = wards.filter((w) => w.count === third);
    expect(tied.length).toBeGreaterThan(1); // the case the reviewer found: Harrow Weald and Stanmore
    const above = wards.filter((w) => w.count > third);
    expect(above.length).toBe(2);
    const fmt = (n: number) => n.toLocaleString('en-GB');
    const tiedNames = tied.map((w) => w.name).sort((a, b) => a.localeCompare(b, 'en-GB'));
    const sentence = findings.wards!.sentences[0]!;
    expect(sentence).toContain(`${above[0]!.name} (${fmt(above[0]!.count)}), ${above[1]!.name} (${fmt(above[1]!.count)}), and `);
    expect(sentence).toContain(`(${fmt(third)} each).`);
    for (const n of tiedNames) expect(sentence).toContain(n);
    const ranked = findings.wards!.rows.filter((r) => tiedNames.includes(r.name));
    expect(ranked.map((r) => r.rank)).toEqual(tied.map(() => 3));
    expect(ranked.map((r) => r.current)).toEqual(tied.map(() => third));
  });
});

describe('the HTML report of the pack', () => {
  it('carries the same sentence, ties and all', async () => {
    const folder = path.join(tempDir(), 'pack');
    const r = await exportPack(ws.db, { area: 'Harrow', year: 2023, categories: ['Burglary'], folder });
    const html = readFileSync(r.files.find((f) => f.kind === 'html')!.path, 'utf8');
    const sentence = findings.wards!.sentences[0]!;
    expect(sentence).toMatch(/ each\)\.$/);
    expect(html).toContain(`<p>${escapeHtml(sentence)}</p>`);
  }, 120_000);
});

describe('the ties rule', () => {
  const rows = [113, 88, 80, 80, 79].map((v, i) => ({ name: `W${i}`, v }));
  it('keeps every row tied with the last one kept, and no more', () => {
    expect(topWithTies(rows, 3, (r) => r.v).map((r) => r.name)).toEqual(['W0', 'W1', 'W2', 'W3']);
    expect(topWithTies(rows, 2, (r) => r.v).map((r) => r.name)).toEqual(['W0', 'W1']);
    expect(topWithTies(rows.slice(0, 2), 3, (r) => r.v)).toHaveLength(2);
  });
  it('writes tied figures together, and counts a long tie rather than naming it', () => {
    const item = (name: string, value: string) => ({ name, value });
    expect(listedWithTies([item('Roxeth', '113'), item('Greenhill', '88'), item('Harrow Weald', '80'), item('Stanmore', '80')])).toBe(
      'Roxeth (113), Greenhill (88), and Harrow Weald and Stanmore (80 each)',
    );
    expect(listedWithTies([item('A', '5'), item('B', '4'), item('C', '3')])).toBe('A (5), B (4) and C (3)');
    expect(listedWithTies([item('A', '5'), item('B', '5')])).toBe('A and B (5 each)');
    const many = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((n) => item(n, '2'));
    expect(listedWithTies([item('Z', '9'), ...many])).toBe('Z (9) and 7 wards (2 each)');
  });
});
