// Breaks in a series within the years compared, on the real MPS ward file: the MPS renamed
// "Domestic Burglary" in Apr–May 2023, and from May 2023 filed Heathrow Villages' crimes under
// "Aviation Security (SO18)". Neither change is a change in crime, so the findings (app, CLI
// text, export tables) must not call it a real one, and must say what happened. Every figure
// expected here is added up from the raw CSV by this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingsText } from '../../src/cli/factsCommand';
import { buildFindings } from '../../src/core/analysis/findings/build';
import { qualityReport } from '../../src/core/analysis/trust/quality';
import { findingsSource, quickFactsTable } from '../../src/core/export/findingsTables';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { significanceText } from '../../src/shared/comparisonWords';
import type { Findings } from '../../src/shared/findings';
import { data } from '../support/data';
import { inYear, readCsv, sumByMonth, sumWide, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

let ws: Workspace;
let raw: RawTable;
const fmt = (n: number) => n.toLocaleString('en-GB');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const label = (m: number) => `${MONTHS[(m % 100) - 1]} ${Math.floor(m / 100)}`;

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [data.mpsWard2022Historical, data.populationBorough]);
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
  raw = readCsv(data.mpsWard2022Historical);
}, 180_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

const is = (column: string, value: string) => (row: string[]) => row[raw.col(column)] === value;
const all = (...tests: ((row: string[]) => boolean)[]) => (row: string[]) => tests.every((t) => t(row));
/** Monthly sums of the rows `where` accepts (the rows picked once: the file has 167 month columns). */
const monthly = (where: (row: string[]) => boolean) => sumByMonth({ ...raw, rows: raw.rows.filter(where) });
const rowText = (t: ReturnType<typeof quickFactsTable>, r: number) => t.body[r]!.cells.map((c) => (c.kind === 'text' ? c.text : '')).join(' | ');

