// One rule for p-values wherever the assessment prints them: the quick-facts card, the
// sentence under it, the tables and the report all write the same p the same way.
import { describe, expect, it } from 'vitest';
import { quickFactSentences } from '../../src/core/analysis/findings/words';
import { compareCounts } from '../../src/core/analysis/comparison';
import { changeTestText } from '../../src/core/export/tableParts';
import { significance } from '../../src/renderer/views/assessment/figures';
import { pValueText } from '../../src/shared/pValue';

describe('pValueText', () => {
  it('gives two significant figures, and p < 0.001 below that', () => {
    expect(pValueText(0.0123)).toBe('p = 0.012');
    expect(pValueText(0.012)).toBe('p = 0.012');
    expect(pValueText(0.66)).toBe('p = 0.66');
    expect(pValueText(0.05)).toBe('p = 0.050');
    expect(pValueText(0.0499)).toBe('p = 0.050');
    expect(pValueText(0.00104)).toBe('p = 0.0010');
    expect(pValueText(0.000999)).toBe('p < 0.001');
    expect(pValueText(1)).toBe('p = 1.0');
  });
});

describe('the same p on the card, in the sentence and in the tables', () => {
  // 100 against 130 crimes: a rise with p a little over 0.01 (the reviewer's "0.01" against "0.012").
  const cases = [
    [100, 130],
    [500, 510],
    [200, 400],
  ] as const;
  it.each(cases)('%i against %i', (previous, current) => {
    const c = compareCounts({ previous, current });
    const p = pValueText(c.test!.pValue);
    expect(significance(c)).toContain(`(${p})`);
    expect(changeTestText({ ...c, key: 'x', name: 'X' })).toContain(`(${p})`);
    expect(quickFactSentences(c, 'crimes', 'Harrow', '2022', '2023').join(' ')).toContain(`${p})`);
  });
});
