// The Assessment on the 2018-ward MPS file (Sep 2020–Aug 2022): 2021 is its only whole year,
// and 2020 holds Sep–Dec only. The whole years must not be set against each other as a rise
// or fall; the same months of both years (Sep–Dec 2020 and Sep–Dec 2021) are compared instead.
// Every figure is added up here from the raw CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFindings } from '../../src/core/analysis/findings/build';
import type { Findings } from '../../src/shared/findings';
import { importFiles } from '../../src/core/importers/importFiles';
import { workspaceInfo } from '../../src/core/store/info';
import type { Workspace } from '../../src/core/store/workspace';
import { defaultYear, yearsOf } from '../../src/renderer/views/assessment/choices';
import { quickFactsTable } from '../../src/core/export/findingsTables';
import type { ReportSource } from '../../src/shared/export';
import { data } from '../support/data';
import { inYear, readCsv, sumWide, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

let ws: Workspace;
let raw: RawTable;
let findings: Findings;

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [data.mpsWard2018]);
  expect(results.every((r) => r.status === 'imported')).toBe(true);
  raw = readCsv(data.mpsWard2018);
  findings = buildFindings(ws.db, { area: 'Barking and Dagenham', category: 'Burglary', year: 2021 });
}, 120_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

const burglaryIn = (borough: string) => (row: string[]) =>
  row[raw.col('LookUp_BoroughName')] === borough && row[raw.col('MajorText')] === 'Burglary';
const months = (from: number, to: number) => (m: number) => m >= from && m <= to;
const fmt = (n: number) => n.toLocaleString('en-GB');

