// The data-quality report across extracts, on real MPS files: the two 2022-ward extracts
// overlap in Jan and Feb 2024 with revised figures, and the borough series has areas that
// start and stop part-way. Every expected figure is read here from the raw CSVs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFileResult } from '../../src/shared/importing';
import type { QualityFinding, QualityReport } from '../../src/shared/quality';
import { qualityReport } from '../../src/core/analysis/trust/quality';
import { checkImported } from '../../src/core/analysis/trust/quality/summary';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { monthColumns, readCsv, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

let ws: Workspace;
let results: ImportFileResult[];
const WARD = 'mps-ward-ho-2022';
const BOROUGH = 'mps-borough-ho';
// Each report once: the ward series holds 2.3 million figures.
const reports = new Map<string, QualityReport>();
const finding = (dataset: string, check: QualityFinding['check']) => {
  if (!reports.has(dataset)) reports.set(dataset, qualityReport(ws.db, dataset));
  return reports.get(dataset)!.findings.find((f) => f.check === check)!;
};

beforeAll(async () => {
  ws = tempWorkspace();
  results = await importFiles(ws, [data.mpsWard2022Historical, data.mpsWard2022Recent, data.mpsNewcatHistorical, data.mpsNewcatRecent]);
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
}, 300_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

/** Each figure of a ward file for one month, keyed by ward, category and borough as the file writes them. */
function wardFigures(t: RawTable, month: number): Map<string, number> {
  const [column] = monthColumns(t).find(([, m]) => m === month)!;
  const key = (r: string[]) => ['WardCode', 'MajorText', 'MinorText', 'LookUp_BoroughName'].map((c) => r[t.col(c)]!.toUpperCase()).join('|');
  const out = new Map<string, number>();
  for (const r of t.rows) out.set(key(r), (out.get(key(r)) ?? 0) + Number(r[column]));
  return out;
}

describe('data-quality report across extracts', () => {
  it('lists the months two ward extracts both give, with each total and how many figures differ', () => {
    const older = readCsv(data.mpsWard2022Historical);
    const newer = readCsv(data.mpsWard2022Recent);
    const f = finding(WARD, 'conflicting-extracts');
    expect(f.severity).toBe('note');
    expect(f.items.map((i) => i.month)).toEqual(['2024-01', '2024-02']);
    for (const [i, month] of [202401, 202402].entries()) {
      const a = wardFigures(older, month);
      const b = wardFigures(newer, month);
      const sum = (m: Map<string, number>) => [...m.values()].reduce((t, x) => t + x, 0);
      const differing = [...new Set([...a.keys(), ...b.keys()])].filter((k) => (a.get(k) ?? 0) !== (b.get(k) ?? 0)).length;
      expect(differing).toBeGreaterThan(0);
      expect(f.items[i]).toEqual({
        month: month === 202401 ? '2024-01' : '2024-02',
        otherExtract: 'recorded-crime-ward-historical.csv',
        extractUsed: 'MPS Ward Level Crime (most recent 24 months).csv',
        otherTotal: sum(a),
        totalUsed: sum(b),
        difference: sum(b) - sum(a),
        figuresDiffering: differing,
      });
    }
    expect(f.action).toContain(`wardlens revisions --dataset ${WARD}`);
    // The borough files join end to end: no month is given twice.
    expect(finding(BOROUGH, 'conflicting-extracts').severity).toBe('ok');
  });

  it('names the borough-file areas that start or stop a year or more inside the series', () => {
    const files = [readCsv(data.mpsNewcatHistorical), readCsv(data.mpsNewcatRecent)];
    const held = new Map<string, Set<number>>();
    for (const t of files) {
      for (const r of t.rows) {
        const area = r[t.col('BoroughName')]!;
        const months = held.get(area) ?? new Set<number>();
        for (const [i, m] of monthColumns(t)) if (Number(r[i]) > 0) months.add(m);
        held.set(area, months);
      }
    }
    const all = [...held.values()].flatMap((s) => [...s]);
    const [first, last] = [Math.min(...all), Math.max(...all)];
    const expected = [...held]
      .filter(([, s]) => s.size >= 12)
      .map(([area, s]) => ({ area, f: Math.min(...s), l: Math.max(...s) }))
      .filter((a) => a.f >= first + 100 || a.l + 100 <= last)
      .map((a) => `${a.area} ${a.f}–${a.l}`);
    expect(expected.length).toBeGreaterThan(0);
    const f = finding(BOROUGH, 'areas-appear-disappear');
    expect(f.items.map((i) => `${i.area} ${String(i.first).replace('-', '')}–${String(i.last).replace('-', '')}`).sort()).toEqual(expected.sort());
    expect(f.severity).toBe('note');
  });

  it('gives the ward shortfall against the borough totals with its share, borough by borough', () => {
    const ward = [readCsv(data.mpsWard2022Historical), readCsv(data.mpsWard2022Recent)];
    const borough = [readCsv(data.mpsNewcatHistorical), readCsv(data.mpsNewcatRecent)];
    // Both series over the months both hold; for Jan and Feb 2024 the newer ward extract is the one used.
    const inHarrow = (t: RawTable, column: string, when: (m: number) => boolean) =>
      t.rows.filter((r) => r[t.col(column)] === 'Harrow').reduce((s, r) => s + monthColumns(t).filter(([, m]) => when(m)).reduce((x, [i]) => x + Number(r[i]), 0), 0);
    const shared = (m: number) => m >= 201004 && m <= 202502;
    const wards = inHarrow(ward[0]!, 'LookUp_BoroughName', (m) => shared(m) && m < 202401) + inHarrow(ward[1]!, 'LookUp_BoroughName', shared);
    const boroughs = borough.reduce((s, t) => s + inHarrow(t, 'BoroughName', shared), 0);
    const harrow = finding(WARD, 'ward-vs-borough').items.find((i) => i.borough === 'Harrow')!;
    expect(harrow).toEqual({
      borough: 'Harrow',
      boroughTotal: boroughs,
      wardTotal: wards,
      shortfall: boroughs - wards,
      shortfallPercent: Math.round((1000 * (boroughs - wards)) / boroughs) / 10,
    });
  });

  it('puts the check on the last file of each dataset, with the revised months among its headlines', () => {
    expect(results.map((r) => r.quality?.dataset.key ?? null)).toEqual([null, WARD, null, BOROUGH]);
    expect(results[1]!.quality!.headlines).toContainEqual({ severity: 'note', title: finding(WARD, 'conflicting-extracts').title });
  });

  it('turns a check that fails into a warning on the import, never a failure', () => {
    const again = results.map((r) => ({ ...r, warnings: [...r.warnings], quality: undefined }));
    ws.db.exec('ALTER TABLE monthly_totals RENAME TO monthly_totals_away');
    try {
      checkImported(ws.db, again);
    } finally {
      ws.db.exec('ALTER TABLE monthly_totals_away RENAME TO monthly_totals');
    }
    expect(again.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    expect(again.every((r) => r.quality === undefined)).toBe(true);
    expect(again[1]!.warnings.at(-1)).toMatch(/^The data-quality check could not run after this import \(.*monthly_totals.*\); the import itself is complete\./);
    expect(again[1]!.warnings.at(-1)).toContain(`wardlens check --dataset ${WARD}`);
  });
});
