// The assessment's Sources name every file whose figures it uses, and no other: the real
// 2022-ward files (the historical extract to Feb 2024, the recent one from Jan 2024) with
// both population tables (borough, and ward on the 2011/2014 wards, which the 2022 wards do
// not match). Harrow burglary 2025 against 2024: the rolling year reaches back to Feb 2023.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFindings } from '../../src/core/analysis/findings/build';
import { findingsSource } from '../../src/core/export/findingsTables';
import { sourceLines } from '../../src/core/export/sources';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir } from '../support/data';
import { monthColumns, readCsv, sumWide, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

const wardPopulations = path.join(dataDir, 'population', 'housing-density-ward.csv');
const HISTORICAL = path.basename(data.mpsWard2022Historical);
const RECENT = path.basename(data.mpsWard2022Recent);

let ws: Workspace;
let historical: RawTable;
let recent: RawTable;
beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [data.mpsWard2022Historical, data.mpsWard2022Recent, data.populationBorough, wardPopulations]);
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
  historical = readCsv(data.mpsWard2022Historical);
  recent = readCsv(data.mpsWard2022Recent);
}, 180_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

const harrow = (t: RawTable, major: string) => (row: string[]) =>
  row[t.col('LookUp_BoroughName')] === 'Harrow' && row[t.col('MajorText')]!.toUpperCase() === major;
const months = (t: RawTable) => monthColumns(t).map(([, m]) => m);
const iso = (m: number) => `${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`;

describe('Sources of Harrow burglary, 2025 against 2024, on 2022 wards', () => {
  let findings: ReturnType<typeof buildFindings>;
  beforeAll(() => {
    findings = buildFindings(ws.db, { dataset: 'mps-ward-ho-2022', area: 'Harrow', category: 'BURGLARY', year: 2025 });
  });

  it('lists the historical file for the months the rolling year takes from it, and the recent file for the rest', () => {
    // Independently: the recent file holds Jan 2024–Dec 2025; the rolling year's first point
    // (the 12 months to Jan 2024) starts in Feb 2023, so Feb–Dec 2023 can only come from the historical file.
    const held = months(recent);
    expect([held[0], held.at(-1)]).toEqual([202401, 202512]);
    const fromHistorical = months(historical).filter((m) => m >= 202302 && !held.includes(m));
    expect([fromHistorical[0], fromHistorical.at(-1), fromHistorical.length]).toEqual([202302, 202312, 11]);
    expect(findings.sources.imports.map(({ file, months }) => ({ file, months }))).toEqual([
      { file: HISTORICAL, months: `${iso(fromHistorical[0]!)} to ${iso(fromHistorical.at(-1)!)}` },
      { file: RECENT, months: `${iso(held[0]!)} to ${iso(held.at(-1)!)}` },
    ]);
    // And those months really are counted: the first rolling total adds Feb–Dec 2023 (historical) to Jan 2024 (recent).
    const first = sumWide(historical, (m) => fromHistorical.includes(m), harrow(historical, 'BURGLARY')) + sumWide(recent, (m) => m === 202401, harrow(recent, 'BURGLARY'));
    expect(findings.rollingYear.points[0]).toMatchObject({ month: '2024-01', total: first });
  });

  it('lists only the borough population file, as no 2022 ward has a population in the ward file', () => {
    const pop = readCsv(wardPopulations);
    const popCodes = new Set(pop.rows.map((r) => r[pop.col('Code')]));
    const harrowWards = new Set(recent.rows.filter(harrow(recent, 'BURGLARY')).map((r) => r[recent.col('WardCode')]));
    expect(harrowWards.size).toBe(22);
    expect([...harrowWards].filter((c) => popCodes.has(c))).toEqual([]);
    expect(findings.wards!.rows.every((w) => w.currentRate === null)).toBe(true);
    expect(findings.quickFacts.currentRate).not.toBeNull();
    expect(findings.sources.populations).toBe('housing-density-borough.csv (borough populations, 2024 and 2025: GLA Population Projections)');
    expect(findings.sources.populationFiles).toEqual(['housing-density-borough.csv']);
  });

  it('gives the pack the same files', () => {
    const source = findingsSource(ws.db, findings);
    expect(source.imports.map((i) => i.file)).toEqual([HISTORICAL, RECENT]);
    expect(source.populations?.files).toEqual(['housing-density-borough.csv']);
    const line = sourceLines(source, [], []).find((l) => l.startsWith('Rates are'));
    expect(line).toBe('Rates are per 1,000 residents, using each period’s own population (the 2024 and 2025 projections) from housing-density-borough.csv.');
  });
});

describe('a fall in the rate, in words', () => {
  it('writes the nearest-neighbour rate change with the printed minus sign', () => {
    // Independently: a major category whose Harrow count fell from 2024 to 2025 (the borough's
    // population grew, so its rate fell too).
    const majors = [...new Set(recent.rows.map((r) => r[recent.col('MajorText')]!))].sort();
    const year = (y: number, major: string) => sumWide(recent, (m) => Math.floor(m / 100) === y, harrow(recent, major));
    const fell = majors.find((m) => year(2025, m) < year(2024, m) - 20)!;
    expect(fell).toBeDefined();
    const f = buildFindings(ws.db, { dataset: 'mps-ward-ho-2022', area: 'Harrow', category: fell, year: 2025 });
    const change = f.quickFacts.rateChange!;
    expect(change).toBeLessThan(0);
    const text = `−${Math.abs(change).toFixed(2)}`;
    expect(f.neighbours!.sentences[0]).toContain(`Harrow’s rate change of ${text} per 1,000`);
    expect(f.quickFacts.sentences.join(' ')).toContain(`a rate change of ${text}.`);
    for (const s of [...f.quickFacts.sentences, ...f.neighbours!.sentences, ...(f.wards?.sentences ?? [])]) expect(s, s).not.toMatch(/-\d/);
  });
});
