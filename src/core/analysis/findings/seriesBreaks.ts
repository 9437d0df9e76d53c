/**
 * Breaks in a series within the years an assessment compares, and what they do to its
 * verdicts. Two kinds are found in the data itself, never assumed:
 *  - a category whose recording changed: its series stops (or starts) from one month to the
 *    next while others of its major category start (or stop) then, as "Domestic Burglary"
 *    became "Res Burglary of a Home" in Apr–May 2023;
 *  - an area whose crimes move to another filing (see ../trust/quality/areaMoves), as
 *    Heathrow Villages' did to "Aviation Security (SO18)" from May 2023.
 * A change that spans a break is not like for like, so no figure across it is called real:
 * its test is withheld, its RAG rating left out, and the caveats name the break.
 */
import type { AreaFigures, Findings } from '../../../shared/findings';
import { addMonths, monthLabel } from '../periods';
import { periodKey } from '../pivot/dimensions';
import { areaMoves, filingName, moveSentence, type AreaMove } from '../trust/quality/areaMoves';
import { JUMP_MIN_CRIMES } from '../trust/quality/jumps';
import type { FindingsContext } from './context';
import { spanLabel } from './likeForLike';
import { changeSentences, count, offences, pct } from './words';
import { listed } from '../../../shared/counted';
import { MINUS } from '../../signs';

/** A category's level falling to a tenth or less (or rising tenfold from it) from one month to the next is a change of recording, not of crime. */
const STEP_RATIO = 10;
/** Months either side of a step that set the levels compared. */
const STEP_MONTHS = 3;
/** Other categories' steps this close to the category's own are part of the same change. */
const RELATED_WITHIN = 2;

const LONDON_BOROUGH = /^E09000(0(0[2-9]|[12]\d|3[0-3]))$/;

interface Step {
  month: number;
  kind: 'stop' | 'start';
  before: number;
  after: number;
}

interface CategoryBreak {
  /** "the recording of Domestic Burglary changed in Apr–May 2023" */
  reason: string;
  caveat: string;
}

interface MoveBreak {
  move: AreaMove;
  /** Areas (boroughs and wards, by key) whose own series break. */
  keys: Set<string>;
  /** "from May 2023 Heathrow Villages’ crimes are recorded under …" */
  reason: string;
}

export interface SeriesBreaks {
  category: CategoryBreak | null;
  moves: MoveBreak[];
}

const found = new WeakMap<FindingsContext, SeriesBreaks>();

/** The breaks within the years compared, found once per findings. */
export function seriesBreaks(ctx: FindingsContext): SeriesBreaks {
  let b = found.get(ctx);
  if (!b) {
    b = { category: categoryBreak(ctx), moves: moveBreaks(ctx) };
    found.set(ctx, b);
  }
  return b;
}

/** Whether a break's first month falls after the first month compared and no later than the last. */
const spans = (ctx: FindingsContext, month: number) => month > ctx.previous.first && month <= ctx.current.last;

// ---------------------------------------------------------------------------------------
// A category's recording changed
// ---------------------------------------------------------------------------------------

/** Months held from three before the years compared to three after, so a step at either end has levels on both sides. */
function windowMonths(ctx: FindingsContext): number[] {
  const first = addMonths(ctx.previous.first, -STEP_MONTHS);
  const last = addMonths(ctx.current.last, STEP_MONTHS);
  return [...ctx.held].filter((m) => m >= first && m <= last).sort((a, b) => a - b);
}

/** Monthly totals across the whole dataset, by the first row dimension's label (one series when there is none). */
function monthlySeries(ctx: FindingsContext, months: number[], by: 'category' | 'major' | null, filters: FindingsContext['categoryFilter']): Map<string, number[]> {
  if (!months.length) return new Map();
  const p = ctx.pivot({ rows: by ? [by, 'month'] : ['month'], columns: [], months: { from: periodKey('month', months[0]!), to: periodKey('month', months.at(-1)!) }, filters });
  const at = new Map(months.map((m, i) => [periodKey('month', m), i]));
  const out = new Map<string, number[]>();
  p.rows.forEach((row, r) => {
    const name = by ? row.labels[0]! : '';
    const series = out.get(name) ?? months.map(() => 0);
    const i = at.get(row.keys.at(-1)!);
    if (i !== undefined) series[i]! += p.cells[r]?.[0]?.count ?? 0;
    out.set(name, series);
  });
  return out;
}

