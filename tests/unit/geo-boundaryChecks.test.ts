// The boundary reader's defences: rings that cross themselves are found (and where), points
// outside the United Kingdom and JSON nested past any boundary's needs are refused by name,
// and none of it recurses or runs away on hostile input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WardlensError } from '../../src/core/errors';
import { readGeometry, selfCrossing, shortValue } from '../../src/core/geo/geometry';
import { wgs84ToBng } from '../../src/core/geo/projection';
import { nestedDeeperThan, readBoundarySource } from '../../src/core/geo/sources';
import type { Position } from '../../src/shared/geo';
import { dataDir } from '../support/data';

const dir = mkdtempSync(path.join(tmpdir(), 'wardlens-geo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WARDS_2018 = path.join(
  dataDir,
  'boundaries/london_wards_2018_mapinfo/London_Ward_CityMerged_2018_wgs84_simplified10m.geojson',
);

function refusal(f: () => unknown): WardlensError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(WardlensError);
    return err as WardlensError;
  }
  throw new Error('expected a refusal');
}

describe('rings that cross themselves', () => {
  it('finds where a bow tie crosses: at its centre', () => {
    const bowTie: Position[] = [
      [-0.323, 51.605],
      [-0.313, 51.615],
      [-0.313, 51.605],
      [-0.323, 51.615],
      [-0.323, 51.605],
    ];
    expect(selfCrossing(bowTie)).toEqual([-0.318, 51.61]);
  });

  it('finds a ring that touches itself at a corner (a figure of eight)', () => {
    const eight: Position[] = [
      [0, 0],
      [1, 1],
      [2, 0],
      [2, 2],
      [1, 1],
      [0, 2],
      [0, 0],
    ];
    expect(selfCrossing(eight)).toEqual([1, 1]);
  });

  it('passes a simple ring, repeated points and all', () => {
    const square: Position[] = [
      [0, 0],
      [1, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 1],
      [0, 0],
    ];
    expect(selfCrossing(square)).toBeNull();
  });

  it('finds no crossing in any ward of the 2018 London set (made valid by GDAL)', async () => {
    const source = readBoundarySource(WARDS_2018);
    expect(source.features.length).toBe(633);
    const crossed = source.features.filter(
      (f, i) => readGeometry('wards', i + 1, f.geometry, source.crs).crossing,
    );
    expect(crossed).toEqual([]);
  });

  it('gives up on a ring tangled past its work budget instead of stalling', () => {
    // A simple ring of 40,000 long, nearly flat zigzags spanning the same longitudes: every
    // segment overlaps every other's span, so a sweep without a budget would make 800 million tests.
    const ring: Position[] = [];
    for (let i = 0; i < 40_000; i++) ring.push([i % 2 ? 1 : 0, i * 1e-6]);
    ring.push([-1, 0.5], ring[0]!);
    const started = Date.now();
    expect(selfCrossing(ring)).toBeNull();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('points outside the United Kingdom', () => {
  const square = (x: number, y: number, d: number): Position[] => [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ];

  it('are refused naming the feature, its code and the point', () => {
    const e = refusal(() =>
      readGeometry(
        'wards.geojson',
        4,
        { type: 'Polygon', coordinates: [square(-180, -90, 360)] },
        'WGS84',
        'E05000288',
      ),
    );
    expect(e.message).toMatch(
      /^wards\.geojson \(row 4, column "geometry"\): feature 4 \(E05000288\): polygon 1, ring 1 has a point outside the United Kingdom \(longitude -180, latitude -90\)/,
    );
    expect(e.details).toEqual({ file: 'wards.geojson', row: 4, column: 'geometry' });
  });

  it('in British National Grid too: a mistyped easting', () => {
    const ring = square(515_000, 190_000, 800);
    ring[2] = [5_158_000, 190_800];
    const e = refusal(() =>
      readGeometry('wards.geojson', 2, { type: 'Polygon', coordinates: [ring] }, 'British National Grid'),
    );
    expect(e.message).toMatch(/feature 2: .*easting 5158000, northing 190800, which is longitude/);
  });

  it('while the far corners of the UK read: Scilly, Shetland, Fermanagh, Lowestoft', () => {
    for (const [lon, lat] of [
      [-6.35, 49.9],
      [-0.8, 60.8],
      [-8.1, 54.4],
      [1.75, 52.47],
    ] as const) {
      expect(
        readGeometry('uk', 1, { type: 'Polygon', coordinates: [square(lon, lat, 0.01)] }, 'WGS84').bbox[0],
      ).toBe(lon);
      const [e, n] = wgs84ToBng(lon, lat);
      const bng = readGeometry(
        'uk',
        1,
        { type: 'Polygon', coordinates: [square(e, n, 100)] },
        'British National Grid',
      );
      expect(bng.bbox[0]).toBeCloseTo(lon, 3); // proj4's round trip is good to metres
    }
  });
});

describe('JSON nested past any boundary', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

  it('is told without recursion, however deep', () => {
    expect(nestedDeeperThan(JSON.parse(deep(100_000)), 32)).toBe(true);
    expect(nestedDeeperThan(JSON.parse(deep(32)), 32)).toBe(false);
    expect(nestedDeeperThan(JSON.parse(deep(33)), 32)).toBe(true);
    expect(nestedDeeperThan({ a: [{ b: [1, 2, { c: 'x' }] }] }, 5)).toBe(false);
  });

  it('in a property as well as in the geometry, refused naming the file and feature', () => {
    const file = path.join(dir, 'nested property.geojson');
    writeFileSync(
      file,
      `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"GSS_CODE":"E05000285"},"geometry":null},` +
        `{"type":"Feature","properties":{"GSS_CODE":"E05000286","NOTES":${deep(100_000)}},"geometry":null}]}`,
    );
    const e = refusal(() => readBoundarySource(file));
    expect(e.message).toMatch(
      /^nested property\.geojson \(row 2\): feature 2 holds lists or objects nested more than 32 deep/,
    );
  });

  it('a bad value in a message is cut short, never printed whole', () => {
    expect(shortValue(JSON.parse(deep(100_000)))).toBe('[[…]]');
    expect(shortValue(['x'.repeat(10_000_000), 2, [3], { a: 1 }])).toBe(`["${'x'.repeat(40)}…", 2, […], …]`);
  });
});
