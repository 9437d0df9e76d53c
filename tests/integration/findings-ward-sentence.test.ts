// The wards block's sentence on which wards changed by more than chance (review 4, item 3),
// and the advice when the dataset is by borough while ward figures are held (item 4).
// Every ward's counts come from the raw 2022-ward CSV, and which changes are significant is
// worked out here with the test the app documents (src/core/analysis/changeTest.ts: R's
// poisson.test on two counts of equal periods, i.e. binom.test(previous, n, 0.5), two-sided,
// significant when p < 0.05), written independently of the app's code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFindings } from '../../src/core/analysis/findings/build';
import { escapeHtml } from '../../src/core/export/html/escape';
import { exportPack } from '../../src/core/export/pack';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import type { Findings } from '../../src/shared/findings';
import { noWardsAdvice } from '../../src/renderer/views/assessment/wardAdvice';
import { data } from '../support/data';
import { inYear, monthColumns, readCsv, sumWide, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

let ws: Workspace;
let raw: RawTable;

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [
    data.mpsWard2022Historical,
    data.mpsBoroughHistoric,
    data.mpsBoroughRecent,
  ]);
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
  raw = readCsv(data.mpsWard2022Historical);
}, 240_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

/** Two-sided exact binomial p-value, R's binom.test(x, n, 0.5): outcomes no likelier than x. */
function pValue(x: number, n: number): number {
  if (n === 0) return 1;
  const logFactorial = [0];
  for (let i = 1; i <= n; i++) logFactorial.push(logFactorial[i - 1]! + Math.log(i));
  const pmf = (k: number) =>
    Math.exp(logFactorial[n]! - logFactorial[k]! - logFactorial[n - k]! - n * Math.LN2);
  const observed = pmf(x) * (1 + 1e-7);
  let p = 0;
  for (let k = 0; k <= n; k++) if (pmf(k) <= observed) p += pmf(k);
  return Math.min(1, p);
}

interface RawWard {
  name: string;
  previous: number;
  current: number;
  p: number;
  verdict: 'rise' | 'fall' | null;
}

/** A borough's wards for a category in two years, from the raw file, with the test's verdict. */
function rawWards(
  borough: string,
  column: 'majortext' | 'minortext',
  category: string,
  year: number,
): RawWard[] {
  const inBorough = (r: string[]) => r[raw.col('lookup_boroughname')] === borough;
  const names = [...new Set(raw.rows.filter(inBorough).map((r) => r[raw.col('wardname')]!))];
  return names.map((name) => {
    const where = (r: string[]) =>
      inBorough(r) && r[raw.col('wardname')] === name && r[raw.col(column)]!.toLowerCase() === category;
    const previous = sumWide(raw, inYear(year - 1), where);
    const current = sumWide(raw, inYear(year), where);
    const p = pValue(previous, previous + current);
    const verdict = p < 0.05 && current !== previous ? (current > previous ? 'rise' : 'fall') : null;
    return { name, previous, current, p, verdict };
  });
}

const signedCount = (n: number) =>
  n > 0 ? `+${n.toLocaleString('en-GB')}` : `\u2212${Math.abs(n).toLocaleString('en-GB')}`;
