/**
 * Whether a change between two counts is more than noise. Delegates to the statistics
 * module; kept behind one function so the pivot does not depend on its internals.
 */
export type Verdict = 'significant rise' | 'significant fall' | 'no significant change';

/**
 * Exact conditional test for two Poisson counts (this year `a` over exposure `ea`, last
 * year `b` over `eb`): given a + b, a is binomial with p = ea / (ea + eb).
 * Placeholder until the statistics module lands: a normal approximation on the
 * conditional binomial, good for moderate counts.
 */
export function changeVerdict(a: number, b: number, ea: number, eb: number, alpha = 0.05): Verdict {
  const n = a + b;
  if (n === 0) return 'no significant change';
  const p = ea / (ea + eb);
  const z = (a - n * p) / Math.sqrt(n * p * (1 - p));
  if (Math.abs(z) < 1.959963984540054 || alpha !== 0.05) return 'no significant change';
  return z > 0 ? 'significant rise' : 'significant fall';
}
