import { describe, expect, it } from 'vitest';
import type { Layout } from 'plotly.js';
import { withLegendRoom } from './legendRoom';

/** 7 px a character: a stand-in for the canvas measure. */
const measure = (text: string) => text.length * 7;
const beside: Partial<Layout> = {
  showlegend: true,
  margin: { l: 80, r: 100, t: 56, b: 92 },
  legend: { orientation: 'v', x: 1.02, xanchor: 'left', y: 1 },
};

describe('room for a legend beside the plot', () => {
  it('widens the right margin to what Plotly would settle on: (legend + 0.02 × (width − left)) / 1.02', () => {
    const names = ['VIOLENCE AGAINST THE PERSON', 'THEFT'];
    const legend = 27 * 7 + 55 + 3;
    const out = withLegendRoom(beside, names, 1000, measure);
    expect(out.margin?.r).toBe(Math.ceil((legend + 0.02 * (1000 - 80)) / 1.02));
    // Everything else is as it was, and the figure's own layout is not changed.
    expect({ ...out, margin: { ...out.margin, r: 100 } }).toEqual(beside);
    expect(beside.margin?.r).toBe(100);
  });

  it('leaves a margin that is already wide enough, a legend above the plot and a chart without one alone', () => {
    // 28 + 58 px of legend and 2% of a 520 px plot: 95 px, inside the 100 given.
    expect(withLegendRoom(beside, ['2024', '2025'], 600, measure)).toBe(beside);
    // The same legend beside a 920 px plot needs 103.
    expect(withLegendRoom(beside, ['2024', '2025'], 1000, measure).margin?.r).toBe(103);
    const above = { ...beside, legend: { orientation: 'h' as const, x: 0, y: 1.01, xanchor: 'left' as const } };
    expect(withLegendRoom(above, ['A much longer name than fits'], 1000, measure)).toBe(above);
    const none = { ...beside, showlegend: false };
    expect(withLegendRoom(none, ['A much longer name than fits'], 1000, measure)).toBe(none);
    expect(withLegendRoom(beside, ['A much longer name than fits'], 0, measure)).toBe(beside);
  });
});
