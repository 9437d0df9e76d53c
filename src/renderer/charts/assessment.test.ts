// The assessment's charts: the figures they draw are the findings' own, titled and sourced.
import { describe, expect, it } from 'vitest';
import type { Findings } from '../../shared/findings';
import { chartFileName, monthsFigure, rollingFigure } from './assessment';

const findings = {
  dataset: { key: 'mps-borough-old', name: 'MPS borough counts' },
  area: { key: 'E09000015', name: 'Harrow' },
  category: { key: 'Burglary', label: 'Burglary', level: 'major' },
  years: { previous: '2016', current: '2017', kind: 'calendar' },
  months: {
    rows: [
      { month: '2017-01', label: 'Jan 2017', previous: 216, current: 205 },
      { month: '2017-02', label: 'Feb 2017', previous: 182, current: null },
    ],
    seasonality: { average: 168.375, months: [], aboveInBoth: [], belowInBoth: [], missing: [] },
    sentences: [],
  },
  rollingYear: {
    points: [{ month: '2017-12', label: 'Dec 2017', total: 2046 }],
    latest: { total: 2046, previousTotal: 1995, percentChange: 2.6 },
    sentences: [],
  },
} as unknown as Findings;

describe('assessment charts', () => {
  it('draws last year, this year and the two-year average, with title and source', () => {
    const f = monthsFigure(findings);
    expect(f.title).toBe('Burglary in Harrow by month: 2017 against 2016');
    expect(f.sourceNote).toBe('Source: MPS borough counts.');
    expect(f.data.map((d) => d.name)).toEqual(['2016', '2017', 'Two-year monthly average (168)']);
    expect((f.data[1] as { y: unknown[] }).y).toEqual([205, null]);
    expect((f.data[1] as { text: string[] }).text).toEqual(['205', '–']);
  });

  it('draws the rolling 12-month total and names files from titles', () => {
    const f = rollingFigure(findings);
    expect((f.data[0] as { y: unknown[] }).y).toEqual([2046]);
    expect(chartFileName(f.title)).toBe('burglary-in-harrow-rolling-12-month-total');
  });

  it('starts the count axis of both line charts at zero, however high the counts', () => {
    // Rolling totals between 1,050 and 1,200: an axis fitted to them would start near 1,050.
    const high = {
      ...findings,
      rollingYear: {
        ...findings.rollingYear,
        points: [1050, 1120, 1200, 1180].map((total, i) => ({ month: `2017-0${i + 1}`, label: `M${i}`, total })),
      },
    } as Findings;
    for (const fig of [monthsFigure(high), rollingFigure(high)]) {
      const axis = fig.layout.yaxis!;
      expect(axis.rangemode).toBe('tozero');
      expect(axis.range).toBeUndefined();
      expect(axis.autorange ?? true).toBe(true);
    }
  });

  it('keeps value-axis titles within the plot’s height, however long the crime type', () => {
    const long = { ...findings, category: { ...findings.category, label: 'VIOLENCE AGAINST THE PERSON' } };
    // Twelve rolling points slant their labels: the plot is then at its shortest.
    const rolling = {
      ...long,
      rollingYear: {
        ...findings.rollingYear,
        points: Array.from({ length: 24 }, (_, i) => ({ month: `m${i}`, label: `M ${i}`, total: 2000 + i })),
      },
    } as Findings;
    for (const f of [monthsFigure(long as Findings), rollingFigure(rolling)]) {
      const { height, margin, yaxis } = f.layout as {
        height: number;
        margin: { t: number; b: number };
        yaxis: { title: { text: string } };
      };
      const plotHeight = height - margin.t - margin.b;
      // About 7 px a character in the 12 px font, measured along the axis.
      expect(yaxis.title.text.length * 7).toBeLessThan(plotHeight);
      expect(f.title).toContain('VIOLENCE AGAINST THE PERSON');
    }
  });
});
