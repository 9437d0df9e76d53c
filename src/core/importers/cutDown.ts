/**
 * A newer extract supersedes the months it shares with an older one, month by month (the
 * brief's rule, store/revisions.ts). A cut-down extract (one ward, a few categories) would
 * then replace whole London months with a sliver of them, silently. This compares what the
 * file holds in the months it takes over with the figures it replaced there, and words a
 * warning when it holds under half of their areas or categories, so the analyst can undo it.
 */
import type { CutDownExtract } from '../../shared/importing';
import { counted } from '../../shared/counted';
import type { AreaKind } from '../../shared/workspace';
import { monthLabel } from '../analysis/periods';
import { monthRange, toIsoMonth } from '../months';
import { currentExtractsSql } from '../store/revisions';
import type { Db } from '../store/workspace';

/** Under this share of the replaced figures' areas (or categories), the file is taken for a cut-down extract. */
const CUT_DOWN_SHARE = 0.5;

interface Spread {
  areas: number;
  categories: number;
}

/** Areas and categories in this import's figures for the months given. */
function spreadOfImport(db: Db, datasetId: number, importId: number, months: string): Spread {
  return db
    .prepare(
      `SELECT count(DISTINCT area_id) AS areas, count(DISTINCT category_id) AS categories FROM monthly_counts
       WHERE dataset_id = ? AND import_id = ? AND month IN (SELECT value FROM json_each(?))`,
    )
    .get(datasetId, importId, months) as Spread;
}

/**
 * Areas and categories in the figures this import replaced: for each month, the extract the
 * store's claim rule made current before it (every other import of the dataset competes),
 * whose figures are now kept as a revision.
 */
const REPLACED_EXTRACTS_SQL = currentExtractsSql('i.id <> ? AND im.month IN (SELECT value FROM json_each(?))');

function spreadReplaced(db: Db, datasetId: number, importId: number, months: string): Spread {
  return db
    .prepare(
      `WITH before AS (${REPLACED_EXTRACTS_SQL})
       SELECT count(DISTINCT s.area_id) AS areas, count(DISTINCT s.category_id) AS categories
       FROM superseded_counts s JOIN before b ON b.month = s.month AND b.import_id = s.import_id
       WHERE s.dataset_id = ?`,
    )
    .get(datasetId, importId, months, datasetId) as Spread;
}

/**
 * "Jan 2024 – Dec 2025 (24 months)", or "Mar 2024" for one; gaps are said as "between". Not
 * the export's first-to-last span (export/words.ts): the months taken over need not run on.
 */
function monthsTakenOverText(months: number[]): string {
  const first = months[0]!;
  const last = months.at(-1)!;
  if (months.length === 1) return monthLabel(first);
  const joined = monthRange(first, last).length === months.length;
  return joined
    ? `${monthLabel(first)} – ${monthLabel(last)} (${counted(months.length, 'month')})`
    : `${counted(months.length, 'month')} between ${monthLabel(first)} and ${monthLabel(last)}`;
}

const AREA_WORD: Record<AreaKind, string> = { ward: 'ward', borough: 'borough', lsoa: 'LSOA' };

/** The warning for a cut-down extract, or null when the file holds about what it replaces. */
export function checkCutDown(db: Db, datasetId: number, importId: number, superseded: number[], areaLevel: AreaKind): CutDownExtract | null {
  if (superseded.length === 0) return null;
  const months = [...superseded].sort((a, b) => a - b);
  const list = JSON.stringify(months);
  const now = spreadOfImport(db, datasetId, importId, list);
  const before = spreadReplaced(db, datasetId, importId, list);
  const fewerAreas = now.areas < before.areas * CUT_DOWN_SHARE;
  const fewerCategories = now.categories < before.categories * CUT_DOWN_SHARE;
  if (!fewerAreas && !fewerCategories) return null;
  const word = AREA_WORD[areaLevel];
  const held = [
    fewerAreas ? `${counted(now.areas, word)} where the figures it replaces held ${before.areas.toLocaleString('en-GB')}` : null,
    fewerCategories
      ? `${counted(now.categories, 'category', 'categories')} where they held ${before.categories.toLocaleString('en-GB')}`
      : null,
  ].filter(Boolean);
  return {
    months: months.map(toIsoMonth),
    areaLevel,
    areas: { now: now.areas, before: before.areas },
    categories: { now: now.categories, before: before.categories },
    message: `This file replaces ${monthsTakenOverText(months)}, but holds ${held.join(', and ')}. If it is a cut-down extract, undo this import.`,
  };
}