/** Months where the series stops (falls to a tenth or less and stays there) or starts (the reverse). */
function steps(values: number[], months: number[]): Step[] {
  const out: Step[] = [];
  // Once a series has stopped, its tail dwindling to nothing (16, then 0) is the same stop.
  const push = (s: Step) => {
    if (out.at(-1)?.kind !== s.kind) out.push(s);
  };
  for (let i = 1; i < values.length; i++) {
    const before = values.slice(Math.max(0, i - STEP_MONTHS), i);
    const after = values.slice(i, i + STEP_MONTHS);
    if (after.length < 2 && i < values.length - 1) continue;
    const hiBefore = Math.max(...before);
    const hiAfter = Math.max(...after);
    // The month either side of the step must already be at its new level, so the step is dated to one month.
    if (hiBefore >= JUMP_MIN_CRIMES && hiAfter <= hiBefore / STEP_RATIO && values[i - 1]! > hiBefore / STEP_RATIO)
      push({ month: months[i]!, kind: 'stop', before: values[i - 1]!, after: values[i]! });
    else if (hiAfter >= JUMP_MIN_CRIMES && hiBefore <= hiAfter / STEP_RATIO && values[i]! > hiAfter / STEP_RATIO)
      push({ month: months[i]!, kind: 'start', before: values[i - 1]!, after: values[i]! });
  }
  return out;
}

function categoryBreak(ctx: FindingsContext): CategoryBreak | null {
  const months = windowMonths(ctx);
  const own = steps(monthlySeries(ctx, months, null, ctx.categoryFilter).get('') ?? [], months).filter((s) => spans(ctx, s.month));
  if (!own.length) return null;
  const minor = ctx.categoryLevel === 'minor';
  const major = minor ? majorOf(ctx, months) : null;
  const label = labelOf(ctx, months, minor ? 'category' : 'major');
  const siblings = monthlySeries(ctx, months, minor ? 'category' : 'major', major ? { major: [major.key] } : {});
  const related = [...siblings]
    .filter(([name]) => name !== label)
    .flatMap(([name, series]) =>
      steps(series, months)
        .filter((s) => own.some((o) => o.kind !== s.kind && Math.abs(monthsApart(o.month, s.month)) <= RELATED_WITHIN))
        .map((s) => ({ name, ...s })),
    );
  const all = [...own.map((s) => s.month), ...related.map((s) => s.month)];
  const when = spanLabel(Math.min(...all), Math.max(...all));
  const majorWhole = major && !steps(monthlySeries(ctx, months, null, { major: [major.key] }).get('') ?? [], months).some((s) => spans(ctx, s.month));
  return {
    reason: `the recording of ${label} changed in ${when}`,
    caveat:
      `The recording of ${label} changed in ${when}: across London it ${own.map(stepWords).join(', then ')}` +
      `${related.length ? `, as ${relatedWords(related)}` : ''}. ` +
      `Figures either side of the change count different things, so ${ctx.previous.key} and ${ctx.current.key} are not like for like: no verdict on whether the change is real, no ward rises and falls and no RAG ratings are given` +
      `${majorWhole ? `. ${major!.label} as a whole has no such break, and can be compared` : ''}.`,
  };
}

const monthsApart = (a: number, b: number) => (Math.floor(b / 100) - Math.floor(a / 100)) * 12 + (b % 100) - (a % 100);

const stepWords = (s: Step) => `${s.kind === 'stop' ? 'fell' : 'rose'} from ${count(s.before)} in ${monthLabel(addMonths(s.month, -1))} to ${count(s.after)} in ${monthLabel(s.month)}`;

/** "Res Burglary of a Home and Res Burglary of Unconnected Building started (Apr 2023)". */
function relatedWords(related: (Step & { name: string })[]): string {
  const groups = new Map<string, string[]>();
  for (const r of related) {
    const key = `${r.kind === 'start' ? 'started' : 'stopped'} (${monthLabel(r.month)})`;
    const names = groups.get(key) ?? [];
    if (!names.includes(r.name)) names.push(r.name);
    groups.set(key, names);
  }
  return [...groups].map(([what, names]) => `${listed(names)} ${what}`).join(' and ');
}

function majorOf(ctx: FindingsContext, months: number[]): { key: string; label: string } | null {
  const p = ctx.pivot({ rows: ['major'], columns: [], months: { from: periodKey('month', months[0]!), to: periodKey('month', months.at(-1)!) }, filters: ctx.categoryFilter });
  const row = p.rows[0];
  return row ? { key: row.keys[0]!, label: row.labels[0]! } : null;
}

function labelOf(ctx: FindingsContext, months: number[], dim: 'category' | 'major'): string {
  const p = ctx.pivot({ rows: [dim], columns: [], months: { from: periodKey('month', months[0]!), to: periodKey('month', months.at(-1)!) }, filters: ctx.categoryFilter });
  return p.rows[0]?.labels[0] ?? ctx.spec.category;
}

// ---------------------------------------------------------------------------------------
// An area's crimes moved to another filing
// ---------------------------------------------------------------------------------------

