// Changes within chance are marked wherever a change is shown, and a change chart draws the
// wards that moved most. Real file: the MPS 2022-ward history (Apr 2010 – Feb 2024), Harrow's
// burglary. Every count, % change and significance verdict the test expects is worked out
// here from the raw CSV, with the tests' own exact test (tests/support/exactChange.ts), not
// with Wardlens's code.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/handlers';
import type { Workspace } from '../../src/core/store/workspace';
import type { PivotSpec } from '../../src/shared/pivot';
import { HOLLOW_NOTE } from '../../src/renderer/charts/chanceMarks';
import { MAX_SERIES, pivotFigure } from '../../src/renderer/charts/figure';
import { mapTableRows } from '../../src/renderer/views/map/mapTable';
import { data, dataDir } from '../support/data';
import { exactP, pctChange, wardYear, withinChance } from '../support/exactChange';
import { readCsv, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

const WARD_BOUNDARIES = path.join(dataDir, 'boundaries', 'london_wards_2022_merged.geojson');
const DATASET = 'mps-ward-ho-2022';

let ws: Workspace;
let raw: RawTable;

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await dispatch({ workspace: ws }, 'import/files', { paths: [data.mpsWard2022Historical, WARD_BOUNDARIES] });
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
  raw = readCsv(data.mpsWard2022Historical);
}, 120_000);
afterAll(() => {
  ws?.close();
  cleanupTempDirs();
});

/** Harrow's burglaries in a year, ward by ward (keyed by name), straight from the CSV. */
const harrowBurglary = (year: number) => wardYear(raw, 'Harrow', 'BURGLARY', year);
const pct = pctChange;

// ---- The checks --------------------------------------------------------------------------

describe('Harrow’s wards, burglary: changes within chance', () => {
  it('has the premise the review found: Greenhill and Stanmore’s 2023 changes are within chance', () => {
    const [y22, y23] = [harrowBurglary(2022), harrowBurglary(2023)];
    expect(y23.size).toBe(22);
    expect([y22.get('Greenhill'), y23.get('Greenhill')]).toEqual([99, 88]);
    expect([y22.get('Stanmore'), y23.get('Stanmore')]).toEqual([66, 80]);
    expect([y22.get('Belmont'), y23.get('Belmont')]).toEqual([17, 42]);
    expect(withinChance(99, 88)).toBe(true);
    expect(withinChance(66, 80)).toBe(true);
    expect(withinChance(17, 42)).toBe(false);
    // The test itself against SciPy's binomtest(88, 187) and binomtest(42, 59): p = 0.46471, 0.0015472.
    expect(exactP(99, 88)).toBeCloseTo(0.46471, 5);
    expect(exactP(17, 42)).toBeCloseTo(0.0015472, 7);
  });

  it('draws the 8 wards with the largest % changes, Belmont among them, hollow where within chance', async () => {
    const spec: PivotSpec = {
      dataset: DATASET,
      rows: ['ward'],
      columns: ['year'],
      filters: { borough: ['Harrow'], major: ['BURGLARY'] },
      months: { from: '2022-01', to: '2023-12' },
      measure: 'pct-change',
    };
    const result = await dispatch({ workspace: ws }, 'pivot/run', spec);
    const figure = pivotFigure(result, { datasetName: result.dataset.name, first: '2022-01', last: '2023-12' });

    const counts = [2021, 2022, 2023].map(harrowBurglary);
    const wards = [...counts[2]!.keys()];
    const changes = (w: string) => [0, 1].map((y) => ({ pct: pct(counts[y]!.get(w)!, counts[y + 1]!.get(w)!), chance: withinChance(counts[y]!.get(w)!, counts[y + 1]!.get(w)!) }));
    const biggest = (w: string) => Math.max(-1, ...changes(w).map((c) => (c.pct === null ? -1 : Math.abs(c.pct))));
    const byChange = [...wards].sort((a, b) => biggest(b) - biggest(a)).slice(0, MAX_SERIES);
    const total = (w: string) => counts[1]!.get(w)! + counts[2]!.get(w)!;
    const byCount = [...wards].sort((a, b) => total(b) - total(a)).slice(0, MAX_SERIES);
    // Picked by count, Belmont would be left out (the review's finding); by change it is in.
    expect(byCount).not.toContain('Belmont');
    expect(byChange).toContain('Belmont');

    type Trace = { name: string; x: string[]; y: (number | null)[]; showlegend?: boolean };
    const traces = figure.data as Trace[];
    // The lines have legend entries; the hollow points drawn over them have none.
    const lines = traces.filter((t) => t.showlegend !== false);
    const hollow = new Set(traces.filter((t) => t.showlegend === false).flatMap((t) => t.x.map((x) => `${t.name}@${x}`)));
    expect(lines.map((l) => l.name).sort()).toEqual([...byChange].sort());
    expect(figure.caveat).toContain(`The chart shows the ${MAX_SERIES} of 22 wards with the largest % changes, up or down`);
    for (const line of lines) {
      const expected = changes(line.name);
      line.y.forEach((v, y) => {
        expect(v === null ? null : Number(v.toFixed(6)), `${line.name} ${2022 + y}`).toBe(
          expected[y]!.pct === null ? null : Number(expected[y]!.pct!.toFixed(6)),
        );
        expect(hollow.has(`${line.name}@${line.x[y]}`), `${line.name} ${2022 + y} drawn hollow`).toBe(
          v !== null && expected[y]!.chance,
        );
      });
    }
    // Belmont's 2023 rise (17 → 42) is beyond chance: a solid marker; its 2022 fall is within it.
    expect(hollow.has('Belmont@2023')).toBe(false);
    expect(hollow.has('Belmont@2022')).toBe(true);
    expect(figure.caveat).toContain(HOLLOW_NOTE);
  });

  it('gives the Assessment’s ward tables the engine’s verdict, which matches the raw file’s', async () => {
    const findings = await dispatch({ workspace: ws }, 'facts/build', {
      dataset: DATASET,
      area: 'Harrow',
      category: 'Burglary',
      year: 2023,
    });
    const [y22, y23] = [harrowBurglary(2022), harrowBurglary(2023)];
    const rows = [...findings.wards!.highest, ...findings.wards!.rises, ...findings.wards!.falls];
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['Greenhill', 'Stanmore', 'Belmont']));
    for (const r of rows) {
      expect([r.previous, r.current], r.name).toEqual([y22.get(r.name), y23.get(r.name)]);
      expect(r.flags.includes('not-significant'), r.name).toBe(withinChance(r.previous, r.current));
    }
  });

  it('marks the Map table’s changes within chance, Greenhill and Stanmore among them', async () => {
    const map = await dispatch({ workspace: ws }, 'map/choropleth', {
      pivot: {
        dataset: DATASET,
        rows: ['ward'],
        columns: [],
        filters: { borough: ['Harrow'], major: ['BURGLARY'] },
        months: { from: '2023-01', to: '2023-12' },
        measure: 'change',
      },
    });
    const [y22, y23] = [harrowBurglary(2022), harrowBurglary(2023)];
    const rows = mapTableRows(map);
    expect(rows).toHaveLength(22);
    for (const r of rows) {
      expect(r.value, r.name).toBe(y23.get(r.name)! - y22.get(r.name)!);
      expect(r.withinChance, r.name).toBe(withinChance(y22.get(r.name)!, y23.get(r.name)!));
    }
    const marked = rows.filter((r) => r.withinChance).map((r) => r.name);
    expect(marked).toEqual(expect.arrayContaining(['Greenhill', 'Stanmore']));
    expect(marked).not.toContain('Belmont');
  });
});
