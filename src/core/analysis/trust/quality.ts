/**
 * The data-quality report for one dataset. Each check says what it found, what that means
 * for the figures, and what the analyst can do, so a figure can be defended in committee.
 */
import type { QualityFinding, QualityReport } from '../../../shared/quality';
import { WardlensError } from '../../errors';
import { monthRange, toIsoMonth } from '../../months';
import { monthLabel } from '../periods';
import type { Db } from '../../store/workspace';

interface DatasetRow {
  id: number;
  key: string;
  name: string;
  kind: 'counts' | 'incidents' | 'population';
  areaLevel: string;
  scheme: string | null;
}

const label = monthLabel;
const n = (x: number) => x.toLocaleString('en-GB');

export function qualityReport(db: Db, datasetKey: string): QualityReport {
  const d = db.prepare('SELECT id, key, name, kind, area_level AS areaLevel, category_scheme AS scheme FROM datasets WHERE key = ?').get(datasetKey) as DatasetRow | undefined;
  if (!d) throw new WardlensError('not-found', `There is no dataset "${datasetKey}".`);
  const findings: QualityFinding[] = [];
  if (d.kind !== 'population') {
    const totals = monthTotals(db, d);
    findings.push(missingMonths(totals), partialMonths(totals), appearing(db, d), categoryJumps(db, d));
    const wardBorough = d.areaLevel === 'ward' ? wardVersusBorough(db, d) : null;
    if (wardBorough) findings.push(wardBorough);
    if (d.kind === 'incidents') findings.push(incidentLocations(db, d));
  }
  findings.push(unmatchedNames(db, d), duplicates());
  return { dataset: { key: d.key, name: d.name }, checkedAt: new Date().toISOString(), findings };
}

function monthTotals(db: Db, d: DatasetRow): Map<number, number> {
  const sql = d.kind === 'counts'
    ? 'SELECT m.month, coalesce((SELECT sum(count) FROM current_monthly_counts c WHERE c.dataset_id = m.dataset_id AND c.month = m.month), 0) AS n FROM dataset_months m WHERE m.dataset_id = ?'
    : 'SELECT m.month, (SELECT count(*) FROM current_incidents c WHERE c.dataset_id = m.dataset_id AND c.month = m.month) AS n FROM dataset_months m WHERE m.dataset_id = ?';
  return new Map((db.prepare(sql).all(d.id) as { month: number; n: number }[]).map((r) => [r.month, r.n]));
}

function missingMonths(totals: Map<number, number>): QualityFinding {
  const months = [...totals.keys()].sort((a, b) => a - b);
  const missing = months.length ? monthRange(months[0]!, months.at(-1)!).filter((m) => !totals.has(m)) : [];
  return {
    check: 'missing-months',
    severity: missing.length ? 'warning' : 'ok',
    title: missing.length ? `${n(missing.length)} month(s) missing` : 'No months missing',
    detail: missing.length ? `No extract covers ${missing.map(label).join(', ')}.` : months.length ? `Every month from ${label(months[0]!)} to ${label(months.at(-1)!)} is held.` : 'The dataset holds no months.',
    meaning: missing.length ? 'Any year or rolling year including these months is incomplete: Wardlens marks it and gives no % change for it.' : 'Periods inside the coverage are complete.',
    action: missing.length ? 'Import an extract that covers the missing months.' : 'Nothing to do.',
    items: missing.map((m) => ({ month: toIsoMonth(m) })),
  };
}

/** A month far below its neighbours usually means the extract was cut before the month's crimes were all recorded. */
function partialMonths(totals: Map<number, number>): QualityFinding {
  const months = [...totals.keys()].sort((a, b) => a - b);
  const suspect = months.filter((m, i) => {
    const around = months.slice(Math.max(0, i - 6), i).concat(months.slice(i + 1, i + 7)).map((x) => totals.get(x)!).sort((a, b) => a - b);
    if (around.length < 4) return false;
    const median = around[Math.floor(around.length / 2)]!;
    return median >= 20 && totals.get(m)! < 0.5 * median;
  });
  return {
    check: 'partial-months',
    severity: suspect.length ? 'warning' : 'ok',
    title: suspect.length ? `${n(suspect.length)} month(s) look partial` : 'No month looks partial',
    detail: suspect.length ? `${suspect.map((m) => `${label(m)} (${n(totals.get(m)!)})`).join(', ')} ${suspect.length > 1 ? 'hold' : 'holds'} under half the crimes of the months around.` : 'Every month holds a count in line with the months around it.',
    meaning: suspect.length ? 'A partial month understates its period: comparisons that include it will show a fall that is not real.' : 'Month totals are consistent.',
    action: suspect.length ? 'Check the extract date; import a later extract once the month is complete, or leave the month out of comparisons.' : 'Nothing to do.',
    items: suspect.map((m) => ({ month: toIsoMonth(m), crimes: totals.get(m)! })),
  };
}

