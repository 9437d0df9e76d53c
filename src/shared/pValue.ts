/**
 * One rule for p-values wherever the assessment prints them (cards, sentences, tables,
 * reports): two significant figures ("p = 0.012", "p = 0.66"), and "p < 0.001" below that,
 * where more digits would claim a precision the test does not have.
 */
export function pValueText(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  const shown = p.toLocaleString('en-GB', { minimumSignificantDigits: 2, maximumSignificantDigits: 2 });
  return `p = ${shown}`;
}
