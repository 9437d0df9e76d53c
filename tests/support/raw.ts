// Independent readings of the raw files: parse the CSV ourselves and add up what it says.
import { readFileSync } from 'node:fs';

export interface RawTable {
  header: string[];
  rows: string[][];
  /** Index of a column by its header, compared case-insensitively. */
  col(name: string): number;
}

/**
 * A small RFC 4180 reader written for the tests (quoted fields, doubled quotes, line breaks
 * inside quotes, CRLF or LF, a UTF-8 BOM), several times faster than csv-parse on the 9 MB
 * ward file and independent of the reader Wardlens uses. tests/unit/rawCsv.test.ts checks it.
 */
export function parseCsvText(text: string): string[][] {
  const records: string[][] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (!line.includes('"')) {
      if (line !== '') records.push(line.split(','));
      continue;
    }
    // Join lines while a quoted field is still open (an odd number of quotes so far).
    while ((line.match(/"/g)?.length ?? 0) % 2 === 1 && i + 1 < lines.length) line += `\n${lines[++i]}`;
    records.push(splitQuoted(line));
  }
  return records;
}

function splitQuoted(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

export function readCsv(path: string): RawTable {
  const [header, ...rows] = parseCsvText(readFileSync(path, 'utf8'));
  if (!header) throw new Error(`${path} has no header`);
  return {
    header,
    rows,
    col(name: string) {
      const i = header.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
      if (i < 0) throw new Error(`${path} has no column ${name}`);
      return i;
    },
  };
}

/** The yyyymm month columns of a wide MPS file, as [column index, yyyymm]. */
export function monthColumns(t: RawTable): [number, number][] {
  return t.header.flatMap((h, i) => (/^\d{6}$/.test(h.trim()) ? [[i, Number(h)] as [number, number]] : []));
}

/** Sum of the month cells of a wide file, over the rows `where` accepts and the months `when` accepts. */
export function sumWide(
  t: RawTable,
  when: (yyyymm: number) => boolean,
  where: (row: string[]) => boolean = () => true,
): number {
  const cols = monthColumns(t).filter(([, m]) => when(m));
  let total = 0;
  for (const row of t.rows) {
    if (!where(row)) continue;
    for (const [i] of cols) total += Number(row[i]);
  }
  return total;
}

/** Per-month sums of a wide file. */
export function sumByMonth(t: RawTable, where: (row: string[]) => boolean = () => true): Map<number, number> {
  const out = new Map<number, number>();
  for (const [i, m] of monthColumns(t)) {
    let total = 0;
    for (const row of t.rows) if (where(row)) total += Number(row[i]);
    out.set(m, total);
  }
  return out;
}

export const inYear = (year: number) => (m: number) => Math.floor(m / 100) === year;
