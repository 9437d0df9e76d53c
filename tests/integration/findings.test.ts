// The assessment's blocks end to end: MPS borough files + a population table → quick facts
// and a nearest-neighbour table for Harrow and four neighbours, checked against the raw files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFindings } from '../../src/core/analysis/findings/build';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { inYear, readCsv, sumWide, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

let ws: Workspace;
let historic: RawTable;
let recent: RawTable;
let population: Map<string, number>;

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [data.mpsBoroughHistoric, data.mpsBoroughRecent, data.populationBorough]);
  expect(results.every((r) => r.status === 'imported')).toBe(true);
  historic = readCsv(data.mpsBoroughHistoric);
  recent = readCsv(data.mpsBoroughRecent);
  const pop = readCsv(data.populationBorough);
  population = new Map(pop.rows.map((r) => [`${r[pop.col('Name')]}|${r[pop.col('Year')]}`, Number(r[pop.col('Population')])]));
});
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

const burglary = (t: RawTable, borough: string) => (row: string[]) => row[t.col('Borough')] === borough && row[t.col('Major Category')] === 'Burglary';
const counts = (borough: string) => ({
  previous: sumWide(historic, inYear(2016), burglary(historic, borough)),
  current: sumWide(recent, inYear(2017), burglary(recent, borough)),
});
const rateOf = (count: number, borough: string, year: number) => (count / population.get(`${borough}|${year}`)!) * 1000;

