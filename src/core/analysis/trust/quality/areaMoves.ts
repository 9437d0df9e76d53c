/**
 * Areas whose crimes move to another filing part-way: a ward (or borough) whose figures under
 * one borough stop abruptly while the same ward under another borough, or a police area of its
 * own, starts. The MPS did this to Heathrow Villages in 2023: from May its crimes sit under
 * "Aviation Security (SO18)", so Hillingdon's series loses ~400 crimes a month though
 * nothing changed on the ground. Area-by-area checks miss it (the ward has figures
 * throughout); only its (borough, ward) filings break.
 */
import type { QualityFinding } from '../../../../shared/quality';
import { toIsoMonth } from '../../../months';
import type { Db } from '../../../store/workspace';
import { type CheckedDataset, count, firstFew, label, n } from './dataset';

/** A filing averaging this many crimes a month (all categories) before it stops is a break, not a quiet area. */
export const MOVE_MIN_MONTHLY = 20;
/** Months of nothing that make a stop (or that precede a start). */
const QUIET_MONTHS = 3;
/** Months averaged for the level before a stop or after a start. */
const LEVEL_MONTHS = 6;
/** A start counts as the same move when it begins this many months either side of the stop. */
const PAIR_WITHIN = 2;

interface Place {
  key: string;
  name: string;
  coded: boolean;
}

/** One (borough, area) series: for a ward file, a ward as filed under one borough. */
interface Filing {
  borough: Place;
  area: Place;
  counts: number[];
}

export interface FilingEnd {
  borough: { key: string; name: string };
  area: { key: string; name: string };
  /** The first month of nothing after a stop, or the first month with figures after a start. */
  month: number;
  /** Crimes in the month before a stop; for a start, in the month the other filing stopped. */
  edge: number;
}

export interface AreaMove {
  /** Where the crimes stopped: first month with none under the old filing, and the month before. */
  stopped: FilingEnd & { lastMonth: number };
  /** Filings that start around then: the same area under another borough, another area of the same borough, or an uncoded police area. */
  started: FilingEnd[];
}

/** Months to look at: every month held, or a span around the years an assessment compares. */
export interface MonthSpan {
  from: number;
  to: number;
}

/**
 * Every (borough, area) filing's current monthly totals over all categories, dense over the
 * months held. Rows come back as bare arrays of ids and the areas are named afterwards: a
 * ward series has over 100,000 filing-months, and building a named object for each took
 * seconds.
 */
function filings(db: Db, d: CheckedDataset, span: MonthSpan): { months: number[]; filings: Filing[] } {
  const months = db.prepare('SELECT month FROM dataset_months WHERE dataset_id = ? AND month BETWEEN ? AND ? ORDER BY month').pluck().all(d.id, span.from, span.to) as number[];
  const source =
    d.areaLevel === 'ward'
      ? 'SELECT borough_id, area_id, month, count FROM ward_totals WHERE dataset_id = ? AND month BETWEEN ? AND ?'
      : 'SELECT borough_id, borough_id, month, sum(count) FROM monthly_totals WHERE dataset_id = ? AND month BETWEEN ? AND ? GROUP BY borough_id, month';
  const rows = db.prepare(source).raw().all(d.id, span.from, span.to) as [number, number, number, number][];
  const at = new Map(months.map((m, i) => [m, i]));
  const byIds = new Map<string, { borough: number; area: number; counts: number[] }>();
  for (const [borough, area, month, n] of rows) {
    const key = `${borough}:${area}`;
    let f = byIds.get(key);
    if (!f) byIds.set(key, (f = { borough, area, counts: months.map(() => 0) }));
    const i = at.get(month);
    if (i !== undefined) f.counts[i]! += n;
  }
  const named = db.prepare('SELECT coalesce(code, name) AS key, name, code IS NOT NULL AS coded FROM areas WHERE id = ?');
  const places = new Map<number, Place>();
  const placeOf = (id: number) => {
    let p = places.get(id);
    if (!p) {
      const r = named.get(id) as { key: string; name: string; coded: number };
      places.set(id, (p = { key: r.key, name: r.name, coded: r.coded === 1 }));
    }
    return p;
  };
  return { months, filings: [...byIds.values()].map((f) => ({ borough: placeOf(f.borough), area: placeOf(f.area), counts: f.counts })) };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((t, x) => t + x, 0) / xs.length : 0);
const quiet = (xs: number[]) => xs.length >= QUIET_MONTHS && xs.every((x) => x === 0);

/** Indexes where the filing's figures stop: a busy filing followed by at least three months of nothing. */
function stops(f: Filing): number[] {
  const c = f.counts;
  const out: number[] = [];
  for (let i = 1; i < c.length; i++) {
    if (c[i - 1]! > 0 && quiet(c.slice(i, i + QUIET_MONTHS)) && mean(c.slice(Math.max(0, i - LEVEL_MONTHS), i)) >= MOVE_MIN_MONTHLY) out.push(i);
  }
  return out;
}

