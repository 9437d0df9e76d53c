/**
 * Classing a choropleth's values: quantiles (equal numbers of areas per class) or natural
 * breaks (Jenks: classes that minimise the spread of values within each class, found exactly
 * by Fisher's dynamic programme rather than Jenks' iterative approximation). Both work on the
 * distinct values with their frequencies, so equal values never straddle two classes, and
 * both give fewer classes when there are fewer distinct values than asked for.
 */
import type { ClassMethod } from '../../shared/geo';

export interface Classes {
  /** Inclusive [from, to] of each class: actual values, smallest first. */
  ranges: [number, number][];
  /** Each class's number of values. */
  sizes: number[];
}

export function classify(values: number[], k: number, method: ClassMethod): Classes {
  const { distinct, weights } = tally(values);
  const n = Math.min(Math.max(1, Math.floor(k)), distinct.length);
  if (distinct.length === 0) return { ranges: [], sizes: [] };
  const starts = method === 'quantile' ? quantileStarts(weights, n) : naturalBreakStarts(distinct, weights, n);
  const ranges: [number, number][] = [];
  const sizes: number[] = [];
  starts.forEach((s, c) => {
    const end = (starts[c + 1] ?? distinct.length) - 1;
    ranges.push([distinct[s]!, distinct[end]!]);
    sizes.push(weights.slice(s, end + 1).reduce((a, b) => a + b, 0));
  });
  return { ranges, sizes };
}

/**
 * Classes for a change, which must read from zero: falls and rises are classed apart (each its
 * share of the classes, by how many areas it holds, at least one), no change is a class of its
 * own, so no class runs from a fall to a rise. Values of one sign only are classed as usual.
 */
export function classifyAroundZero(values: number[], k: number, method: ClassMethod): Classes {
  const finite = values.filter(Number.isFinite);
  const falls = finite.filter((v) => v < 0);
  const rises = finite.filter((v) => v > 0);
  const zeros = finite.length - falls.length - rises.length;
  if (falls.length === 0 || rises.length === 0) return classify(values, k, method);
  const room = Math.max(2, k - (zeros > 0 ? 1 : 0));
  const forFalls = Math.min(room - 1, Math.max(1, Math.round((room * falls.length) / (falls.length + rises.length))));
  const below = classify(falls, forFalls, method);
  const above = classify(rises, room - forFalls, method);
  return {
    ranges: [...below.ranges, ...(zeros > 0 ? [[0, 0] as [number, number]] : []), ...above.ranges],
    sizes: [...below.sizes, ...(zeros > 0 ? [zeros] : []), ...above.sizes],
  };
}

/** The class a value falls in (its range holds it), or null. */
export function classOf(classes: Classes, value: number): number | null {
  const i = classes.ranges.findIndex(([from, to]) => value >= from && value <= to);
  return i < 0 ? null : i;
}

function tally(values: number[]): { distinct: number[]; weights: number[] } {
  const counts = new Map<number, number>();
  for (const v of values) if (Number.isFinite(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  const distinct = [...counts.keys()].sort((a, b) => a - b);
  return { distinct, weights: distinct.map((v) => counts.get(v)!) };
}

/** Start index (into the distinct values) of each class, cutting at the k-quantiles of the weighted list. */
function quantileStarts(weights: number[], k: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const starts = [0];
  let seen = 0;
  for (let i = 0; i < weights.length - 1 && starts.length < k; i++) {
    seen += weights[i]!;
    // Cut after value i once the share seen reaches the next class's quantile, keeping
    // enough distinct values for the classes still to come.
    const next = starts.length;
    if (seen >= (next * total) / k && weights.length - (i + 1) >= k - next) starts.push(i + 1);
  }
  return starts;
}

/** Fisher's exact optimal partition of sorted weighted values into k classes (least within-class sum of squares). */
function naturalBreakStarts(x: number[], w: number[], k: number): number[] {
  const m = x.length;
  const W = [0];
  const S = [0];
  const Q = [0];
  for (let i = 0; i < m; i++) {
    W.push(W[i]! + w[i]!);
    S.push(S[i]! + w[i]! * x[i]!);
    Q.push(Q[i]! + w[i]! * x[i]! * x[i]!);
  }
  // Within-class sum of squares of values a..b-1.
  const ssq = (a: number, b: number) => {
    const ww = W[b]! - W[a]!;
    const s = S[b]! - S[a]!;
    return Q[b]! - Q[a]! - (s * s) / ww;
  };
  // cost[c][j]: best cost of the first j values in c+1 classes; from[c][j]: where the last class starts.
  const cost: Float64Array[] = [];
  const from: Int32Array[] = [];
  cost.push(Float64Array.from({ length: m + 1 }, (_, j) => (j === 0 ? 0 : ssq(0, j))));
  from.push(new Int32Array(m + 1));
  for (let c = 1; c < k; c++) {
    const row = new Float64Array(m + 1).fill(Infinity);
    const back = new Int32Array(m + 1);
    for (let j = c + 1; j <= m; j++) {
      for (let s = c; s < j; s++) {
        const v = cost[c - 1]![s]! + ssq(s, j);
        if (v < row[j]!) {
          row[j] = v;
          back[j] = s;
        }
      }
    }
    cost.push(row);
    from.push(back);
  }
  const starts: number[] = [];
  let j = m;
  for (let c = k - 1; c > 0; c--) {
    const s = from[c]![j]!;
    starts.unshift(s);
    j = s;
  }
  return [0, ...starts];
}