function appearing(db: Db, d: DatasetRow): QualityFinding {
  const areaColumn = d.kind === 'incidents' ? 'lsoa_id' : 'area_id';
  const table = d.kind === 'incidents' ? 'current_incidents' : 'current_monthly_counts';
  const span = db.prepare('SELECT min(month) AS f, max(month) AS l FROM dataset_months WHERE dataset_id = ?').get(d.id) as { f: number; l: number };
  const rows = db
    // Areas with a handful of figures in all (an LSOA over the force boundary) come and go by chance: not reported.
    .prepare(`SELECT a.name, min(x.month) AS f, max(x.month) AS l FROM ${table} x JOIN areas a ON a.id = x.${areaColumn} WHERE x.dataset_id = ? GROUP BY x.${areaColumn} HAVING count(*) >= 12`)
    .all(d.id) as { name: string; f: number; l: number }[];
  // Only areas absent for a whole year at either end: sparse small areas come and go month to month.
  const yearAfter = (m: number) => m + 100;
  const changed = rows.filter((r) => r.f >= yearAfter(span.f) || yearAfter(r.l) <= span.l);
  return {
    check: 'areas-appear-disappear',
    severity: changed.length ? 'note' : 'ok',
    title: changed.length ? `${n(changed.length)} area(s) appear or disappear` : 'The same areas throughout',
    detail: changed.length ? changed.slice(0, 12).map((r) => `${r.name} (${label(r.f)} – ${label(r.l)})`).join('; ') + (changed.length > 12 ? `; and ${n(changed.length - 12)} more` : '') : 'Every area has figures from the start of the data to its end.',
    meaning: changed.length ? 'Areas that start or stop part-way are usually boundary or coding changes: their trends across the change are not like for like.' : 'Area trends are comparable across the whole span.',
    action: changed.length ? 'Compare such areas only over months where they exist, or use a dataset on one boundary set.' : 'Nothing to do.',
    items: changed.map((r) => ({ area: r.name, first: toIsoMonth(r.f), last: toIsoMonth(r.l) })),
  };
}

function categoryJumps(db: Db, d: DatasetRow): QualityFinding {
  const table = d.kind === 'incidents' ? 'current_incidents' : 'current_monthly_counts';
  const measure = d.kind === 'incidents' ? 'count(*)' : 'sum(x.count)';
  const rows = db.prepare(`SELECT c.minor AS category, x.month, ${measure} AS n FROM ${table} x JOIN categories c ON c.id = x.category_id WHERE x.dataset_id = ? GROUP BY x.category_id, x.month ORDER BY x.category_id, x.month`).all(d.id) as { category: string; month: number; n: number }[];
  const jumps: { category: string; from: number; to: number; before: number; after: number }[] = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    if (a.category !== b.category) continue;
    const [lo, hi] = a.n < b.n ? [a.n, b.n] : [b.n, a.n];
    if (hi >= 30 && hi >= 4 * Math.max(lo, 1)) jumps.push({ category: b.category, from: a.month, to: b.month, before: a.n, after: b.n });
  }
  return {
    check: 'category-jumps',
    severity: jumps.length ? 'warning' : 'ok',
    title: jumps.length ? `${n(jumps.length)} implausible month-to-month jump(s)` : 'No implausible jumps',
    detail: jumps.length ? jumps.slice(0, 10).map((j) => `${j.category}: ${n(j.before)} in ${label(j.from)} → ${n(j.after)} in ${label(j.to)}`).join('; ') : 'No category changes by a factor of four or more from one month to the next.',
    meaning: jumps.length ? 'A fourfold change in a month is rarely real crime: it is usually a recording or classification change (a category starting, stopping or being renamed).' : 'Category series are continuous.',
    action: jumps.length ? 'Check the category’s definition around that month before comparing across it.' : 'Nothing to do.',
    items: jumps.map((j) => ({ category: j.category, from: toIsoMonth(j.from), to: toIsoMonth(j.to), before: j.before, after: j.after })),
  };
}

