// The quality panel's figures table: headings in words, cells in UK style.
import { describe, expect, it } from 'vitest';
import { cellText, heading } from './qualityTable';

describe('quality figures table', () => {
  it('gives each field a heading in words', () => {
    expect(heading('boroughTotal')).toBe('Borough total');
    expect(heading('crimeId')).toBe('Crime ID');
    expect(heading('shortfallPercent')).toBe('Shortfall %');
    expect(heading('first')).toBe('First');
    expect(heading('rowsLeftOut')).toBe('Rows left out');
  });

  it('writes months, counts, negative figures and percentages as an analyst reads them', () => {
    expect(cellText('2024-01')).toBe('Jan 2024');
    expect(cellText('Harrow')).toBe('Harrow');
    expect(cellText(1869)).toBe('1,869');
    expect(cellText(-7250)).toBe('−7,250');
    expect(cellText(2, 'shortfallPercent')).toBe('2.0');
    expect(cellText(3.25, 'shortfallPercent')).toBe('3.3');
    expect(cellText(-0.51)).toBe('−0.51');
    expect(cellText(null)).toBe('–');
    expect(cellText('')).toBe('–');
  });
});