describe('a category renamed within the years: Harrow, Domestic Burglary, 2023 against 2022', () => {
  const oldName = is('minortext', 'DOMESTIC BURGLARY');
  const newName = is('minortext', 'RES BURGLARY OF A HOME');
  const harrow = is('lookup_boroughname', 'Harrow');
  let f: Findings;
  beforeAll(() => {
    f = buildFindings(ws.db, { area: 'Harrow', category: 'Domestic Burglary', year: 2023 });
  });

  it('the raw file shows the rename in Harrow: the old name to nothing from May 2023, the new one from Apr 2023', () => {
    const before = monthly(all(harrow, oldName));
    const after = monthly(all(harrow, newName));
    expect([202305, 202306, 202307, 202308, 202312].map((m) => before.get(m))).toEqual([2, 1, 0, 0, 0]);
    expect(before.get(202304)! > 50 && after.get(202303) === 0 && after.get(202305)! > 50).toBe(true);
  });

  it('keeps the counts from the raw file but gives no verdict, and says the recording changed with its months', () => {
    const q = f.quickFacts;
    expect([q.previous, q.current]).toEqual([sumWide(raw, inYear(2022), all(harrow, oldName)), sumWide(raw, inYear(2023), all(harrow, oldName))]);
    expect(q.test).toBeNull();
    expect(q.flags).not.toContain('not-significant');
    expect(q.seriesBreak).toBe('the recording of Domestic Burglary changed in Apr–May 2023');
    expect(significanceText(q)).toBe('Not tested: the recording of Domestic Burglary changed in Apr–May 2023, so the years are not like for like.');
    expect(q.sentences.join(' ')).not.toMatch(/statistically significant|more than chance/);
    expect(q.sentences.at(-1)).toBe('The recording of Domestic Burglary changed in Apr–May 2023, so 2022 and 2023 are not like for like: whether the change is real is not tested.');
  });

  it('names the break first among the caveats, with London’s figures either side from the raw file', () => {
    const london = monthly(oldName);
    const fresh = monthly(newName);
    // The new name is under a tenth of its later level before Apr 2023, and not after: it started in Apr 2023.
    expect(fresh.get(202303)! * 10 < fresh.get(202304)! && fresh.get(202304)! * 10 > fresh.get(202305)!).toBe(true);
    expect(f.caveats[0]).toBe(
      `The recording of Domestic Burglary changed in Apr–May 2023: across London it fell from ${fmt(london.get(202304)!)} in Apr 2023 to ${fmt(london.get(202305)!)} in May 2023, ` +
        'as Res Burglary of a Home and Res Burglary of Unconnected Building started (Apr 2023). Figures either side of the change count different things, so 2022 and 2023 are not like for like: ' +
        'no verdict on whether the change is real, no ward rises and falls and no RAG ratings are given. Burglary as a whole has no such break, and can be compared.',
    );
  });

  it('gives no ward rises and falls and no RAG rating, and says why', () => {
    expect(f.wards!.rises).toEqual([]);
    expect(f.wards!.falls).toEqual([]);
    expect(f.wards!.rows.every((w) => w.test === null)).toBe(true);
    expect(f.wards!.sentences.at(-1)).toBe('The recording of Domestic Burglary changed in Apr–May 2023, so the wards’ rises and falls between 2022 and 2023 are not given.');
    expect(f.neighbours!.rows.map((r) => r.rag)).toEqual([null]);
    expect(f.neighbours!.sentences).toEqual(['No RAG ratings are given: the recording of Domestic Burglary changed in Apr–May 2023, so the boroughs’ rate changes are not like for like.']);
  });

  it('carries the same words into the CLI text and the exported quick facts', () => {
    const text = findingsText(f);
    expect(text).toContain('Is it real? Not tested: the recording of Domestic Burglary changed in Apr–May 2023');
    expect(text).not.toContain('A real fall');
    const table = quickFactsTable(f, findingsSource(ws.db, f));
    expect(rowText(table, 0)).toContain('Not tested: the recording of Domestic Burglary changed in Apr–May 2023');
  });

  it('still tests Burglary as a whole, whose series does not break', () => {
    const whole = buildFindings(ws.db, { area: 'Harrow', category: 'Burglary', year: 2023 });
    const burglary = all(harrow, is('majortext', 'BURGLARY'));
    expect([whole.quickFacts.previous, whole.quickFacts.current]).toEqual([sumWide(raw, inYear(2022), burglary), sumWide(raw, inYear(2023), burglary)]);
    expect(whole.quickFacts.test).not.toBeNull();
    expect(whole.quickFacts.seriesBreak).toBeUndefined();
    expect(whole.caveats.join(' ')).not.toContain('recording of');
  });

  it('leaves years on one side of the change alone (2022 against 2021)', () => {
    const earlier = buildFindings(ws.db, { area: 'Harrow', category: 'Domestic Burglary', year: 2022 });
    expect(earlier.quickFacts.test).not.toBeNull();
    expect(earlier.caveats.join(' ')).not.toContain('recording of');
  });
});

