// src/core/importers/readers/xlsxScan.ts: the byte scanner finds the same rows and cells,
// with the same values, as matching the sheet's text with the regular expression it
// replaced and reading every cell as text with CellReader; and its fast path agrees with
// CellReader cell by cell on every shape it takes, handing every other shape on.
import { describe, expect, it } from 'vitest';
import { mpsWardTable } from '../../bench/generate';
import { CellReader, type Cell, type CellContext } from '../../src/core/importers/readers/xlsxCells';
import { scanCells } from '../../src/core/importers/readers/xlsxScan';

const ctx = (dateStyles: boolean[] | null = [false, true, false]): CellContext => ({
  file: 'test.xlsx',
  strings: ['Ward', 'Borough', 'Theft'],
  dateStyles,
  date1904: false,
});

interface Seen {
  rows: number[];
  cells: (Cell & { rowAtCell: number })[];
}

/** What the scanner finds in `data` (the content of sheetData). */
function scan(data: string, withValue = true, context = ctx()): Seen {
  const xml = Buffer.from(`<sheetData>${data}</sheetData>`);
  const reader = new CellReader(context);
  const seen: Seen = { rows: [], cells: [] };
  const walk = scanCells(xml, { from: '<sheetData>'.length, to: xml.length - '</sheetData>'.length }, reader, withValue, {
    row: () => seen.rows.push(reader.rowNumber),
    cell: (cell) => seen.cells.push({ ...cell, rowAtCell: reader.rowNumber }),
  }, 64);
  for (const _ of walk) void _;
  return seen;
}

/** The same, by the regular expression the scanner replaced, every cell read as text. */
const ROW_OR_CELL = /<(?:[\w.-]+:)?(?:row\b([^>]*)>|c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>))/g;
function reference(data: string, withValue = true, context = ctx()): Seen {
  const reader = new CellReader(context);
  const seen: Seen = { rows: [], cells: [] };
  for (const m of data.matchAll(ROW_OR_CELL)) {
    if (m[1] !== undefined) {
      reader.startRow(m[1]);
      seen.rows.push(reader.rowNumber);
    } else {
      seen.cells.push({ ...reader.cell(m[2]!, m[3], withValue), rowAtCell: reader.rowNumber });
    }
  }
  return seen;
}

function expectAsReference(data: string, context = ctx()): Seen {
  for (const withValue of [true, false]) {
    expect(scan(data, withValue, context), `withValue ${withValue}`).toEqual(reference(data, withValue, context));
  }
  return scan(data, true, context);
}

