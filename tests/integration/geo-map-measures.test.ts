// Ward maps of rates and changes on real files: the 2022-ward MPS counts with the GLA ward
// populations, which are for the 2011/2014 wards. A rate map must say once, in plain words,
// which ward set's populations it needs and which it has, rather than a note per ward by code;
// a change map's classes must read from zero (no class holds both a fall and a rise), with the
// changes as the raw file gives them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/handlers';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir } from '../support/data';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

afterAll(cleanupTempDirs);

const B = path.join(dataDir, 'boundaries');
const POPULATION = path.join(dataDir, 'population', 'housing-density-ward.csv');
let ws: Workspace;

function rows(file: string): Record<string, string>[] {
  const wb = XLSX.read(readFileSync(file), { type: 'buffer', raw: true });
  return XLSX.utils.sheet_to_json<Record<string, string>>(wb.Sheets[wb.SheetNames[0]!]!, { defval: '', raw: false });
}

/** Harrow's crimes in a year by ward code (of one major category, or all), from the raw file. */
function harrowCrimes(year: number, major?: string): Map<string, number> {
  const crimes = new Map<string, number>();
  for (const r of rows(data.mpsWard2022Recent)) {
    if (r.LookUp_BoroughName !== 'Harrow' || (major && r.MajorText !== major)) continue;
    const total = Object.keys(r).filter((k) => new RegExp(`^${year}\\d\\d$`).test(k)).reduce((s, k) => s + Number(r[k]), 0);
    crimes.set(r.WardCode!, (crimes.get(r.WardCode!) ?? 0) + total);
  }
  return crimes;
}

/** Harrow's 2025 crimes by ward code, and the ward codes the population file covers, from the raw files. */
function raw() {
  const crimes = harrowCrimes(2025);
  const populated = new Set(rows(POPULATION).map((r) => r.Code!));
  return { crimes, populated };
}

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await dispatch({ workspace: ws }, 'import/files', {
    paths: [data.mpsWard2022Recent, path.join(B, 'london_wards_2022_merged.geojson'), POPULATION],
  });
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
}, 120_000);

describe('a ward rate map without populations for its wards', () => {
  const spec = {
    dataset: 'mps-ward-ho-2022',
    rows: ['ward' as const],
    columns: [],
    filters: { borough: ['Harrow'] },
    months: { from: '2025-01', to: '2025-12' },
  };

  it('says once which ward set’s populations it needs and which are held, naming no ward by code', async () => {
    const { crimes, populated } = raw();
    expect(crimes.size).toBe(22);
    // The premise, from the raw files: not one of Harrow's 2022 wards has a population.
    expect([...crimes.keys()].filter((c) => populated.has(c))).toEqual([]);
    const r = await dispatch({ workspace: ws }, 'map/choropleth', { pivot: { ...spec, measure: 'rate' } });
    const aboutPopulation = r.notes.filter((n) => /population/i.test(n));
    expect(aboutPopulation).toHaveLength(1);
    const note = aboutPopulation[0]!;
    expect(note).toContain('Rates need ward populations for the 2022 wards');
    expect(note).toContain(`the ward populations held (${populated.size.toLocaleString('en-GB')} wards) are for the 2014`);
    for (const code of crimes.keys()) expect(r.notes.join(' ')).not.toContain(code);
    // Nothing shaded, nothing classed; the crimes behind each blank rate are still the file's.
    expect(r.legend.classes).toEqual([]);
    for (const f of r.features.features) {
      expect(f.properties.value).toBeNull();
      expect(f.properties.count).toBe(crimes.get(f.properties.code));
    }
  });

  it('says the same of a change in rate, and nothing of the kind for counts', async () => {
    const change = await dispatch({ workspace: ws }, 'map/choropleth', { pivot: { ...spec, measure: 'rate-change' } });
    expect(change.notes.filter((n) => /population/i.test(n))).toEqual([expect.stringContaining('for the 2022 wards')]);
    const counts = await dispatch({ workspace: ws }, 'map/choropleth', { pivot: { ...spec, measure: 'count' } });
    expect(counts.notes.filter((n) => /population/i.test(n))).toEqual([]);
    expect(counts.legend.classes.length).toBe(5);
  });
});

describe('a ward change map', () => {
  it('classes falls and rises apart, no change in a class of its own, as the raw file gives the changes', async () => {
    const now = harrowCrimes(2025, 'BURGLARY');
    const before = harrowCrimes(2024, 'BURGLARY');
    const changes = new Map([...now].map(([code, n]) => [code, n - (before.get(code) ?? 0)]));
    // The premise: Harrow's wards saw burglary both fall and rise.
    expect([...changes.values()].some((v) => v < 0) && [...changes.values()].some((v) => v > 0)).toBe(true);
    const r = await dispatch({ workspace: ws }, 'map/choropleth', {
      pivot: {
        dataset: 'mps-ward-ho-2022',
        rows: ['ward'],
        columns: [],
        measure: 'change',
        filters: { borough: ['Harrow'], major: ['BURGLARY'] },
        months: { from: '2025-01', to: '2025-12' },
      },
    });
    for (const f of r.features.features) expect(f.properties.value).toBe(changes.get(f.properties.code));
    const classes = r.legend.classes;
    expect(classes.length).toBe(5);
    for (const c of classes) expect(c.to < 0 || c.from > 0 || (c.from === 0 && c.to === 0)).toBe(true);
    for (const f of r.features.features) {
      const c = classes[f.properties.classIndex!]!;
      expect(f.properties.value! >= c.from && f.properties.value! <= c.to).toBe(true);
    }
    const zeros = [...changes.values()].filter((v) => v === 0).length;
    expect(classes.find((c) => c.from === 0 && c.to === 0)?.areas ?? 0).toBe(zeros);
    expect(classes.reduce((s, c) => s + c.areas, 0)).toBe(changes.size);
  });
});