function moveBreaks(ctx: FindingsContext): MoveBreak[] {
  const d = ctx.dataset;
  // Enough months either side for the level before a stop and the quiet months after it.
  const span = { from: addMonths(ctx.previous.first, -12), to: addMonths(ctx.current.last, 6) };
  return areaMoves(ctx.db, { id: d.id, key: d.key, name: d.name, kind: 'counts', areaLevel: d.areaLevel, scheme: null }, span)
    .filter((m) => spans(ctx, m.stopped.month))
    .map((move) => {
      const s = move.stopped;
      const keys = new Set([s.area.key, ...move.started.map((t) => t.area.key)]);
      // A borough's total breaks only when the crimes leave it (or vanish), not when they move between its own wards.
      const leaves = move.started.filter((t) => t.borough.key !== s.borough.key);
      if (leaves.length || !move.started.length) keys.add(s.borough.key);
      for (const t of leaves) keys.add(t.borough.key);
      // London's total is of the 32 boroughs: crimes moved to a police area of their own drop out of it.
      if (LONDON_BOROUGH.test(s.borough.key) && (!move.started.length || leaves.some((t) => !LONDON_BOROUGH.test(t.borough.key)))) keys.add('london');
      return { move, keys, reason: lowerFirst(moveSentence(move)) };
    });
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const possessive = (name: string) => `${name}${name.endsWith('s') ? '’' : '’s'}`;

// ---------------------------------------------------------------------------------------
// What a break does to the findings
// ---------------------------------------------------------------------------------------

/** Why a comparison of this area is not like for like, or null when its series holds. */
function reasonFor(ctx: FindingsContext, key: string): string | null {
  const b = seriesBreaks(ctx);
  const reasons = [b.category?.reason, ...b.moves.filter((m) => m.keys.has(key)).map((m) => m.reason)].filter((r): r is string => Boolean(r));
  return reasons.length ? reasons.join('; ') : null;
}

/** The figures with their test withheld when the area's series breaks within the years compared. */
export function withSeriesBreak<T extends AreaFigures>(ctx: FindingsContext, f: T): T {
  const reason = reasonFor(ctx, f.key);
  if (!reason || !f.test) return f;
  return { ...f, test: null, flags: f.flags.filter((x) => x !== 'not-significant'), seriesBreak: reason };
}

/** For the ward block: why the wards' rises and falls are not given (a category break touches every ward). */
export function wardsNotCompared(ctx: FindingsContext): string | null {
  const c = seriesBreaks(ctx).category;
  return c ? upperFirst(c.reason) : null;
}

/** Crimes of the category filed under a move's new filings in a year, for the area that lost them. */
function leftOut(ctx: FindingsContext, m: AreaMove, span: { first: number; last: number }): number {
  const ward = ctx.dataset.areaLevel === 'ward' && m.stopped.area.key !== m.stopped.borough.key;
  return m.started
    .filter((t) => t.borough.key !== m.stopped.borough.key)
    .reduce((total, t) => {
      const filters = { ...ctx.categoryFilter, borough: [t.borough.key], ...(ward ? { ward: [t.area.key] } : {}) };
      const p = ctx.pivot({ rows: [], columns: [], months: { from: periodKey('month', span.first), to: periodKey('month', span.last) }, filters });
      return total + (p.cells[0]?.[0]?.count ?? 0);
    }, 0);
}

/** "Hillingdon’s 2023 figures leave out 943 recorded theft offences in Heathrow Villages filed under Aviation Security (SO18)". */
function leftOutWords(ctx: FindingsContext, m: AreaMove, whose: string, what: string): { words: string; previous: number; current: number } | null {
  const previous = leftOut(ctx, m, ctx.previous);
  const current = leftOut(ctx, m, ctx.current);
  if (!previous && !current) return null;
  const under = listed(m.started.filter((t) => t.borough.key !== m.stopped.borough.key).map((t) => filingName(t, m.stopped)));
  const years = [previous ? `${ctx.previous.key} figures leave out ${count(previous)}` : '', current ? `${ctx.current.key} figures leave out ${count(current)}` : ''].filter(Boolean);
  const place = m.stopped.area.key === m.stopped.borough.key ? '' : ` in ${m.stopped.area.name}`;
  return { words: `${possessive(whose)} ${years.join(' and its ')} ${what}${place} filed under ${under}`, previous, current };
}

/**
 * Says what each break does, where it does it: a sentence in the quick facts, the moved
 * wards' sentences, the RAG ratings left out, London's total, and the caveats (first, as
 * the most important thing a reader must know about these figures).
 */
export function applySeriesBreaks(ctx: FindingsContext, f: Findings): void {
  const b = seriesBreaks(ctx);
  const moves = b.moves.filter((m) => m.keys.has(f.area.key) || f.wards?.rows.some((w) => m.keys.has(w.key)) || f.neighbours?.rows.some((r) => m.keys.has(r.key)));
  if (!b.category && !moves.length) return;
  const what = offences(f.category.label);
  const caveats: string[] = b.category ? [b.category.caveat] : [];
  if (b.category) f.quickFacts.sentences.push(`${upperFirst(b.category.reason)}, so ${f.years.previous} and ${f.years.current} are not like for like: whether the change is real is not tested.`);
  for (const m of moves) {
    const lost = m.move.stopped.borough.key === f.area.key ? leftOutWords(ctx, m.move, f.area.name, what) : null;
    if (m.keys.has(f.area.key)) {
      f.quickFacts.sentences.push(`${moveSentence(m.move)}${lost ? `: ${lost.words}` : ''}. The two years are therefore not like for like, and whether the change is real is not tested.`);
    }
    caveats.push(moveCaveat(f, m, lost));
    wardSentences(ctx, f, m, what);
  }
  withholdLikeForLike(ctx, f);
  withholdRatings(ctx, f);
  f.caveats.unshift(...caveats);
}

function moveCaveat(f: Findings, m: MoveBreak, lost: { words: string; previous: number; current: number } | null): string {
  const q = f.quickFacts;
  if (!lost) return `${moveSentence(m.move)}: figures across ${monthLabel(m.move.stopped.month)} are not like for like, so no verdict on whether a change across it is real is given.`;
  const previous = q.previous + lost.previous;
  const current = q.current + lost.current;
  const change = previous ? ((current - previous) / previous) * 100 : null;
  const counted = `Counted with them, ${f.area.name} would have ${count(previous)} in ${f.years.previous} and ${count(current)} in ${f.years.current}${change === null ? '' : ` (${change > 0 ? '+' : change < 0 ? MINUS : ''}${pct(change)})`}`;
  return `${moveSentence(m.move)}: ${lost.words}. ${counted}. Wardlens does not move them back, so no verdict on whether the change is real and no RAG rating are given for ${f.area.name}.`;
}

function wardSentences(ctx: FindingsContext, f: Findings, m: MoveBreak, what: string): void {
  if (!f.wards) return;
  const s = m.move.stopped;
  for (const w of f.wards.rows.filter((r) => m.keys.has(r.key) && r.key !== f.area.key)) {
    const direction = w.change < 0 ? 'fall' : w.change > 0 ? 'rise' : 'change';
    const change = w.change === 0 ? '' : ` (${w.change > 0 ? '+' : MINUS}${count(Math.abs(w.change))})`;
    const moved = m.move.started.filter((t) => t.borough.key !== s.borough.key);
    const elsewhere = w.key === s.area.key && moved.length ? leftOut(ctx, m.move, ctx.current) : 0;
    const where = moved.length ? `its crimes are recorded under ${listed(moved.map((t) => filingName(t, s)))}` : 'no crimes are recorded there';
    f.wards.sentences.push(
      `${possessive(w.name)} ${direction}${change} is not a real one, and is left out of the rises and falls: from ${monthLabel(s.month)} ${where}` +
        `${elsewhere ? ` (${count(elsewhere)} ${what} in ${ctx.current.key})` : ''}.`,
    );
  }
}

/** A like-for-like comparison across the break is no more like for like than the whole years. */
function withholdLikeForLike(ctx: FindingsContext, f: Findings): void {
  const l = f.likeForLike;
  if (!l) return;
  const withheld = withSeriesBreak(ctx, l.figures);
  if (withheld === l.figures) return;
  // The test's sentence does not depend on the opening, so the sentences with and without it differ by exactly that one.
  const kept = new Set(changeSentences(withheld, ''));
  const dropped = changeSentences(l.figures, '').filter((s) => !kept.has(s));
  l.figures = withheld;
  l.sentences = l.sentences.filter((s) => !dropped.includes(s));
}

function withholdRatings(ctx: FindingsContext, f: Findings): void {
  const nb = f.neighbours;
  if (!nb) return;
  const b = seriesBreaks(ctx);
  const broken = nb.rows.filter((r) => reasonFor(ctx, r.key));
  for (const r of broken) Object.assign(r, { rag: null, quartile: null });
  if (nb.london) nb.london = withSeriesBreak(ctx, nb.london);
  if (b.category) {
    nb.quartiles = null;
    nb.sentences = [`No RAG ratings are given: ${b.category.reason}, so the boroughs’ rate changes are not like for like.`];
    return;
  }
  if (!broken.length) return;
  const own = broken.some((r) => r.key === f.area.key);
  const words = broken.map((r) => `No RAG rating is given for ${r.name}: ${reasonFor(ctx, r.key)}, so its rate change is not like for like.`);
  nb.sentences = own ? words : [...nb.sentences, ...words];
}
