/**
 * When the data lacks months of either year, the whole years are not compared (a part year
 * against a full one reads as a rise or fall that is only missing data). Instead the same
 * months of both years are compared, "Sep–Dec 2020 against Sep–Dec 2021", when the data holds
 * any month in both.
 */
import { addMonths, monthLabel } from '../periods';
import { periodKey } from '../pivot/dimensions';
import type { FindingsContext } from './context';

export interface MonthsWindow {
  /** First and last month (yyyymm) of the window in each year. */
  previous: { first: number; last: number };
  current: { first: number; last: number };
  /** "Sep–Dec 2020", "Sep–Dec 2021". */
  previousLabel: string;
  currentLabel: string;
}

const short = (m: number) => monthLabel(m).slice(0, 3);

/** "Sep–Dec 2020", or "Nov 2020–Feb 2021" across a new year, or "Sep 2020" for one month. */
export function spanLabel(first: number, last: number): string {
  if (first === last) return monthLabel(first);
  if (Math.floor(first / 100) === Math.floor(last / 100)) return `${short(first)}–${monthLabel(last)}`;
  return `${monthLabel(first)}–${monthLabel(last)}`;
}

/** Whether the data holds every month of a year. */
export function holdsAll(ctx: FindingsContext, span: { first: number }): boolean {
  for (let i = 0; i < 12; i++) if (!ctx.held.has(addMonths(span.first, i))) return false;
  return true;
}

/**
 * The months of a year the data holds, as plain words: "only Sep–Dec" of a calendar year,
 * "only Sep 2020–Mar 2021" of a financial one (which spans two), "no month".
 */
export function heldWords(ctx: FindingsContext, span: { first: number }): string {
  const runs = heldRuns(ctx, span.first, (m) => ctx.held.has(m));
  const calendar = ctx.yearDim === 'year';
  const label = ([a, b]: [number, number]) => {
    const words = spanLabel(addMonths(span.first, a), addMonths(span.first, b));
    return calendar ? words.replace(/ \d{4}$/, '') : words;
  };
  return runs.length === 0 ? 'no month' : `only ${runs.map(label).join(' and ')}`;
}

/** Runs [from, to] of month offsets (0–11 from a year's first month) for which `ok` holds. */
function heldRuns(ctx: FindingsContext, first: number, ok: (m: number, i: number) => boolean): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < 12; i++) {
    if (!ok(addMonths(first, i), i)) continue;
    const last = runs.at(-1);
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  return runs;
}

/**
 * The longest run of the same months held in both years (the earliest on a tie), or null
 * when the years share no month. Null too when both years are whole: nothing to work round.
 */
export function likeForLikeWindow(ctx: FindingsContext): MonthsWindow | null {
  if (holdsAll(ctx, ctx.previous) && holdsAll(ctx, ctx.current)) return null;
  const runs = heldRuns(ctx, ctx.current.first, (m, i) => ctx.held.has(m) && ctx.held.has(addMonths(ctx.previous.first, i)));
  const best = runs.reduce<[number, number] | null>((b, r) => (!b || r[1] - r[0] > b[1] - b[0] ? r : b), null);
  if (!best) return null;
  const at = (first: number) => ({ first: addMonths(first, best[0]), last: addMonths(first, best[1]) });
  const previous = at(ctx.previous.first);
  const current = at(ctx.current.first);
  return { previous, current, previousLabel: spanLabel(previous.first, previous.last), currentLabel: spanLabel(current.first, current.last) };
}

/** Months filter of a pivot over one year's part of the window. */
export const windowMonths = (span: { first: number; last: number }) => ({ from: periodKey('month', span.first), to: periodKey('month', span.last) });
