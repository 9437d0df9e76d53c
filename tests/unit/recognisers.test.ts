// The layout recognisers: MPS wide (three layouts), police.uk, population, and mapped layouts.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { normaliseHeader } from '../../src/core/importers/context';
import { layoutFromMapping } from '../../src/core/importers/formats/mapped';
import { recogniseMpsWide } from '../../src/core/importers/formats/mpsWide';
import { recognisePoliceUk } from '../../src/core/importers/formats/policeUk';
import { recognisePopulation } from '../../src/core/importers/formats/population';
import type { SheetRow } from '../../src/core/importers/readers/table';
import { data } from '../support/data';
import { excelSerial } from '../support/xlsx';

const mps = (...cells: string[]) => recogniseMpsWide(normaliseHeader(cells));
const firstLine = (file: string) =>
  (parse(readFileSync(file, 'utf8').split(/\r?\n/, 1)[0]!) as string[][])[0]!;
const sheet = (...rows: unknown[][]): SheetRow[] => rows.map((cells, i) => ({ row: i + 1, cells }));

describe('recogniseMpsWide', () => {
  it('recognises the older borough layout in any header case', () => {
    for (const h of [
      ['Borough', 'Major Category', 'Minor Category'],
      ['BOROUGH', 'MAJOR CATEGORY', 'minor category'],
    ]) {
      const layout = mps(...h, '201601', '201602');
      expect(layout).toMatchObject({ format: 'mps-borough-old', borough: 0, major: 1, minor: 2, ward: -1 });
      expect(layout!.months).toEqual([
        [3, 201601],
        [4, 201602],
      ]);
    }
  });

  it('recognises the newer borough layout with BoroughName or LookUp_BoroughName', () => {
    expect(mps('MajorText', 'MinorText', 'BoroughName', '202303')).toMatchObject({
      format: 'mps-borough',
      major: 0,
      minor: 1,
      borough: 2,
    });
    expect(mps('majortext', 'MINORTEXT', 'LookUp_BoroughName', '202303')).toMatchObject({
      format: 'mps-borough',
      borough: 2,
    });
  });

  it('recognises the ward layout, taking column positions from the header', () => {
    expect(
      mps('MajorText', 'MinorText', 'WardName', 'WardCode', 'LookUp_BoroughName', '202009', '202010'),
    ).toMatchObject({
      format: 'mps-ward',
      major: 0,
      minor: 1,
      wardName: 2,
      ward: 3,
      borough: 4,
      months: [
        [5, 202009],
        [6, 202010],
      ],
    });
    expect(
      mps('wardname', 'wardcode', 'majortext', 'minortext', 'lookup_boroughname', '201004'),
    ).toMatchObject({
      format: 'mps-ward',
      wardName: 0,
      ward: 1,
      major: 2,
      minor: 3,
      borough: 4,
    });
  });

  it('recognises the header of every real MPS file', () => {
    const expected: [string, string][] = [
      [data.mpsBoroughHistoric, 'mps-borough-old'],
      [data.mpsBoroughRecent, 'mps-borough-old'],
      [data.mpsNewcatHistorical, 'mps-borough'],
      [data.mpsNewcatRecent, 'mps-borough'],
      [data.mpsWard2018, 'mps-ward'],
      [data.mpsWard2022Historical, 'mps-ward'],
      [data.mpsWard2022Recent, 'mps-ward'],
    ];
    for (const [file, format] of expected) {
      const header = firstLine(file);
      const layout = recogniseMpsWide(normaliseHeader(header));
      expect(layout?.format, file).toBe(format);
      expect(layout!.months.length, file).toBe(header.filter((h) => /^\d{6}$/.test(h)).length);
    }
  });

  it('refuses headers that are not an MPS layout', () => {
    expect(mps('Borough', 'Major Category', 'Minor Category')).toBeNull(); // no month columns
    expect(mps('MajorText', 'BoroughName', '202303')).toBeNull(); // no minor category
    expect(mps('MajorText', 'MinorText', '202303')).toBeNull(); // no area
    expect(mps('Name', 'Count', '201601')).toBeNull();
  });
});

describe('recognisePoliceUk', () => {
  it('maps every column of the real header', () => {
    const header = firstLine(`${data.policeUkDir}/2017-01-city-of-london-street.csv`);
    const layout = recognisePoliceUk(normaliseHeader(header));
    expect(layout).not.toBeNull();
    expect(layout!['crime id']).toBe(0);
    expect(layout!['crime type']).toBe(header.indexOf('Crime type'));
    expect(layout!.context).toBe(11);
  });

  it('accepts files without the optional outcome and context columns, in any order', () => {
    const layout = recognisePoliceUk(
      normaliseHeader([
        'Month',
        'Crime ID',
        'Reported by',
        'Falls within',
        'Longitude',
        'Latitude',
        'Location',
        'LSOA code',
        'LSOA name',
        'Crime type',
      ]),
    );
    expect(layout).toMatchObject({ month: 0, 'crime id': 1, context: -1, 'last outcome category': -1 });
  });

  it('refuses a header missing a required column', () => {
    expect(
      recognisePoliceUk(
        normaliseHeader([
          'Crime ID',
          'Month',
          'Reported by',
          'Falls within',
          'Longitude',
          'Latitude',
          'Location',
          'LSOA code',
          'LSOA name',
        ]),
      ),
    ).toBeNull();
  });
});