describe('Barking and Dagenham burglary, 2021 against a 2020 of Sep–Dec only', () => {
  it('holds the raw whole-year counts but says no rise or fall between them', () => {
    const previous = sumWide(raw, inYear(2020), burglaryIn('Barking and Dagenham'));
    const current = sumWide(raw, inYear(2021), burglaryIn('Barking and Dagenham'));
    expect(previous).toBeGreaterThan(0);
    const q = findings.quickFacts;
    expect([q.previous, q.current]).toEqual([previous, current]);
    expect(q.flags).toContain('incomplete');
    expect(q.percentChange.value).toBeNull();
    expect(q.test).toBeNull();
    expect(q.rateChange).toBeNull();
    const text = q.sentences.join(' ');
    expect(text).not.toMatch(/\b(rose|fell|rise|fall)\b/);
    expect(text).not.toMatch(/rate change/);
    expect(findings.heldMonths).toEqual({ previous: 'only Sep–Dec', current: null });
    expect(q.sentences[0]).toBe('The data holds only Sep–Dec of 2020, so 2020 and 2021 are not compared as whole years.');
    expect(q.sentences[1]).toBe(`The data holds ${fmt(previous)} recorded burglary offences in Barking and Dagenham for 2020 and ${fmt(current)} for 2021.`);
  });

  it('compares Sep–Dec 2020 with Sep–Dec 2021, labelled, from the raw file', () => {
    const previous = sumWide(raw, months(202009, 202012), burglaryIn('Barking and Dagenham'));
    const current = sumWide(raw, months(202109, 202112), burglaryIn('Barking and Dagenham'));
    const l = findings.likeForLike!;
    expect([l.previous, l.current]).toEqual(['Sep–Dec 2020', 'Sep–Dec 2021']);
    expect([l.figures.previous, l.figures.current]).toEqual([previous, current]);
    expect(l.figures.flags).not.toContain('incomplete');
    expect(l.figures.percentChange.value).toBeCloseTo(((current - previous) / previous) * 100, 10);
    expect(l.figures.test).not.toBeNull();
    const change = current - previous;
    const way = change > 0 ? 'rose' : 'fell';
    const sign = change > 0 ? '+' : '−';
    const pct = Math.abs(((current - previous) / previous) * 100).toFixed(1);
    expect(l.sentences[0]).toBe(
      `Like for like, between Sep–Dec 2020 and Sep–Dec 2021 recorded burglary offences in Barking and Dagenham ${way} by ${fmt(Math.abs(change))}, from ${fmt(previous)} to ${fmt(current)} (${sign}${pct}%).`,
    );
    expect(findings.caveats.join(' ')).toContain('compare Sep–Dec 2020 with Sep–Dec 2021');
  });

  it('leaves the whole-year change blank in the quick-facts table and adds the like-for-like row', () => {
    const t = quickFactsTable(findings, {} as ReportSource);
    const values = t.body.map((r) => r.cells.map((c) => (c.kind === 'text' ? c.text : c.value)));
    const sepDec = (y: number) => sumWide(raw, months(y * 100 + 9, y * 100 + 12), burglaryIn('Barking and Dagenham'));
    expect(values[0]!.slice(0, 5)).toEqual(['Barking and Dagenham', findings.quickFacts.previous, findings.quickFacts.current, null, null]);
    expect(values[1]!.slice(0, 4)).toEqual(['Barking and Dagenham, Sep–Dec 2020 and Sep–Dec 2021', sepDec(2020), sepDec(2021), sepDec(2021) - sepDec(2020)]);
  });

  it('gives no ward rises or falls and no RAG between a part year and a whole one', () => {
    const w = findings.wards!;
    expect(w.rises).toEqual([]);
    expect(w.falls).toEqual([]);
    expect(w.rows.every((r) => r.rateChange === null)).toBe(true);
    expect(w.sentences.join(' ')).toContain('The data holds only Sep–Dec of 2020, so the wards’ rises and falls between 2020 and 2021 are not given.');
    expect(findings.neighbours!.rows.every((r) => r.rag === null && r.rateChange === null)).toBe(true);
  });

  it('compares nothing when the years share no month', () => {
    // 2019 is not in the file at all: no like-for-like window, no change sentence.
    const f = buildFindings(ws.db, { area: 'Barking and Dagenham', category: 'Burglary', year: 2021, compare: 2019 });
    expect(f.likeForLike).toBeNull();
    expect(f.quickFacts.sentences.join(' ')).not.toMatch(/\b(rose|fell)\b/);
    expect(f.caveats.join(' ')).toContain('share no month');
  });

  it('names a financial year’s part in full, since it spans two calendar years', () => {
    const f = buildFindings(ws.db, { area: 'Barking and Dagenham', category: 'Burglary', year: 2021, yearKind: 'financial' });
    const previous = sumWide(raw, months(202009, 202103), burglaryIn('Barking and Dagenham'));
    const current = sumWide(raw, months(202109, 202203), burglaryIn('Barking and Dagenham'));
    expect(f.quickFacts.sentences[0]).toBe('The data holds only Sep 2020–Mar 2021 of 2020/21, so 2020/21 and 2021/22 are not compared as whole years.');
    expect([f.likeForLike!.previous, f.likeForLike!.current]).toEqual(['Sep 2020–Mar 2021', 'Sep 2021–Mar 2022']);
    expect([f.likeForLike!.figures.previous, f.likeForLike!.figures.current]).toEqual([previous, current]);
  });

  it('offers 2021 as the only whole year, with its caveat, and a year with a whole year before it when there is one', () => {
    const d = workspaceInfo(ws).datasets.find((x) => x.kind === 'counts')!;
    expect(yearsOf(d)).toEqual([2021]);
    expect(defaultYear(d)).toBe(2021);
    // Financial 2021/22 (Apr 2021–Mar 2022) is whole; 2020/21 holds Sep–Mar only.
    expect(yearsOf(d, 'financial')).toEqual([2021]);
    expect(defaultYear(d, 'financial')).toBe(2021);
    // Had the file started in Jan 2020, 2021 would have a whole year before it; from Jan 2019, 2021 still.
    const from2019 = { ...d, months: { ...d.months, first: '2019-01' } };
    expect(yearsOf(from2019)).toEqual([2021, 2020]);
    expect(defaultYear(from2019)).toBe(2021);
    const from2020 = { ...d, months: { ...d.months, first: '2020-01' } };
    expect(defaultYear(from2020)).toBe(2021);
    expect(buildFindings(ws.db, { area: 'Barking and Dagenham', category: 'Burglary', year: defaultYear(d) }).caveats[0]).toContain('whole years are not compared');
  });
});
