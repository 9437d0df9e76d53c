// Which dropped files the Import view takes for boundaries, and the options it sends. (What it
// reads from the engine's real refusals is checked end to end, in tests/e2e/import-boundaries.)
import { describe, expect, it } from 'vitest';
import { boundaryFileKind, boundaryOptions, isShapefilePart, newChoice } from './boundary';

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
});