/** Indexes where the filing's figures start after at least three months of nothing, and stay busy. */
function starts(f: Filing): number[] {
  const c = f.counts;
  const out: number[] = [];
  for (let i = QUIET_MONTHS; i < c.length; i++) {
    if (c[i]! > 0 && quiet(c.slice(i - QUIET_MONTHS, i)) && mean(c.slice(i, i + LEVEL_MONTHS)) >= MOVE_MIN_MONTHLY) out.push(i);
  }
  return out;
}

const place = (p: Place) => ({ key: p.key, name: p.name });

/**
 * Every abrupt stop of a busy filing, with the filings that start within two months of it and
 * could have taken its crimes. A stop with no such start is still a break (its crimes vanish).
 */
export function areaMoves(db: Db, d: CheckedDataset, span: MonthSpan = { from: 0, to: 999912 }): AreaMove[] {
  if (d.kind !== 'counts') return [];
  const { months, filings: all } = filings(db, d, span);
  const started = all.flatMap((f) => starts(f).map((i) => ({ f, i })));
  return all.flatMap((f) =>
    stops(f).map((i) => ({
      stopped: { borough: place(f.borough), area: place(f.area), month: months[i]!, lastMonth: months[i - 1]!, edge: f.counts[i - 1]! },
      started: started
        .filter((s) => s.f !== f && Math.abs(s.i - i) <= PAIR_WITHIN && (s.f.area.key === f.area.key || s.f.borough.key === f.borough.key || !s.f.borough.coded))
        .map((s) => ({ borough: place(s.f.borough), area: place(s.f.area), month: months[s.i]!, edge: s.f.counts[i]! })),
    })),
  );
}

/** "Aviation Security (SO18)", or "Hayes Town in Hillingdon" when the crimes move to another area. */
export function filingName(to: FilingEnd, from: FilingEnd): string {
  return to.area.key === from.area.key || to.area.key === to.borough.key ? to.borough.name : `${to.area.name} in ${to.borough.name}`;
}

const possessive = (name: string) => `${name}${name.endsWith('s') ? '’' : '’s'}`;

/**
 * "From May 2023 Heathrow Villages’ crimes are recorded under Aviation Security (SO18), not
 * Hillingdon", or, when nothing starts, "From May 2023 no crimes are recorded in …".
 */
export function moveSentence(m: AreaMove): string {
  const s = m.stopped;
  if (!m.started.length) return `From ${label(s.month)} no crimes are recorded in ${s.area.name}${s.area.key === s.borough.key ? '' : ` (${s.borough.name})`}`;
  return `From ${label(s.month)} ${possessive(s.area.name)} crimes are recorded under ${m.started.map((t) => filingName(t, s)).join(' and ')}, not ${s.borough.name}`;
}

function moveWords(m: AreaMove): string {
  const s = m.stopped;
  const to = m.started.map((t) => `${n(t.edge)} under ${filingName(t, s)}`);
  return `${moveSentence(m)} (${n(s.edge)} under ${s.borough.name} in ${label(s.lastMonth)}, none in ${label(s.month)}${to.length ? `; ${to.join(', ')} in ${label(s.month)}` : ''})`;
}

export function areaMovesFinding(db: Db, d: CheckedDataset): QualityFinding {
  const moves = areaMoves(db, d);
  return {
    check: 'area-moves',
    severity: moves.length ? 'warning' : 'ok',
    title: moves.length
      ? moves.every((m) => m.started.length)
        ? `${count(moves.length, 'area’s crimes move', 'areas’ crimes move')} to another area or police area part-way`
        : `${count(moves.length, 'area’s crimes stop', 'areas’ crimes stop')} abruptly part-way`
      : 'No area’s crimes move to another area part-way',
    detail: moves.length
      ? firstFew(moves.map(moveWords), 10)
      : `No area averaging ${MOVE_MIN_MONTHLY} crimes a month stops to nothing while the series goes on.`,
    meaning: moves.length
      ? 'The police have started recording these crimes under another area or police area (such as Aviation Security (SO18) for Heathrow), or stopped recording them: the old area’s figures, and its borough’s, fall though crime did not. Comparisons across that month are not like for like.'
      : 'Each area’s crimes stay under the same area and borough throughout.',
    action: moves.length
      ? 'Compare such areas only on one side of the move, or count the crimes filed under the new area with them and say so; the Assessment names the move in its caveats and gives no verdict on a change that spans it.'
      : 'Nothing to do.',
    items: moves.map((m) => ({
      area: m.stopped.area.name,
      borough: m.stopped.borough.name,
      lastMonth: toIsoMonth(m.stopped.lastMonth),
      noneFrom: toIsoMonth(m.stopped.month),
      movedTo: m.started.map((t) => filingName(t, m.stopped)).join('; ') || null,
    })),
  };
}