describe('a ward’s crimes filed under another police area: Hillingdon, Theft, 2023 against 2022', () => {
  const hillingdon = is('lookup_boroughname', 'Hillingdon');
  const so18 = is('lookup_boroughname', 'Aviation Security (SO18)');
  const heathrow = is('wardname', 'Heathrow Villages');
  const theft = is('majortext', 'THEFT');
  let f: Findings;
  let leftOut: number;
  beforeAll(() => {
    f = buildFindings(ws.db, { area: 'Hillingdon', category: 'Theft', year: 2023 });
    leftOut = sumWide(raw, inYear(2023), all(so18, heathrow, theft));
  });

  it('the raw file shows the move: Heathrow Villages under Hillingdon is nothing from May 2023, under SO18 it starts', () => {
    const underHillingdon = monthly(all(hillingdon, heathrow));
    const underSo18 = monthly(all(so18, heathrow));
    expect([...underHillingdon].filter(([m, n]) => m >= 202305 && n > 0)).toEqual([]);
    expect(underHillingdon.get(202304)).toBeGreaterThan(100);
    expect([...underSo18].filter(([m, n]) => m >= 202201 && m < 202304 && n > 0)).toEqual([]);
    expect(leftOut).toBe(943);
  });

  it('reports the move in the quality check, and no longer claims the same areas throughout', () => {
    const report = qualityReport(ws.db, 'mps-ward-ho-2022');
    const moves = report.findings.find((x) => x.check === 'area-moves')!;
    const lastMonth = Math.max(...[...monthly(all(hillingdon, heathrow))].filter(([, n]) => n > 0).map(([m]) => m));
    const may = monthly(all(so18, heathrow)).get(202305)!;
    expect(moves.severity).toBe('warning');
    expect(moves.items).toEqual([{ area: 'Heathrow Villages', borough: 'Hillingdon', lastMonth: '2023-04', noneFrom: '2023-05', movedTo: 'Aviation Security (SO18)' }]);
    expect(lastMonth).toBe(202304);
    expect(moves.detail).toBe(
      `From May 2023 Heathrow Villages’ crimes are recorded under Aviation Security (SO18), not Hillingdon (${fmt(monthly(all(hillingdon, heathrow)).get(lastMonth)!)} under Hillingdon in ${label(lastMonth)}, none in May 2023; ${fmt(may)} under Aviation Security (SO18) in May 2023)`,
    );
    const areas = report.findings.find((x) => x.check === 'areas-appear-disappear')!;
    expect(areas.title).not.toBe('The same areas throughout');
  });

  it('keeps Hillingdon’s counts from the raw file, withholds the verdict and says what the figures leave out', () => {
    const q = f.quickFacts;
    const previous = sumWide(raw, inYear(2022), all(hillingdon, theft));
    const current = sumWide(raw, inYear(2023), all(hillingdon, theft));
    expect([q.previous, q.current]).toEqual([previous, current]);
    expect(q.test).toBeNull();
    expect(significanceText(q)).toBe('Not tested: from May 2023 Heathrow Villages’ crimes are recorded under Aviation Security (SO18), not Hillingdon, so the years are not like for like.');
    expect(q.sentences).toContain(
      `From May 2023 Heathrow Villages’ crimes are recorded under Aviation Security (SO18), not Hillingdon: Hillingdon’s 2023 figures leave out ${fmt(leftOut)} recorded theft offences in Heathrow Villages filed under Aviation Security (SO18). The two years are therefore not like for like, and whether the change is real is not tested.`,
    );
    const withThem = ((current + leftOut - previous) / previous) * 100;
    expect(f.caveats[0]).toContain(`Counted with them, Hillingdon would have ${fmt(previous)} in 2022 and ${fmt(current + leftOut)} in 2023 (+${withThem.toFixed(1)}%).`);
  });

  it('takes Heathrow Villages out of the wards’ falls and does not call its fall significant', () => {
    const w = f.wards!;
    const change = sumWide(raw, inYear(2023), all(hillingdon, heathrow, theft)) - sumWide(raw, inYear(2022), all(hillingdon, heathrow, theft));
    expect(w.rows.find((r) => r.name === 'Heathrow Villages')!.change).toBe(change);
    expect(w.falls.map((r) => r.name)).not.toContain('Heathrow Villages');
    expect(w.sentences.filter((s) => s.includes('Heathrow Villages'))).toEqual([
      expect.stringMatching(/^The wards with the most/),
      `Heathrow Villages’ fall (−${fmt(-change)}) is not a real one, and is left out of the rises and falls: from May 2023 its crimes are recorded under Aviation Security (SO18) (${fmt(leftOut)} recorded theft offences in 2023).`,
    ]);
  });

  it('gives Hillingdon no RAG rating and withholds London’s verdict, whose 32 boroughs lose the same crimes', () => {
    expect(f.neighbours!.rows[0]!.rag).toBeNull();
    expect(f.neighbours!.sentences[0]).toMatch(/^No RAG rating is given for Hillingdon: from May 2023 Heathrow Villages’ crimes/);
    expect(f.neighbours!.london!.test).toBeNull();
    const text = findingsText(f);
    expect(text).not.toMatch(/A real fall|RAG green|Green · /);
    expect(rowText(quickFactsTable(f, findingsSource(ws.db, f)), 0)).toContain('Not tested: from May 2023 Heathrow Villages’ crimes');
  });

  it('leaves comparisons before the move alone (2022 against 2021)', () => {
    const earlier = buildFindings(ws.db, { area: 'Hillingdon', category: 'Theft', year: 2022 });
    expect(earlier.quickFacts.test).not.toBeNull();
    expect(earlier.caveats.join(' ')).not.toContain('Aviation Security (SO18), not');
  });
});