const named = (w: RawWard) => `${w.name} (${signedCount(w.current - w.previous)})`;
const andList = (items: string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
const chanceSentence = (f: Findings) => f.wards!.sentences.find((s) => s.includes('more than chance'))!;

describe('Harrow burglary 2023: the wards that changed by more than chance', () => {
  let findings: Findings;
  let wards: RawWard[];
  beforeAll(() => {
    findings = buildFindings(ws.db, { area: 'Harrow', category: 'Burglary', year: 2023 });
    wards = rawWards('Harrow', 'majortext', 'burglary', 2023);
  });

  it('names every significant ward, and only those, with its change', () => {
    const significant = wards.filter((w) => w.verdict);
    // The reviewer's case: Belmont (p ≈ 0.0015) and others were left out after five names.
    expect(significant.length).toBeGreaterThan(5);
    expect(significant.map((w) => w.name)).toEqual(
      expect.arrayContaining(['Belmont', 'North Harrow', 'Pinner', 'Kenton East']),
    );
    expect(wards.find((w) => w.name === 'Belmont')!.p).toBeCloseTo(0.0015, 4);
    const sentence = chanceSentence(findings);
    expect(
      sentence.startsWith(
        `${significant.length} wards changed by more than chance alone would explain: rises in `,
      ),
    ).toBe(true);
    for (const w of significant) expect(sentence).toContain(named(w));
    for (const w of wards.filter((x) => !x.verdict)) expect(sentence).not.toContain(`${w.name} (`);
    // Rises before the semicolon, falls after it.
    const [rises, falls] = sentence.split('; ');
    for (const w of significant) expect(w.verdict === 'rise' ? rises : falls).toContain(named(w));
  });

  it('says "the other" only of the wards whose change is within chance, and counts them', () => {
    const others = wards.filter((w) => !w.verdict).length;
    expect(others + wards.filter((w) => w.verdict).length).toBe(findings.wards!.rows.length);
    expect(findings.wards!.sentences).toContain(
      `The other ${others} wards’ changes are within normal year-to-year variation.`,
    );
    expect(findings.wards!.sentences.join(' ')).not.toContain('the rest');
  });

  it('carries the same sentences into the pack’s HTML report', async () => {
    const folder = path.join(tempDir(), 'pack');
    const r = await exportPack(ws.db, { area: 'Harrow', year: 2023, categories: ['Burglary'], folder });
    const html = readFileSync(r.files.find((f) => f.kind === 'html')!.path, 'utf8');
    for (const s of findings.wards!.sentences.slice(-2)) expect(html).toContain(`<p>${escapeHtml(s)}</p>`);
    const sentence = html.split('<p>').find((t) => t.includes('more than chance alone would explain:'))!;
    for (const w of wards.filter((x) => x.verdict)) expect(sentence).toContain(escapeHtml(named(w)));
  }, 120_000);
});

describe('Barnet theft 2022: more significant rises than the sentence names', () => {
  let findings: Findings;
  let wards: RawWard[];
  beforeAll(() => {
    findings = buildFindings(ws.db, { area: 'Barnet', category: 'Theft', year: 2022 });
    wards = rawWards('Barnet', 'majortext', 'theft', 2022);
  });

  it('names the eight biggest rises and counts the rest of them, names every fall, and counts the wards within chance', () => {
    const biggestFirst = (a: RawWard, b: RawWard) =>
      Math.abs(b.current - b.previous) - Math.abs(a.current - a.previous) ||
      a.name.localeCompare(b.name, 'en-GB');
    const rises = wards.filter((w) => w.verdict === 'rise').sort(biggestFirst);
    const falls = wards.filter((w) => w.verdict === 'fall').sort(biggestFirst);
    expect(rises.length).toBeGreaterThan(8);
    expect(falls.length).toBeGreaterThan(0);
    const others = wards.filter((w) => !w.verdict).length;
    const fallWords =
      falls.length === 1 ? `a fall in ${named(falls[0]!)}` : `falls in ${andList(falls.map(named))}`;
    expect(findings.wards!.sentences.slice(-2)).toEqual([
      `${rises.length + falls.length} wards changed by more than chance alone would explain: rises in ${rises.slice(0, 8).map(named).join(', ')} and ${rises.length - 8} more; ${fallWords}.`,
      `The other ${others} wards’ changes are within normal year-to-year variation.`,
    ]);
  });
});

describe('the caveat on wards with small counts', () => {
  it('says the % change is withheld only for the wards whose earlier count was under 10', () => {
    const findings = buildFindings(ws.db, { area: 'Harrow', category: 'Robbery', year: 2022 });
    const wards = rawWards('Harrow', 'majortext', 'robbery', 2022);
    const small = wards.filter((w) => Math.min(w.previous, w.current) < 10);
    const withheld = small.filter((w) => w.previous < 10);
    expect(withheld.length).toBeGreaterThan(0);
    expect(small.length).toBeGreaterThan(withheld.length); // falls to under 10 keep their % change
    expect(findings.caveats).toContain(
      `${small.length} of ${wards.length} wards had fewer than 10 recorded robbery offences in one of the years: small counts swing widely, so the % change is withheld for the ${withheld.length} whose earlier count was under 10.`,
    );
    const given = findings.wards!.rows.filter(
      (w) => w.flags.includes('small') && w.percentChange.value !== null,
    );
    expect(given.length).toBe(small.length - withheld.length);
  });
});

describe('a borough dataset chosen while ward figures for the year are held', () => {
  const label = (m: number) =>
    `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][(m % 100) - 1]} ${Math.floor(m / 100)}`;
  const wardDataset = () =>
    ws.db.prepare("SELECT key, name FROM datasets WHERE area_level = 'ward'").get() as {
      key: string;
      name: string;
    };

  it('tells the analyst to switch the Dataset to the ward file, by name, not to import it', () => {
    const f = buildFindings(ws.db, {
      dataset: 'mps-borough-old',
      area: 'Harrow',
      category: 'Burglary',
      year: 2017,
    });
    const months = monthColumns(raw).map(([, m]) => m);
    const held = { ...wardDataset(), from: label(months[0]!), to: label(months.at(-1)!), sameCategory: true };
    expect([held.from, held.to]).toEqual(['Apr 2010', 'Feb 2024']);
    expect(f.wards).toBeNull();
    expect(f.wardDatasets).toEqual([held]);
    expect(noWardsAdvice(f, 'To rank Harrow’s wards')).toBe(
      `To rank Harrow’s wards, switch the Dataset to “${held.name}”, which holds ward figures from Apr 2010 to Feb 2024.`,
    );
    expect(noWardsAdvice(f, 'To map Harrow’s wards', 'its ward boundaries')).not.toMatch(/import/i);
  });

  it('says to choose the matching crime type when the ward file names it differently', () => {
    const f = buildFindings(ws.db, {
      dataset: 'mps-borough-old',
      area: 'Harrow',
      category: 'Theft and Handling',
      year: 2017,
    });
    expect(raw.rows.some((r) => r[raw.col('majortext')]!.toLowerCase() === 'theft and handling')).toBe(false);
    expect(f.wardDatasets?.map((d) => [d.key, d.sameCategory])).toEqual([[wardDataset().key, false]]);
    expect(noWardsAdvice(f, 'To rank Harrow’s wards')).toContain(
      'choose the crime type matching Theft and Handling',
    );
  });

  it('advises an import only when no ward figures for the year are held', () => {
    const f = buildFindings(ws.db, {
      dataset: 'mps-borough-old',
      area: 'Harrow',
      category: 'Burglary',
      year: 2009,
    });
    expect(monthColumns(raw).some(([, m]) => inYear(2009)(m))).toBe(false);
    expect(f.wardDatasets).toEqual([]);
    expect(noWardsAdvice(f, 'To map Harrow’s wards', 'its ward boundaries')).toBe(
      'To map Harrow’s wards, import the MPS ward-level file covering 2008 and 2009, and its ward boundaries.',
    );
  });
});