describe('findings for Harrow burglary, 2017 against 2016', () => {
  const neighbours = ['Brent', 'Barnet', 'Ealing', 'Hillingdon'];
  let findings: ReturnType<typeof buildFindings>;
  beforeAll(() => {
    findings = buildFindings(ws.db, { dataset: 'mps-borough-old', area: 'harrow', category: 'Burglary', year: 2017, neighbours });
  });

  it('gives the quick facts from the raw files and the population table', () => {
    const { previous, current } = counts('Harrow');
    const q = findings.quickFacts;
    expect([q.previous, q.current, q.change]).toEqual([previous, current, current - previous]);
    expect(q.previousRate).toBeCloseTo(rateOf(previous, 'Harrow', 2016), 10);
    expect(q.currentRate).toBeCloseTo(rateOf(current, 'Harrow', 2017), 10);
    expect(q.rateChange).toBeCloseTo(rateOf(current, 'Harrow', 2017) - rateOf(previous, 'Harrow', 2016), 10);
    expect(q.percentChange.value).toBeCloseTo(((current - previous) / previous) * 100, 10);
    expect(q.sentences[0]).toBe(
      `Between 2016 and 2017 recorded burglary offences in Harrow rose by ${(current - previous).toLocaleString('en-GB')}, from ${previous.toLocaleString('en-GB')} to ${current.toLocaleString('en-GB')} (+${(((current - previous) / previous) * 100).toFixed(1)}%).`,
    );
    expect(findings.category.level).toBe('major');
  });

  it('builds the nearest-neighbour table in the order asked, with a London row and RAG by quartile', () => {
    const table = findings.neighbours!;
    expect(table.rows.map((r) => r.name)).toEqual(['Harrow', ...neighbours]);
    for (const row of table.rows) {
      const { previous, current } = counts(row.name);
      expect([row.previous, row.current]).toEqual([previous, current]);
      expect(row.rateChange).toBeCloseTo(rateOf(current, row.name, 2017) - rateOf(previous, row.name, 2016), 10);
      expect(row.rag).not.toBeNull();
    }
    // London: the 32 boroughs, computed here independently.
    const boroughs = [...new Set(recent.rows.map((r) => r[recent.col('Borough')]!))].filter((b) => population.has(`${b}|2017`) && b !== 'City of London');
    expect(boroughs).toHaveLength(32);
    const londonCurrent = boroughs.reduce((t, b) => t + counts(b).current, 0);
    expect(table.london!.current).toBe(londonCurrent);
    // RAG: Excel QUARTILE.INC of the 32 rate changes; red above Q3, green below Q1.
    const changes = boroughs.map((b) => rateOf(counts(b).current, b, 2017) - rateOf(counts(b).previous, b, 2016)).sort((a, b) => a - b);
    const inc = (k: number) => {
      const h = (changes.length - 1) * (k / 4);
      return changes[Math.floor(h)]! + (h - Math.floor(h)) * (changes[Math.ceil(h)]! - changes[Math.floor(h)]!);
    };
    for (const row of table.rows) {
      const expected = row.rateChange! > inc(3) ? 'red' : row.rateChange! < inc(1) ? 'green' : 'amber';
      expect(row.rag).toBe(expected);
    }
  });

  it('lays the months of both years side by side and totals the rolling year', () => {
    const harrow = (t: RawTable) => burglary(t, 'Harrow');
    const jan2017 = sumWide(recent, (m) => m === 201701, harrow(recent));
    expect(findings.months.rows[0]).toMatchObject({ month: '2017-01', label: 'Jan 2017', current: jan2017, previous: sumWide(historic, (m) => m === 201601, harrow(historic)) });
    expect(findings.rollingYear.latest.total).toBe(counts('Harrow').current);
    expect(findings.rollingYear.sentences[0]).toMatch(/^12 months to Dec 2017 compared with the previous 12: [▲▼]/);
  });

  it('names its caveats and sources', () => {
    expect(findings.caveats.join(' ')).toMatch(/each year’s own population \(the 2016 and 2017 projections\)/);
    // Typographic apostrophes only, and no bracket straight after another.
    for (const text of [...findings.caveats, ...findings.neighbours!.sentences]) {
      expect(text, text).not.toMatch(/'/);
      expect(text, text).not.toMatch(/\)\s*\(/);
    }
    expect(findings.sources.imports.map((i) => i.file)).toEqual([
      'MPS_Borough_Level_Crime_Historic.csv',
      'MPS Borough Level Crime (most recent 24 months).csv',
    ]);
  });

  it('rates Harrow in words without doubled brackets', () => {
    const harrow = findings.neighbours!.rows[0]!;
    const band = { red: 'among the quarter of London boroughs with the largest rises', green: 'among the quarter with the largest falls or smallest rises', amber: 'in the middle half of London boroughs' }[harrow.rag!];
    // Signed as in the table beside it: "+" for a rise, the printed minus sign for a fall.
    const change = `${harrow.rateChange! < 0 ? '−' : '+'}${Math.abs(harrow.rateChange!).toFixed(2)}`;
    expect(findings.neighbours!.sentences[0]).toBe(`Harrow’s rate change of ${change} per 1,000 puts it ${band} (RAG ${harrow.rag}).`);
  });

  it('refuses an unknown area with near matches', () => {
    expect(() => buildFindings(ws.db, { area: 'Harow', category: 'Burglary', year: 2017 })).toThrow(/Did you mean: Harrow/);
  });
});

describe('sources for 2018 against 2017, both years from the recent file', () => {
  let findings: ReturnType<typeof buildFindings>;
  beforeAll(() => {
    findings = buildFindings(ws.db, { dataset: 'mps-borough-old', area: 'Harrow', category: 'Burglary', year: 2018 });
  });

  it('lists the recent file for 2017 and 2018, and the historic file for the months the rolling year reaches back to', () => {
    // Independently: which file holds each month of 2017 and 2018 (the recent one covers them all);
    // the rolling year's first total (to Jan 2017) starts in Feb 2016, which only the historic file holds.
    const has = (t: RawTable, year: number) => t.header.some((h) => h.startsWith(String(year)));
    expect([has(recent, 2017), has(recent, 2018), has(historic, 2017), has(historic, 2018), has(historic, 2016)]).toEqual([true, true, false, false, true]);
    expect(findings.sources.imports.map(({ file, months }) => ({ file, months }))).toEqual([
      { file: 'MPS_Borough_Level_Crime_Historic.csv', months: '2016-02 to 2016-12' },
      { file: 'MPS Borough Level Crime (most recent 24 months).csv', months: '2017-01 to 2018-12' },
    ]);
    expect(findings.quickFacts.current).toBe(sumWide(recent, inYear(2018), burglary(recent, 'Harrow')));
  });

  it('says which earlier months of the historic file the rolling year counts', () => {
    // The first rolling total ends in Jan 2017 and so starts in Feb 2016.
    const months2016 = historic.header.filter((h) => /^2016\d\d$/.test(h));
    expect(months2016).toHaveLength(12);
    expect(findings.caveats).toContain(
      'The rolling-year chart’s earliest points also count months outside the two years compared: Feb 2016 to Dec 2016 from MPS_Borough_Level_Crime_Historic.csv.',
    );
    expect(findings.rollingYear.points[0]).toMatchObject({ month: '2017-01', total: sumWide(historic, (m) => m >= 201602, burglary(historic, 'Harrow')) + sumWide(recent, (m) => m === 201701, burglary(recent, 'Harrow')) });
  });
});
