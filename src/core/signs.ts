/**
 * The one sign rule for numbers put in front of people (sentences, reports, legends): a
 * negative figure takes the printed minus sign "−" (U+2212), not a hyphen, and a figure that
 * rounds to nought takes no sign at all ("0.00", never "−0.00").
 */
export const MINUS = '\u2212';

/** `value` as `format` writes its size, with "−" below nought and, when `plus`, "+" above. */
export function signed(value: number, format: (size: number) => string, plus = false): string {
  const text = format(Math.abs(value));
  if (!/[1-9]/.test(text)) return text;
  return value < 0 ? MINUS + text : plus && value > 0 ? `+${text}` : text;
}
