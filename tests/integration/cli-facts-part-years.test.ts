// `wardlens facts`, run as a user runs it, says what the Assessment says for the same question.
// A part year: the 2018-ward MPS file holds Sep 2020–Aug 2022, so 2020 is Sep–Dec only; the
// terminal must not set it against 2021 as a rise or fall, and must compare Sep–Dec of both
// years like for like. A whole year: the 2022-ward file holds 2024 and 2025 whole. Every
// printed figure is checked against sums of the raw CSVs, and against the engine's findings
// the Assessment draws (the 'facts/build' request, worded by the Assessment's own functions).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/handlers';
import { openWorkspace } from '../../src/core/store/workspace';
import type { FactsSpec, Findings } from '../../src/shared/findings';
import { significance } from '../../src/renderer/views/assessment/figures';
import { buildCli, wardlens } from '../support/cli';
import { data } from '../support/data';
import { inYear, readCsv, sumWide, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempDir } from '../support/workspace';

const AREA = 'Barking and Dagenham';
const NEIGHBOURS = ['Havering', 'Newham'];

let partDb: string;
let wholeDb: string;
let part: RawTable;
let whole: RawTable;
let population: Map<string, number>;

beforeAll(async () => {
  const build = buildCli();
  expect(build.status, build.stderr).toBe(0);
  const dir = tempDir('cli-facts-');
  partDb = path.join(dir, 'part.wardlens.sqlite');
  wholeDb = path.join(dir, 'whole.wardlens.sqlite');
  const imports = await Promise.all([
    wardlens('import', '--db', partDb, data.mpsWard2018, data.populationBorough),
    wardlens('import', '--db', wholeDb, data.mpsWard2022Recent, data.populationBorough),
  ]);
  for (const r of imports) expect(r.code, r.stderr).toBe(0);
  part = readCsv(data.mpsWard2018);
  whole = readCsv(data.mpsWard2022Recent);
  const pop = readCsv(data.populationBorough);
  population = new Map(pop.rows.map((r) => [`${r[pop.col('Name')]}|${r[pop.col('Year')]}`, Number(r[pop.col('Population')])]));
}, 180_000);
afterAll(cleanupTempDirs);

