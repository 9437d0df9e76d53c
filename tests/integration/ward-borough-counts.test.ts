// A ward dataset's summary in the Data view ("679 wards in 32 boroughs") counts real boroughs
// only: wards whose borough is not known are said apart, not counted as one more "borough", and
// the MPS's own borough names ("Aviation Security (SO18)") are not boroughs. The expected figures
// are worked out here from the raw files and the ONS ward boundaries (each ward code's borough
// code), apart from Wardlens's gazetteer and importers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/handlers';
import type { Workspace } from '../../src/core/store/workspace';
import type { DatasetArea } from '../../src/shared/datasetContents';
import { wardsText } from '../../src/renderer/views/data/areaCounts';
import { data, dataDir } from '../support/data';
import { readCsv } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

const populationWard = path.join(dataDir, 'population', 'housing-density-ward.csv');
const boundaries = path.join(dataDir, 'boundaries');
const CITY = 'E09000001';
const en = (n: number) => n.toLocaleString('en-GB');

/** Ward code → borough code, from the ONS ward boundaries of 2014, 2018 and 2022. */
function onsWardBoroughs(): Map<string, string> {
  const sets: [string, string, string][] = [
    [
      'london_wards_2014_mapinfo/London_Ward_CityMerged_2014_wgs84_simplified10m.geojson',
      'GSS_Code',
      'LB_GSS_Code',
    ],
    [
      'london_wards_2018_mapinfo/London_Ward_CityMerged_2018_wgs84_simplified10m.geojson',
      'GSS_CODE',
      'LAGSSCODE',
    ],
    ['london_wards_2022_merged.geojson', 'WD25CD', 'LAD25CD'],
  ];
  const out = new Map<string, string>();
  for (const [file, ward, borough] of sets) {
    const geo = JSON.parse(readFileSync(path.join(boundaries, file), 'utf8')) as {
      features: { properties: Record<string, string> }[];
    };
    for (const f of geo.features) out.set(f.properties[ward]!, f.properties[borough]!);
  }
  return out;
}

/** A raw file's ward codes, split by whether ONS places them in a borough, with those boroughs. */
function expectedFor(file: string, codeColumn: string) {
  const t = readCsv(file);
  const codes = new Set(t.rows.map((r) => r[t.col(codeColumn)]!.trim()));
  const ons = onsWardBoroughs();
  const placed = [...codes].filter((c) => ons.has(c));
  const boroughs = new Set(placed.map((c) => ons.get(c)!));
  return { wards: codes.size, placed: placed.length, boroughs, city: boroughs.has(CITY), ons };
}

describe('a ward dataset’s wards and the boroughs they lie in, on the real files', () => {
  let ws: Workspace;
  const contents = async (key: string): Promise<DatasetArea[]> =>
    (await dispatch({ workspace: ws }, 'datasets/contents', { dataset: key })).areas;

  beforeAll(async () => {
    ws = tempWorkspace();
    await dispatch({ workspace: ws }, 'import/files', {
      paths: [data.mpsWard2022Recent, data.mpsWard2018, populationWard],
    });
  }, 120_000);

  afterAll(() => {
    ws.close();
    cleanupTempDirs();
  });

  it('counts the 2022-ward file’s 32 boroughs, not the 33 names of its borough column', async () => {
    const raw = readCsv(data.mpsWard2022Recent);
    const named = new Set(raw.rows.map((r) => r[raw.col('LookUp_BoroughName')]!));
    // The file names 33 "boroughs": the 32 the MPS polices and "Aviation Security (SO18)".
    expect(named.size).toBe(33);
    expect(named.has('Aviation Security (SO18)')).toBe(true);
    const e = expectedFor(data.mpsWard2022Recent, 'WardCode');
    expect(e.placed).toBe(e.wards);
    expect(e.city).toBe(false);
    expect(e.boroughs.size).toBe(32);
    const areas = await contents('mps-ward-ho-2022');
    expect(wardsText(areas)).toBe(`${en(e.wards)} wards in ${e.boroughs.size} boroughs`);
    // The ward the file puts under Aviation Security is in its ONS borough (Heathrow Villages, Hillingdon).
    const aviation = raw.rows.find((r) => r[raw.col('LookUp_BoroughName')] === 'Aviation Security (SO18)')!;
    const code = aviation[raw.col('WardCode')]!;
    const fileCodes = new Set(raw.rows.map((r) => r[raw.col('WardCode')]!));
    const sameBorough = [...fileCodes].filter((w) => e.ons.get(w) === e.ons.get(code));
    const borough = areas.find((a) => a.code === code)!.borough;
    expect(borough).not.toBeNull();
    expect(areas.filter((a) => a.borough === borough).length).toBe(sameBorough.length);
  });

  it('counts the 2018-ward file’s wards in its boroughs', async () => {
    const e = expectedFor(data.mpsWard2018, 'WardCode');
    expect(e.placed).toBe(e.wards);
    expect(wardsText(await contents('mps-ward-ho-2018'))).toBe(
      `${en(e.wards)} wards in ${e.boroughs.size} boroughs`,
    );
  });

  it('places every population ward in the borough its file names, the 2011 codes ONS’s later sets lack too', async () => {
    const e = expectedFor(populationWard, 'Code');
    // 2011 codes of Hackney, Kensington and Chelsea and Tower Hamlets, in no ONS set Wardlens knows:
    // the file's Borough column is what places them.
    expect(e.wards - e.placed).toBe(54);
    const raw = readCsv(populationWard);
    const boroughs = new Set(raw.rows.map((r) => r[raw.col('Borough')]!));
    const key = (await dispatch({ workspace: ws }, 'workspace/info', {})).datasets.find(
      (d) => d.kind === 'population',
    )!.key;
    const areas = await contents(key);
    expect(areas.filter((a) => a.borough === null)).toEqual([]);
    expect(wardsText(areas)).toBe(`${en(e.wards)} wards in ${boroughs.size} boroughs`);
  });
});
