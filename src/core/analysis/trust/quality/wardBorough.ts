/**
 * Ward figures against borough figures: the ward dataset summed by borough against a borough
 * dataset of the same category scheme, over the months both hold. The MPS publishes both,
 * and councillors notice when the wards do not add up to the borough.
 */
import type { QualityFinding } from '../../../../shared/quality';
import type { Db } from '../../../store/workspace';
import { type CheckedDataset, label, n, percent } from './dataset';

interface Comparison {
  borough: { id: number; name: string };
  months: number[];
  rows: { name: string; borough: number; wards: number }[];
}

function compare(db: Db, d: CheckedDataset): Comparison | null {
  const borough = db
    .prepare("SELECT id, name FROM datasets WHERE kind = 'counts' AND area_level = 'borough' AND category_scheme IS ? ORDER BY id DESC")
    .get(d.scheme) as { id: number; name: string } | undefined;
  if (!borough) return null;
  const months = db
    .prepare('SELECT a.month FROM dataset_months a JOIN dataset_months b ON a.month = b.month WHERE a.dataset_id = ? AND b.dataset_id = ? ORDER BY a.month')
    .pluck()
    .all(d.id, borough.id) as number[];
  // The borough totals kept on import answer this without reading every ward figure.
  const byBorough = (datasetId: number) =>
    new Map(
      (
        db
          .prepare('SELECT borough_id AS area, sum(count) AS n FROM monthly_totals WHERE dataset_id = ? AND month IN (SELECT value FROM json_each(?)) GROUP BY borough_id')
          .all(datasetId, JSON.stringify(months)) as { area: number; n: number }[]
      ).map((r) => [r.area, r.n]),
    );
  const wards = byBorough(d.id);
  const boroughs = byBorough(borough.id);
  const names = db.prepare('SELECT name FROM areas WHERE id = ?').pluck();
  // Every police area either dataset files crimes under: the airports are one area in one file and another in the other.
  const rows = [...new Set([...wards.keys(), ...boroughs.keys()])]
    .map((id) => ({ name: names.get(id) as string, borough: boroughs.get(id) ?? 0, wards: wards.get(id) ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { borough, months, rows };
}

export function wardVersusBorough(db: Db, d: CheckedDataset): QualityFinding {
  const c = compare(db, d);
  if (!c || c.months.length === 0) return notCompared(c ? `no month in common with "${c.borough.name}"` : 'no borough dataset with the same categories');
  const totalB = c.rows.reduce((t, r) => t + r.borough, 0);
  const totalW = c.rows.reduce((t, r) => t + r.wards, 0);
  const shortfall = totalB - totalW;
  const span = `${label(c.months[0]!)} – ${label(c.months.at(-1)!)}`;
  return {
    check: 'ward-vs-borough',
    severity: Math.abs(shortfall) > 0.01 * totalB ? 'warning' : 'note',
    title: `Ward figures are ${n(Math.abs(shortfall))} (${percent(Math.abs(shortfall), totalB)}) ${shortfall >= 0 ? 'short of' : 'above'} the borough totals`,
    detail: `Over the ${n(c.months.length)} months both datasets cover (${span}), the wards add up to ${n(totalW)} against ${n(totalB)} in "${c.borough.name}", ${shortfall >= 0 ? 'a shortfall' : 'an excess'} of ${n(Math.abs(shortfall))} (${percent(Math.abs(shortfall), totalB)}).`,
    meaning: 'Some crimes carry no ward (no location, or filed under a police area such as the airports); ward figures will not add up to the published borough figure.',
    action: 'Quote borough figures from the borough dataset; use ward figures to compare wards with each other, and say so in the caveats.',
    items: c.rows.map((r) => ({
      borough: r.name,
      boroughTotal: r.borough,
      wardTotal: r.wards,
      shortfall: r.borough - r.wards,
      shortfallPercent: r.borough ? Math.round((1000 * (r.borough - r.wards)) / r.borough) / 10 : null,
    })),
  };
}

function notCompared(why: string): QualityFinding {
  return {
    check: 'ward-vs-borough',
    severity: 'note',
    title: 'Ward totals not checked against borough totals',
    detail: `There is ${why} in this workspace to compare the wards with.`,
    meaning: 'Ward figures usually fall a little short of the published borough figures (crimes with no ward); without the borough file, how far short is unknown.',
    action: 'Import the MPS borough-level file of the same categories and months (e.g. "MPS Borough Level Crime (most recent 24 months).csv") to see the shortfall.',
    items: [],
  };
}
