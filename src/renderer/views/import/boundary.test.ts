// Which dropped files the Import view takes for boundaries, the options it sends, and what it
// reads from the engine's real refusals (so the card points at the right field).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../core/handlers';
import { toApiError } from '../../../core/errors';
import { dataDir } from '../../../../tests/support/data';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../../../../tests/support/workspace';
import { askedFor, boundaryFileKind, boundaryOptions, isShapefilePart, newChoice } from './boundary';

afterAll(cleanupTempDirs);

const B = path.join(dataDir, 'boundaries');
type Doc = { type: string; features: { properties: Record<string, unknown>; geometry: unknown }[] };
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Doc;

/** The engine's refusal of a GeoJSON document, as the renderer receives it. */
async function refusal(doc: Doc) {
  const file = path.join(tempDir(), 'test.geojson');
  writeFileSync(file, JSON.stringify(doc));
  const ws = tempWorkspace();
  try {
    await dispatch({ workspace: ws }, 'boundaries/import', { path: file });
  } catch (err) {
    return toApiError(err);
  } finally {
    ws.close();
  }
  throw new Error('the engine took the file');
}

describe('boundary files in the Import view', () => {
  it('tells boundary files by name, as the engine does', () => {
    expect(boundaryFileKind('london_wards_2022_merged.geojson')).toBe('geojson');
    expect(boundaryFileKind('E09000015.JSON')).toBe('geojson');
    expect(boundaryFileKind('London_Ward.shp')).toBe('shapefile');
    expect(boundaryFileKind('wards-2011.zip')).toBe('zip');
    expect(boundaryFileKind('MPS Ward Level Crime.csv')).toBeNull();
    expect(boundaryFileKind('partner.xlsx')).toBeNull();
  });

  it('leaves out a shapefile’s .dbf and .prj only when its .shp came with them', () => {
    const names = [
      'London_Ward.shp',
      'London_Ward.dbf',
      'London_Ward.prj',
      'London_Ward.shp.xml',
      'Other.dbf',
    ];
    expect(names.filter((n) => isShapefilePart(n, names))).toEqual([
      'London_Ward.dbf',
      'London_Ward.prj',
      'London_Ward.shp.xml',
    ]);
  });

  it('sends only what the analyst chose, and adds areas only for a named ward set', () => {
    expect(boundaryOptions(newChoice('geojson'))).toEqual({});
    expect(boundaryOptions({ ...newChoice('zip'), addAreas: true })).toEqual({});
    expect(
      boundaryOptions({ ...newChoice('zip'), vintage: '2011', addAreas: true, codeProperty: ' GSS_CODE ' }),
    ).toEqual({
      vintage: '2011',
      addAreas: true,
      codeProperty: 'GSS_CODE',
    });
  });

  it('reads the engine’s refusal of wards from two sets as asking for the year', async () => {
    const wards2022 = read(path.join(B, 'london_wards_2022_by_borough', 'E09000015.geojson'));
    const older = read(
      path.join(B, 'london_wards_2014_mapinfo', 'London_Ward_CityMerged_2014_wgs84_simplified10m.geojson'),
    )
      .features.filter((f) => f.properties.LB_GSS_Code === 'E09000005')
      .map((f) => ({ ...f, properties: { WD25CD: f.properties.GSS_Code, WD25NM: f.properties.Name } }));
    const error = await refusal({ type: 'FeatureCollection', features: [...wards2022.features, ...older] });
    expect(askedFor(error)).toBe('vintage');
  });

  it('reads a refusal for want of a code column as asking for the property, and a broken shape as neither', async () => {
    const boroughs = read(path.join(B, 'london_boroughs', 'london_boroughs.geojson'));
    const uncoded = boroughs.features.map((f) => ({ ...f, properties: { NAME: f.properties.NAME } }));
    expect(askedFor(await refusal({ ...boroughs, features: uncoded }))).toBe('code-property');
    const broken = boroughs.features.map((f, i) =>
      i === 4 ? { ...f, geometry: { type: 'Point', coordinates: [0, 51] } } : f,
    );
    const error = await refusal({ ...boroughs, features: broken });
    expect(error.message).toContain('feature 5');
    expect(askedFor(error)).toBeNull();
  });
});