/** The ward dataset summed by borough against a borough dataset of the same category scheme, month by month. */
function wardVersusBorough(db: Db, d: DatasetRow): QualityFinding | null {
  const borough = db.prepare("SELECT id, name FROM datasets WHERE kind = 'counts' AND area_level = 'borough' AND category_scheme IS ? ORDER BY id DESC").get(d.scheme) as { id: number; name: string } | undefined;
  if (!borough) return null;
  const shared = 'month IN (SELECT a.month FROM dataset_months a JOIN dataset_months b ON a.month = b.month WHERE a.dataset_id = ? AND b.dataset_id = ?)';
  const byBorough = (datasetId: number, column: string) =>
    new Map(
      (db.prepare(`SELECT ${column} AS area, sum(count) AS n FROM current_monthly_counts WHERE dataset_id = ? AND ${shared} GROUP BY ${column}`).all(datasetId, d.id, borough.id) as { area: number; n: number }[]).map((r) => [r.area, r.n]),
    );
  const wards = byBorough(d.id, 'borough_id');
  const boroughs = byBorough(borough.id, 'area_id');
  const months = (db.prepare('SELECT count(*) AS n FROM dataset_months a JOIN dataset_months b ON a.month = b.month WHERE a.dataset_id = ? AND b.dataset_id = ?').get(d.id, borough.id) as { n: number }).n;
  if (months === 0) return null;
  const names = db.prepare('SELECT name FROM areas WHERE id = ?');
  // Every police area either dataset files crimes under: the airports are one area in one file and another in the other.
  const rows = [...new Set([...wards.keys(), ...boroughs.keys()])]
    .map((id) => ({ name: (names.get(id) as { name: string }).name, borough: boroughs.get(id) ?? 0, wards: wards.get(id) ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const totalB = rows.reduce((t, r) => t + r.borough, 0);
  const totalW = rows.reduce((t, r) => t + r.wards, 0);
  const shortfall = totalB - totalW;
  return {
    check: 'ward-vs-borough',
    severity: Math.abs(shortfall) > 0.01 * totalB ? 'warning' : 'note',
    title: `Ward figures are ${n(Math.abs(shortfall))} ${shortfall >= 0 ? 'short of' : 'above'} the borough totals`,
    detail: `Over the ${n(months)} months both datasets cover, the wards add up to ${n(totalW)} against ${n(totalB)} in "${borough.name}" (${((100 * Math.abs(shortfall)) / Math.max(totalB, 1)).toFixed(1)}%).`,
    meaning: 'Some crimes carry no ward (no location, or filed under a police area such as the airports); ward figures will not add up to the published borough figure.',
    action: 'Quote borough figures from the borough dataset; use ward figures to compare wards with each other, and say so in the caveats.',
    items: rows.map((r) => ({ borough: r.name, boroughTotal: r.borough, wardTotal: r.wards, shortfall: r.borough - r.wards })),
  };
}

function incidentLocations(db: Db, d: DatasetRow): QualityFinding {
  const r = db.prepare('SELECT count(*) AS total, sum(latitude IS NULL OR longitude IS NULL) AS noPoint, sum(lsoa_id IS NULL) AS noLsoa FROM current_incidents WHERE dataset_id = ?').get(d.id) as { total: number; noPoint: number; noLsoa: number };
  const share = r.total ? (100 * r.noPoint) / r.total : 0;
  return {
    check: 'incident-locations',
    severity: r.noPoint ? 'note' : 'ok',
    title: `${n(r.noPoint)} of ${n(r.total)} incidents have no location (${share.toFixed(1)}%)`,
    detail: `${n(r.noPoint)} rows have no map point and ${n(r.noLsoa)} no LSOA. police.uk points are snapped to anonymised map points, which can make false hotspots.`,
    meaning: 'Rows without a location count in force-wide totals but in no ward, LSOA or hotspot.',
    action: 'Quote area figures as "crimes with a recorded location".',
    items: [{ incidents: r.total, withoutPoint: r.noPoint, withoutLsoa: r.noLsoa }],
  };
}

function unmatchedNames(db: Db, d: DatasetRow): QualityFinding {
  const rows = db.prepare('SELECT file_name AS file, unmatched_names AS names FROM imports WHERE dataset_id = ?').all(d.id) as { file: string; names: string }[];
  const items = rows.flatMap((r) => (JSON.parse(r.names) as { name: string; rows: number }[]).map((u) => ({ file: r.file, name: u.name, rows: u.rows })));
  return {
    check: 'unmatched-names',
    severity: items.length ? 'warning' : 'ok',
    title: items.length ? `${n(items.length)} area name(s) matched no known area` : 'Every area name matched',
    detail: items.length ? items.slice(0, 12).map((i) => `${i.name} (${n(i.rows)} rows, ${i.file})`).join('; ') : 'Every row’s area was matched by code or name.',
    meaning: items.length ? 'Rows for unmatched names were not imported: their crimes are missing from every figure.' : 'No rows were left out for their area name.',
    action: items.length ? 'Correct the names in the file (or give ONS codes) and import it again.' : 'Nothing to do.',
    items,
  };
}

function duplicates(): QualityFinding {
  return {
    check: 'duplicates',
    severity: 'ok',
    title: 'No duplicate or conflicting rows',
    detail: 'Wardlens refuses a file that gives the same area, category and month twice, and never imports the same file twice.',
    meaning: 'No figure is double counted.',
    action: 'Nothing to do.',
    items: [],
  };
}
