// The data-quality report on real files: ward totals against borough totals (same category
// scheme, shared months) checked against sums computed here from the raw CSVs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qualityReport } from '../../src/core/analysis/trust/quality';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { readCsv, sumWide } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

let ws: Workspace;
beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [data.mpsWard2022Recent, data.mpsNewcatRecent, data.policeUkDir]);
  expect(results.every((r) => r.status === 'imported')).toBe(true);
}, 120_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

describe('data-quality report', () => {
  it('reports the ward shortfall against the borough totals for the months both hold', () => {
    const ward = readCsv(data.mpsWard2022Recent);
    const borough = readCsv(data.mpsNewcatRecent);
    const shared = (m: number) => m >= 202401 && m <= 202502;
    const wardTotal = sumWide(ward, shared);
    const boroughTotal = sumWide(borough, shared);
    const finding = qualityReport(ws.db, 'mps-ward-ho-2022').findings.find((f) => f.check === 'ward-vs-borough')!;
    expect(finding.detail).toContain(`the wards add up to ${wardTotal.toLocaleString('en-GB')} against ${boroughTotal.toLocaleString('en-GB')}`);
    const share = `${((100 * (boroughTotal - wardTotal)) / boroughTotal).toFixed(1)}%`;
    expect(finding.title).toBe(`Ward figures are ${(boroughTotal - wardTotal).toLocaleString('en-GB')} (${share}) short of the borough totals`);
    expect(finding.detail).toContain(`(Jan 2024 – Feb 2025)`);
    const harrow = finding.items.find((i) => i.borough === 'Harrow')!;
    const inHarrow = (col: string, t: typeof ward) => (r: string[]) => r[t.col(col)] === 'Harrow';
    expect(harrow.boroughTotal).toBe(sumWide(borough, shared, inHarrow('BoroughName', borough)));
    expect(harrow.wardTotal).toBe(sumWide(ward, shared, inHarrow('LookUp_BoroughName', ward)));
    expect(finding.meaning).toMatch(/carry no ward/);
  });

  it('counts police.uk rows without a location, and says what to do about them', () => {
    const finding = qualityReport(ws.db, 'policeuk-city-of-london-police').findings.find((f) => f.check === 'incident-locations')!;
    // PROVENANCE.md: 15,858 rows, 991 without LSOA code / coordinates.
    expect(finding.items[0]).toEqual({ incidents: 15_858, withoutPoint: 991, withoutLsoa: 991 });
    expect(finding.action).toMatch(/recorded location/);
  });

  it('finds no missing months in complete series, and names the gap when one is made', () => {
    const complete = qualityReport(ws.db, 'mps-borough-ho').findings.find((f) => f.check === 'missing-months')!;
    expect(complete.severity).toBe('ok');
    ws.db.prepare("DELETE FROM dataset_months WHERE month = 201706 AND dataset_id = (SELECT id FROM datasets WHERE key = 'policeuk-city-of-london-police')").run();
    const gap = qualityReport(ws.db, 'policeuk-city-of-london-police').findings.find((f) => f.check === 'missing-months')!;
    expect(gap.severity).toBe('warning');
    expect(gap.detail).toContain('Jun 2017');
  });
});