describe('the sheet byte scanner', () => {
  it('reads the common shape: shared strings, whole and decimal numbers, styled blanks', () => {
    const seen = expectAsReference(
      '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s" s="2"><v>2</v></c><c r="C1"><v>17</v></c><c r="D1" s="2"><v>-0.25</v></c><c r="E1"><v>-3</v></c></row>' +
        '<row r="3"><c r="B3" t="n"><v>1.5E3</v></c><c r="C3" s="2"/><c r="AB3"><v>007</v></c></row>',
    );
    expect(seen.rows).toEqual([1, 3]);
    expect(seen.cells.map((c) => [c.row, c.col, c.present, c.value])).toEqual([
      [0, 0, true, 'Ward'],
      [0, 1, true, 'Theft'],
      [0, 2, true, 17],
      [0, 3, true, -0.25],
      [0, 4, true, -3],
      [2, 1, true, 1500],
      [2, 2, false, null],
      [2, 27, true, 7],
    ]);
  });

  it('hands every other shape to CellReader, with the same result', () => {
    const seen = expectAsReference(
      '<row r="2">' +
        '<c r="A2" s="1"><v>44562</v></c>' + // a date style
        '<c r="B2" t="inlineStr"><is><t>In &amp; out</t></is></c>' +
        '<c r="C2"><f>SUM(A1:A2)</f><v>3</v></c>' +
        '<c r="D2" t="str"><v>a_x000D_b</v></c>' +
        '<c r="E2" t="b"><v>1</v></c>' +
        '<c r="F2" t="e"><v>#N/A</v></c>' +
        "<c r='G2'><v>5</v></c>" + // single quotes
        '<c r = "H2"><v>6</v></c>' + // spaces around =
        '<c><v>7</v></c>' + // no address: the next column
        '<c r="$J$2"><v>8</v></c>' +
        '<c r="K2"><v> 9 </v></c>' +
        '<c r="L2"><v>&#49;0</v></c>' +
        '<c r="M2"></c>' +
        '<c r="N2"><v></v></c>' +
        '<x:c r="O2"><x:v>11</x:v></x:c>' +
        '<c r="P2" t="s"><v>1.0</v></c>' +
        '</row><x:row r="4"><c r="A4"><v>12</v></c></x:row><row><c r="B5"><v>13</v></c></row><row r="6"/>',
    );
    expect(seen.rows).toEqual([2, 4, 5, 6]);
    const values = seen.cells.map((c) => c.value);
    expect(values).toEqual([
      new Date(2022, 0, 1), 'In & out', 3, 'a\rb', true, '#N/A', 5, 6, 7, 8, 9, 10, null, null, 11, 'Borough', 12, 13,
    ]);
    expect(seen.cells[8]!.col).toBe(8); // <c> without r follows H2
  });

  it('finds cells as the regular expression did where the XML is odd', () => {
    expectAsReference('<row r="1"><c r="A1"><v>1</v></c><!-- <c r="B1"><v>2</v></c> --><c r="C1"><v>3</v></c></row>');
    expectAsReference('<row r="1"><col r="A1"/><cx r="B1"><v>2</v></cx><c r="C1"><v>3</v></c><c r="D1"><v>4</v>'); // an unclosed cell
    expectAsReference('<row r="1"><c.d r="A1"><v>1</v></c><c r="B1"/></row>');
    expectAsReference('<row r="1"><c r="A1"><v>1</v></x:c><c r="B1"><v>2</v></c></row>');
    expectAsReference('<row:x r="1"><c:x r="A1"><v>1</v></c><rows r="2"><c r="B1"><v>2</v></c></row:x>');
  });

  it('a shared string the workbook lacks is an error that names the cell', () => {
    expect(() => scan('<row r="7"><c r="A7" t="s"><v>0</v></c><c r="C7" t="s"><v>99</v></c></row>')).toThrow(
      /^test\.xlsx \(row 7, column "column C"\): .*shared text number 99/,
    );
    // The first pass, which reads no values, does not read the text either.
    expect(scan('<row r="7"><c r="C7" t="s"><v>99</v></c></row>', false).cells[0]!.present).toBe(true);
  });

  it('agrees with the reference on a generated MPS ward sheet', () => {
    const { header, rows } = mpsWardTable({ rows: 300, months: 24 });
    const strings: string[] = [];
    const index = new Map<string, number>();
    const cell = (ref: string, v: string | number) => {
      if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
      if (!index.has(v)) index.set(v, strings.push(v) - 1);
      return `<c r="${ref}" t="s"><v>${index.get(v)}</v></c>`;
    };
    const letters = (c: number): string => (c < 26 ? String.fromCharCode(65 + c) : letters(Math.floor(c / 26) - 1) + letters(c % 26));
    const data = [header, ...rows]
      .map((r, i) => `<row r="${i + 1}">${r.map((v, c) => cell(`${letters(c)}${i + 1}`, v)).join('')}</row>`)
      .join('');
    const context = { ...ctx(null), strings };
    const seen = expectAsReference(data, context);
    expect(seen.cells.length).toBe((rows.length + 1) * header.length);
    const sum = rows.reduce((s, r) => s + r.reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0), 0);
    expect(seen.cells.reduce((s, c) => s + (typeof c.value === 'number' ? c.value : 0), 0)).toBe(sum);
  });
});