describe('recognisePopulation', () => {
  it('reads a long table with codes and a Source column (the GLA borough file)', () => {
    const head = sheet(
      ['Code', 'Name', 'Year', 'Source', 'Population'],
      ['E09000015', 'Harrow', '2016', 'GLA Population Projections', '249316'],
    );
    expect(recognisePopulation(head, 'density.csv')).toEqual({
      headerRow: 1,
      area: 0,
      areaBy: 'code',
      // The name beside each code, for an area the workspace does not know yet.
      name: 1,
      borough: -1,
      source: 3,
      knownSource: null,
      year: 2,
      population: 4,
      years: [],
    });
  });

  it('reads a plain Area, Year, Population table by name', () => {
    const head = sheet(['Area', 'Year', 'Population'], ['Harrow', '2016', '249316']);
    expect(recognisePopulation(head, 'pop.csv')).toMatchObject({
      headerRow: 1,
      area: 0,
      areaBy: 'name',
      year: 1,
      population: 2,
      source: -1,
    });
  });

  it('reads a wide table below title rows, years across the columns', () => {
    const head = sheet(
      ['Mid-year population estimates, London boroughs'],
      ['Source: ONS'],
      [],
      ['Area code', 'Area name', 'Mid-2016', '2017'],
      ['E09000015', 'Harrow', 249316, 252052],
    );
    expect(recognisePopulation(head, 'book.xlsx')).toMatchObject({
      headerRow: 4,
      area: 0,
      areaBy: 'code',
      years: [
        [2, 2016],
        [3, 2017],
      ],
    });
  });

  it('falls back to a name column when the code column holds no ONS codes', () => {
    const head = sheet(['Code', 'Borough', 'Year', 'Population'], ['00AA', 'City of London', '2016', '8000']);
    expect(recognisePopulation(head, 'x.csv')).toMatchObject({ area: 1, areaBy: 'name' });
  });

  it('does not take a table of year columns for population unless something says population', () => {
    const head = sheet(['Borough', '2016', '2017'], ['Harrow', 1200, 1300]);
    expect(recognisePopulation(head, 'burglaries.csv')).toBeNull();
    expect(recognisePopulation(head, 'population by year.csv')).toMatchObject({
      area: 0,
      years: [
        [1, 2016],
        [2, 2017],
      ],
    });
  });

  it('refuses tables with no area column', () => {
    expect(recognisePopulation(sheet(['Year', 'Population'], ['2016', '1']), 'population.csv')).toBeNull();
  });
});

describe('layoutFromMapping', () => {
  const header = ['Ward', 'Offence', excelSerial(2017, 1), 'Feb-17', '2017-03', 'Total'];

  it('finds the months across the columns, whether serials or text', () => {
    const layout = layoutFromMapping(
      'f.xlsx',
      { area: 'ward', category: 'OFFENCE', monthsAcrossColumns: true },
      header,
      3,
    );
    expect(layout).toEqual({
      area: 0,
      borough: -1,
      category: 1,
      major: -1,
      month: -1,
      count: -1,
      months: [
        [2, 201701],
        [3, 201702],
        [4, 201703],
      ],
    });
  });

  it('takes 1-based column numbers as well as header texts', () => {
    const layout = layoutFromMapping(
      'f.csv',
      { area: 1, month: 2, count: 3, categoryValue: 'Burglary' },
      ['Ward', 'Month', 'Count'],
      1,
    );
    expect(layout).toMatchObject({ area: 0, category: -1, month: 1, count: 2, months: [] });
  });

  it('names the file, row and column when a mapped column is missing', () => {
    expect.assertions(4);
    try {
      layoutFromMapping(
        'partner.xlsx',
        { headerRow: 3, area: 'Ward name', categoryValue: 'Burglary', monthsAcrossColumns: true },
        header,
        3,
      );
    } catch (err) {
      const e = err as { code: string; message: string; details: { row: number; column: string } };
      expect(e.code).toBe('bad-input');
      expect(e.message).toContain('partner.xlsx');
      expect(e.details.row).toBe(3);
      expect(e.details.column).toBe('Ward name');
    }
  });

  it('refuses a mapping without a category, or months across with no month headers', () => {
    expect(() => layoutFromMapping('f.csv', { area: 'Ward', monthsAcrossColumns: true }, header, 1)).toThrow(
      expect.objectContaining({ code: 'bad-request' }),
    );
    expect(() =>
      layoutFromMapping(
        'f.csv',
        { area: 'Ward', categoryValue: 'x', monthsAcrossColumns: true },
        ['Ward', 'Count', 'Total'],
        1,
      ),
    ).toThrow(expect.objectContaining({ code: 'bad-input', details: expect.objectContaining({ row: 1 }) }));
    expect(() =>
      layoutFromMapping('f.csv', { area: 'Ward', categoryValue: 'x', month: 'Month' }, ['Ward', 'Month'], 1),
    ).toThrow(/count/);
  });
});
