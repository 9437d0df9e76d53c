// Every series colour must show as a line on white and stay apart from the others for the
// colour-blind; computed here from the colours themselves, not from a list of expected values.
import { describe, expect, it } from 'vitest';
import type { ChartData } from '../../shared/export';
import { plotlyFigure } from '../../core/export/html/figures';
import { MAX_SERIES } from './figure';
import { DASHES, MARKERS, OKABE_ITO, seriesStyle, YEAR_STYLES } from './palette';

type Rgb = [number, number, number];

const channels = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as Rgb;
/** sRGB to linear light, as WCAG 2.x and CIE define it. */
const linear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map(linear) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Machado, Oliveira & Fernandes (2009), full severity: how a colour looks to someone with
 * protanopia, deuteranopia or tritanopia. Applied in linear light.
 */
const VISION: Record<string, number[][]> = {
  typical: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** CIELAB (D65) of a colour as seen with the given vision. */
function seenAs(hex: string, vision: number[][]): Rgb {
  const rgb = channels(hex).map(linear);
  const [r, g, b] = vision.map((row) =>
    Math.min(1, Math.max(0, row[0]! * rgb[0]! + row[1]! * rgb[1]! + row[2]! * rgb[2]!)),
  );
  const xyz = [
    (0.4124 * r! + 0.3576 * g! + 0.1805 * b!) / 0.95047,
    0.2126 * r! + 0.7152 * g! + 0.0722 * b!,
    (0.0193 * r! + 0.1192 * g! + 0.9505 * b!) / 1.08883,
  ];
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const [fx, fy, fz] = xyz.map(f) as Rgb;
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIE76 colour difference: about 2.3 is just noticeable; side by side, 10 is plainly different. */
function difference(a: string, b: string, vision: number[][]): number {
  const [p, q] = [seenAs(a, vision), seenAs(b, vision)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** Every colour a chart gives its series, as many as it draws. */
const seriesColours = Array.from({ length: MAX_SERIES }, (_, n) => seriesStyle(n).colour);

describe('series colours', () => {
  it('measures contrast as WCAG does', () => {
    // WCAG's own reference points: black on white, and #767676, the palest grey that passes 4.5:1.
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#FFFFFF')).toBeCloseTo(4.54, 2);
    // The published Okabe–Ito yellow, the colour that prompted this: far too pale for a line.
    expect(contrast('#F0E442', '#FFFFFF')).toBeLessThan(1.5);
  });

  it('draws every line in a colour with at least 3:1 contrast against the white page', () => {
    expect(new Set(seriesColours).size).toBe(MAX_SERIES);
    for (const colour of [...seriesColours, ...OKABE_ITO])
      expect(contrast(colour, '#FFFFFF'), colour).toBeGreaterThanOrEqual(3);
  });

  it('tells every pair of series apart with typical vision and each kind of colour blindness', () => {
    // The check has teeth: an orange deep enough for 3:1 looks like vermilion to a deuteranope.
    expect(difference('#C68900', '#D55E00', VISION.deuteranopia!)).toBeLessThan(10);
    for (const [vision, matrix] of Object.entries(VISION))
      seriesColours.forEach((a, i) =>
        seriesColours
          .slice(i + 1)
          .forEach((b) => expect(difference(a, b, matrix), `${a} / ${b}, ${vision}`).toBeGreaterThan(10)),
      );
  });

  it('gives every series its own dash and marker together, so greyscale print still tells them apart', () => {
    const cues = seriesColours.map((_, n) => `${DASHES[n]} ${MARKERS[n]}`);
    expect(new Set(cues).size).toBe(MAX_SERIES);
  });
});

describe('the assessment’s year lines, in the app and in the HTML report', () => {
  const roles = Object.keys(YEAR_STYLES) as (keyof typeof YEAR_STYLES)[];
  // The report draws a chart as its engine prepares it: one series of each role, as a pack does.
  const chart: ChartData = {
    id: 'burglary-months',
    kind: 'line',
    title: 'Burglary in Harrow by month',
    sourceNote: 'Source: test.',
    categories: ['Jan', 'Feb', 'Mar'],
    categoryAxis: 'Month',
    valueAxis: 'Crimes',
    unit: 'count',
    notes: [],
    series: roles.map((role, i) => ({ name: role, values: [i, i + 1, i + 2], role })),
  };
  const report = plotlyFigure(chart, 'chart-1').data as {
    name: string;
    line: { color: string; dash: string };
  }[];
  const reportColour = (role: string) => report.find((d) => d.name === role)!.line.color;

  it('draws each year line in the report in the app’s colour and dash', () => {
    expect(report).toHaveLength(roles.length);
    for (const role of roles) {
      expect(reportColour(role), role).toBe(YEAR_STYLES[role].colour);
      expect(report.find((d) => d.name === role)!.line.dash, role).toBe(YEAR_STYLES[role].dash);
    }
  });

  it('shows every line, last year’s and the average too, at 3:1 or more on white', () => {
    // The report's earlier colours, which prompted this: last year #A3B1C4 and an orange average.
    expect(contrast('#A3B1C4', '#FFFFFF')).toBeLessThan(3);
    expect(contrast('#E69F00', '#FFFFFF')).toBeLessThan(3);
    for (const role of roles) expect(contrast(reportColour(role), '#FFFFFF'), role).toBeGreaterThanOrEqual(3);
  });

  it('tells last year, this year and the average apart with each kind of colour vision', () => {
    const [previous, current, average] = (['previous', 'current', 'average'] as const).map(reportColour);
    for (const [vision, matrix] of Object.entries(VISION))
      for (const [a, b] of [
        [previous!, current!],
        [previous!, average!],
        [current!, average!],
      ] as const)
        expect(difference(a, b, matrix), `${a} / ${b}, ${vision}`).toBeGreaterThan(10);
  });
});