// Independent formatting of the raw sums, as UK reports write them.
const fmt = (x: number, dp = 0) => x.toLocaleString('en-GB', { minimumFractionDigits: dp, maximumFractionDigits: dp });
const sign = (x: number, dp = 0) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${fmt(Math.abs(x), dp)}`;
const burglaryIn = (t: RawTable, borough: string) => (row: string[]) =>
  row[t.col('LookUp_BoroughName')] === borough && row[t.col('MajorText')]!.toLowerCase() === 'burglary';
const between = (from: number, to: number) => (m: number) => m >= from && m <= to;
const rateOf = (count: number, borough: string, year: number) => (count / population.get(`${borough}|${year}`)!) * 1000;

async function factsText(db: string, ...args: string[]): Promise<string> {
  const r = await wardlens('facts', '--db', db, '--area', AREA, '--category', 'Burglary', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** The Assessment's findings for the same question: the request the app's view sends. */
async function assessment(db: string, spec: FactsSpec): Promise<Findings> {
  const workspace = openWorkspace(db, { mustExist: true });
  try {
    return await dispatch({ workspace }, 'facts/build', spec);
  } finally {
    workspace.close();
  }
}

/** The lines under a heading, up to the next blank line, without their indent; null when absent. */
function section(text: string, heading: string): string[] | null {
  const lines = text.split('\n');
  const at = lines.indexOf(heading);
  if (at < 0) return null;
  const end = lines.indexOf('', at);
  return lines.slice(at + 1, end < 0 ? undefined : end).map((l) => l.trim());
}

/** The neighbour table's rows by borough name: the printed cells after the name. */
function neighbourTable(text: string): Map<string, string[]> {
  // Table lines are cells two or more spaces apart; the sentences under the table are not.
  const rows = section(text, 'Nearest neighbours')!.map((l) => l.split(/\s{2,}/)).filter((cells) => cells.length >= 7);
  return new Map(rows.slice(1).map((cells) => [cells[0]!, cells.slice(1)]));
}

describe('wardlens facts with a part year: Barking and Dagenham burglary, 2021 against Sep–Dec 2020', () => {
  let text: string;
  let f: Findings;
  beforeAll(async () => {
    text = await factsText(partDb, '--year', '2021', '--neighbours', NEIGHBOURS.join(','));
    f = await assessment(partDb, { area: AREA, category: 'Burglary', year: 2021, neighbours: NEIGHBOURS });
  }, 120_000);

  it('says which months the data holds and calls no whole-year rise or fall', () => {
    const quick = section(text, 'Quick facts')!;
    const previous = sumWide(part, inYear(2020), burglaryIn(part, AREA));
    const current = sumWide(part, inYear(2021), burglaryIn(part, AREA));
    expect(quick[0]).toBe('The data holds only Sep–Dec of 2020, so 2020 and 2021 are not compared as whole years.');
    expect(quick[1]).toBe(`The data holds ${fmt(previous)} recorded burglary offences in ${AREA} for 2020 and ${fmt(current)} for 2021.`);
    expect(quick.join(' ')).not.toMatch(/\b(rose|fell|rise|fall)\b|rate change/);
    expect(quick).toContain(`Is it real? ${significance(f.quickFacts)}`);
  });

  it('compares Sep–Dec 2020 with Sep–Dec 2021, from the raw file, in the Assessment’s words', () => {
    const like = section(text, 'Like for like: Sep–Dec 2020 against Sep–Dec 2021');
    expect(like).not.toBeNull();
    const previous = sumWide(part, between(202009, 202012), burglaryIn(part, AREA));
    const current = sumWide(part, between(202109, 202112), burglaryIn(part, AREA));
    const change = current - previous;
    const pct = ((current - previous) / previous) * 100;
    expect(like).toContain(
      `Like for like, between Sep–Dec 2020 and Sep–Dec 2021 recorded burglary offences in ${AREA} ${change > 0 ? 'rose' : 'fell'} by ${fmt(Math.abs(change))}, from ${fmt(previous)} to ${fmt(current)} (${sign(pct, 1)}%).`,
    );
    const [pr, cr] = [rateOf(previous, AREA, 2020), rateOf(current, AREA, 2021)];
    expect(like!.some((l) => l.startsWith(`The rate ${cr > pr ? 'rose' : 'fell'} from ${fmt(pr, 2)} to ${fmt(cr, 2)} per 1,000 residents`))).toBe(true);
    // The Assessment's own sentences and verdict, word for word, in the Assessment's order.
    expect(like).toEqual([`Is it real? ${significance(f.likeForLike!.figures)}`, ...f.likeForLike!.sentences]);
    expect(like!.join(' ')).toMatch(/not statistically significant, p = 0\.\d\d\)/);
  });

  it('prints no whole-year change or rate change in the neighbour table, as the Assessment shows none', () => {
    const table = neighbourTable(text);
    expect([...table.keys()]).toEqual([AREA, ...NEIGHBOURS, 'London (32 boroughs)']);
    for (const borough of [AREA, ...NEIGHBOURS]) {
      const previous = sumWide(part, inYear(2020), burglaryIn(part, borough));
      const current = sumWide(part, inYear(2021), burglaryIn(part, borough));
      const rates = [rateOf(previous, borough, 2020), rateOf(current, borough, 2021)];
      // Offences, rate, offences, rate, then change, % change and rate change all blank; no RAG.
      expect(table.get(borough), borough).toEqual([fmt(previous), fmt(rates[0]!, 2), fmt(current), fmt(rates[1]!, 2), '–', '–', '–']);
    }
    const london = f.neighbours!.london!;
    expect(table.get('London (32 boroughs)')).toEqual([fmt(london.previous), fmt(london.previousRate!, 2), fmt(london.current), fmt(london.currentRate!, 2), '–', '–', '–']);
    expect(section(text, 'Nearest neighbours')).toContain(f.neighbours!.sentences[0]);
  });

  it('gives the same like-for-like figures as JSON as the Assessment has', async () => {
    const r = await wardlens('facts', '--db', partDb, '--area', AREA, '--category', 'Burglary', '--year', '2021', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Findings;
    expect(json.likeForLike).toEqual(f.likeForLike);
    expect(json.heldMonths).toEqual({ previous: 'only Sep–Dec', current: null });
  });

  it('says so when the years share no month', async () => {
    const none = await factsText(partDb, '--year', '2021', '--compare', '2019');
    expect((await assessment(partDb, { area: AREA, category: 'Burglary', year: 2021, compare: 2019 })).likeForLike).toBeNull();
    expect(section(none, 'Like for like')).toEqual(['The two years share no month in this data, so no change between them is given.']);
    expect(none).not.toMatch(/\b(rose|fell)\b/);
  });
});

describe('wardlens facts with whole years: Barking and Dagenham burglary, 2025 against 2024', () => {
  let text: string;
  let f: Findings;
  beforeAll(async () => {
    text = await factsText(wholeDb, '--year', '2025', '--neighbours', NEIGHBOURS.join(','));
    f = await assessment(wholeDb, { area: AREA, category: 'Burglary', year: 2025, neighbours: NEIGHBOURS });
  }, 120_000);

  it('compares the whole years, with the raw counts, and has no like-for-like block', () => {
    const quick = section(text, 'Quick facts')!;
    const previous = sumWide(whole, inYear(2024), burglaryIn(whole, AREA));
    const current = sumWide(whole, inYear(2025), burglaryIn(whole, AREA));
    const change = current - previous;
    expect(quick[0]).toBe(
      `Between 2024 and 2025 recorded burglary offences in ${AREA} ${change > 0 ? 'rose' : 'fell'} by ${fmt(Math.abs(change))}, from ${fmt(previous)} to ${fmt(current)} (${sign((change / previous) * 100, 1)}%).`,
    );
    expect(quick).toEqual([...f.quickFacts.sentences, `Is it real? ${significance(f.quickFacts)}`]);
    expect(text).not.toMatch(/^Like for like/m);
  });

  it('prints each borough’s change, % change, rate change and RAG from the raw files', () => {
    const table = neighbourTable(text);
    for (const borough of [AREA, ...NEIGHBOURS]) {
      const previous = sumWide(whole, inYear(2024), burglaryIn(whole, borough));
      const current = sumWide(whole, inYear(2025), burglaryIn(whole, borough));
      const [pr, cr] = [rateOf(previous, borough, 2024), rateOf(current, borough, 2025)];
      // The rating as the Assessment's table writes it: "Amber · second quarter".
      const row = f.neighbours!.rows.find((r) => r.name === borough)!;
      const rag = `${row.rag![0]!.toUpperCase()}${row.rag!.slice(1)} · ${['lowest', 'second', 'third', 'highest'][row.quartile! - 1]} quarter`;
      expect(table.get(borough), borough).toEqual([
        fmt(previous),
        fmt(pr, 2),
        fmt(current),
        fmt(cr, 2),
        sign(current - previous),
        `${sign(((current - previous) / previous) * 100, 1)}%`,
        sign(cr - pr, 2),
        rag,
      ]);
    }
    const london = f.neighbours!.london!;
    expect(table.get('London (32 boroughs)')!.slice(4)).toEqual([sign(london.change), `${sign(london.percentChange.value!, 1)}%`, sign(london.rateChange!, 2)]);
  });
});
