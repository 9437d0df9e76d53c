// The Data view's area counts in words, for the mixes the real files do not hold (City wards, one borough).
import { describe, expect, it } from 'vitest';
import type { DatasetArea } from '../../../shared/datasetContents';
import { notBoroughsText } from '../../../shared/notBoroughs';
import { areaCountText, areaName, wardsText } from './areaCounts';

const ward = (code: string, borough: string | null): DatasetArea => ({
  kind: 'ward',
  code,
  name: code,
  borough,
});

describe('area counts in words', () => {
  it('names the City apart from the boroughs, and one borough by name', () => {
    expect(
      wardsText([
        ward('E05009288', 'City of London'),
        ward('E05013542', 'Harrow'),
        ward('E05013543', 'Brent'),
      ]),
    ).toBe('3 wards in 2 boroughs and the City');
    expect(wardsText([ward('E05009288', 'City of London')])).toBe('1 ward in the City');
    expect(wardsText([ward('E05013542', 'Harrow'), ward('E05013543', 'Harrow')])).toBe('2 wards in Harrow');
  });

  it('never counts a ward of no known borough as a borough', () => {
    expect(wardsText([ward('E05013542', 'Harrow'), ward('E05000231', null)])).toBe(
      '2 wards: 1 in Harrow and 1 whose borough is not known',
    );
    expect(wardsText([ward('E05000231', null)])).toBe('1 ward whose borough is not known');
  });

  it('says “Unknown” is no borough recorded, and never a police area', () => {
    const unknown: DatasetArea = { kind: 'borough', code: null, name: 'Unknown', borough: null };
    expect(areaCountText([unknown])).toBe('“Unknown” (no borough recorded)');
    expect(areaName(unknown)).toBe('Unknown (no borough recorded)');
    expect(areaName({ ...unknown, kind: 'ward', code: 'E05000001' })).toBe('Unknown');
    expect(notBoroughsText(['Unknown'])).toBe('“Unknown”: crimes with no borough recorded');
    expect(notBoroughsText(['Aviation Security (SO18)'])).toBe('police area “Aviation Security (SO18)”');
  });
});
