// The pack workbook for a category with a long name ("Violence Against the Person", MPS's own
// major category) and its falls: every sheet name fits Excel's 31 characters with the category
// cut the same way on each of its sheets and the block name whole, and a fall reads "−", the
// typographic minus, in Excel as in the app. From the real MPS borough file (Jan 2017 – Dec 2018).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportPackResult } from '../../src/shared/export';
import { exportPack } from '../../src/core/export/pack';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { readCsv } from '../support/raw';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

const VIOLENCE = 'Violence Against the Person';
const BLOCKS = ['Quick facts', 'Months', 'Rolling year', 'Neighbours'];

let ws: Workspace;
let result: ExportPackResult;
let wb: XLSX.WorkBook;

beforeAll(async () => {
  ws = tempWorkspace();
  const imported = await importFiles(ws, [data.mpsBoroughRecent, data.populationBorough]);
  expect(imported.map((r) => r.status)).toEqual(['imported', 'imported']);
  const folder = path.join(tempDir(), 'Harrow pack');
  result = await exportPack(ws.db, { area: 'Harrow', year: 2018, categories: [VIOLENCE, 'Burglary'], neighbours: ['Brent', 'Barnet'], folder });
  wb = XLSX.read(readFileSync(path.join(folder, 'Harrow 2018 tables.xlsx')), { type: 'buffer', cellNF: true });
}, 120_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

describe('the pack’s sheet names', () => {
  it('cut a long category once, the same on each of its sheets, keeping the block names whole', () => {
    expect(result.sheets).toEqual(wb.SheetNames);
    for (const name of wb.SheetNames) expect(name.length, name).toBeLessThanOrEqual(31);
    const violence = wb.SheetNames.filter((n) => n.startsWith('Violence'));
    expect(violence.map((n) => n.split(' – ')[1])).toEqual(BLOCKS);
    const cut = new Set(violence.map((n) => n.split(' – ')[0]));
    expect(cut.size).toBe(1);
    const [category] = [...cut];
    // The longest block, "Rolling year", leaves 31 − 12 − 3 = 16 characters, the last an ellipsis.
    expect(Math.max(...BLOCKS.map((b) => b.length))).toBe('Rolling year'.length);
    expect(category).toBe('Violence Agains…');
    expect(wb.SheetNames).toContain('Violence Agains… – Rolling year');
    expect('Violence Agains… – Rolling year').toHaveLength(31);
    expect(VIOLENCE.startsWith(category!.slice(0, -1))).toBe(true);
    expect(wb.SheetNames.filter((n) => n.startsWith('Burglary'))).toEqual(BLOCKS.map((b) => `Burglary – ${b}`));
  });
});

describe('the pack’s figures', () => {
  it('show a fall with the typographic minus: the Months sheet’s change against the raw file', () => {
    // Independently: Harrow's violence by month, 2018 against 2017, summed over its minor categories.
    const raw = readCsv(data.mpsBoroughRecent);
    const harrow = raw.rows.filter((r) => r[raw.col('Borough')] === 'Harrow' && r[raw.col('Major Category')] === VIOLENCE);
    const monthTotal = (yyyymm: string) => harrow.reduce((t, r) => t + Number(r[raw.col(yyyymm)]), 0);
    const changes = Array.from({ length: 12 }, (_, i) => {
      const mm = String(i + 1).padStart(2, '0');
      return monthTotal(`2018${mm}`) - monthTotal(`2017${mm}`);
    });
    const falls = changes.flatMap((c, i) => (c < 0 ? [i] : []));
    expect(falls.length).toBeGreaterThan(0);

    const sheet = wb.Sheets['Violence Agains… – Months']!;
    expect(sheet.D3!.v).toBe('Change');
    changes.forEach((change, i) => expect(sheet[`D${4 + i}`]!.v, `month ${i + 1}`).toBe(change));
    for (const i of falls) {
      const cell = sheet[`D${4 + i}`]!;
      expect(cell.z).toBe('+#,##0;"−"#,##0;0');
      expect(cell.w).toBe(`−${Math.abs(changes[i]!).toLocaleString('en-GB')}`);
    }
  });
});
