// The one sign rule for numbers in sentences, reports and legends: the printed minus sign,
// "+" only where asked, and no sign on a figure that rounds to nought.
import { describe, expect, it } from 'vitest';
import { formatFigure } from '../../src/core/export/words';
import { formatValue } from '../../src/core/geo/legend';
import { signed } from '../../src/core/signs';

const twoDp = (n: number) => n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe('signed', () => {
  it('writes a fall with U+2212, never a hyphen', () => {
    expect(signed(-0.21, twoDp)).toBe('\u22120.21');
    expect(signed(-1869, (n) => n.toLocaleString('en-GB'))).toBe('\u22121,869');
  });

  it('adds "+" to a rise only when asked, and no sign to what rounds to nought', () => {
    expect([signed(0.1, twoDp), signed(0.1, twoDp, true)]).toEqual(['0.10', '+0.10']);
    expect([signed(-0.004, twoDp), signed(0.004, twoDp, true), signed(0, twoDp, true)]).toEqual(['0.00', '0.00', '0.00']);
  });

  it('is the rule the report figures and the map legend follow', () => {
    expect(formatFigure({ kind: 'rate-change', value: -0.214 })).toBe('\u22120.21');
    expect(formatFigure({ kind: 'percent', value: -3.06, signed: true })).toBe('\u22123.1%');
    expect(formatFigure({ kind: 'change', value: 57 })).toBe('+57');
    expect(formatFigure({ kind: 'rate-change', value: -0.001 })).toBe('0.00');
    expect(formatValue('rate-change', -0.55)).toBe('\u22120.55');
    expect(formatValue('pct-change', -0.01)).toBe('0.0%');
  });
});
