/**
 * The cut-down-extract check of `npm run bench`: what the check an import makes when it takes
 * over months from an older extract (src/core/importers/cutDown.ts) costs, on the pivot
 * bench's generated workspace at its size. A newer extract of the ward file claims the last
 * 24 months twice over: as the whole file again (the usual monthly import: the check runs and
 * finds nothing to say) and as one ward's rows (a cut-down extract: the check warns).
 *
 * Each is set up as an import leaves things just before the check (the months claimed through
 * the store's claim rule, the older figures moved to the superseded ones, the new figures
 * written), inside a transaction that is rolled back: the kept workspace is never changed.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { addMonths } from '../src/core/analysis/periods';
import { checkCutDown } from '../src/core/importers/cutDown';
import { monthRange } from '../src/core/months';
import { insertImport } from '../src/core/store/imports';
import { claimMonths } from '../src/core/store/revisions';
import type { Db } from '../src/core/store/workspace';
import { median } from './report';

/** An MPS ward file's usual reach: its most recent 24 months. */
const MONTHS_CLAIMED = 24;

export interface CutDownCase {
  id: 'whole-file-again' | 'one-ward';
  name: string;
  months: number;
  /** Figures the newer extract holds in the months it takes over, and those it replaces there. */
  figuresNow: number;
  figuresReplaced: number;
  /** Whether the check warned, as it must for one ward and must not for the whole file. */
  warned: boolean;
  /** The first run (fresh statements, as an import makes it once), then the measured runs, ms. */
  firstRun: number;
  runs: number[];
  median: number;
}

const CASES: { id: CutDownCase['id']; name: string; oneWard: boolean }[] = [
  { id: 'whole-file-again', name: 'Newer extract, every ward and category (no warning)', oneWard: false },
  { id: 'one-ward', name: 'Cut-down extract, one ward (warns)', oneWard: true },
];

export function runCutDownBench(db: Db, runs: number): CutDownCase[] {
  const dataset = db.prepare("SELECT id FROM datasets WHERE kind = 'counts' ORDER BY id LIMIT 1").pluck().get() as number | undefined;
  if (dataset === undefined) throw new Error('the bench workspace has no counts dataset');
  const last = db.prepare('SELECT max(month) FROM dataset_months WHERE dataset_id = ?').pluck().get(dataset) as number;
  const months = monthRange(addMonths(last, -(MONTHS_CLAIMED - 1)), last);
  return CASES.map((c) => inRolledBackTransaction(db, () => timeCase(db, dataset, months, c, runs)));
}

function inRolledBackTransaction<T>(db: Db, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    return work();
  } finally {
    db.exec('ROLLBACK');
  }
}

function timeCase(db: Db, dataset: number, months: number[], c: (typeof CASES)[number], runs: number): CutDownCase {
  const importId = insertImport(db, {
    datasetId: dataset, fileName: `bench ${c.id}.csv`, filePath: '', fileSize: 0, sha256: `bench:${randomUUID()}`,
    format: 'mps-ward', mapping: null, startedAt: new Date().toISOString(),
  });
  const claims = claimMonths(db, dataset, importId, months, months.at(-1)!, 'counts');
  if (claims.superseded.length !== months.length) throw new Error(`the bench extract took over ${claims.superseded.length} of ${months.length} months`);
  const list = JSON.stringify(months);
  // The newer extract's figures: the ones it replaces, again (all of them, or one ward's).
  const figuresNow = db
    .prepare(
      `INSERT INTO monthly_counts (dataset_id, borough_id, month, category_id, area_id, import_id, count, source_row)
       SELECT dataset_id, borough_id, month, category_id, area_id, ?, count, source_row FROM superseded_counts
       WHERE dataset_id = ? AND month IN (SELECT value FROM json_each(?))
         AND (? = 0 OR area_id = (SELECT min(area_id) FROM superseded_counts WHERE dataset_id = ?))`,
    )
    .run(importId, dataset, list, c.oneWard ? 1 : 0, dataset).changes;
  const figuresReplaced = db
    .prepare('SELECT count(*) FROM superseded_counts WHERE dataset_id = ? AND month IN (SELECT value FROM json_each(?))')
    .pluck()
    .get(dataset, list) as number;
  const check = () => checkCutDown(db, dataset, importId, claims.superseded, 'ward');
  let t0 = performance.now();
  const warning = check();
  const firstRun = performance.now() - t0;
  if ((warning !== null) !== c.oneWard) throw new Error(`the cut-down check ${warning ? 'warned' : 'did not warn'} on "${c.name}"`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    check();
    times.push(performance.now() - t0);
  }
  return { id: c.id, name: c.name, months: months.length, figuresNow, figuresReplaced, warned: warning !== null, firstRun, runs: times, median: median(times) };
}

export function cutDownMarkdown(cases: CutDownCase[]): string {
  return [
    '## Cut-down extract check on import',
    '',
    `The check an import makes when it takes over months from an older extract, on the workspace above: a newer extract claims the last ${cases[0]?.months ?? MONTHS_CLAIMED} months, set up as the import leaves things just before the check, in a transaction rolled back afterwards. The first run is the one an import makes; the median is over the runs after it.`,
    '',
    '| Case | Figures now | Figures replaced | Warned | First run ms | Median ms | Runs (ms) |',
    '| --- | ---: | ---: | --- | ---: | ---: | --- |',
    ...cases.map(
      (c) =>
        `| ${c.name} | ${c.figuresNow.toLocaleString('en-GB')} | ${c.figuresReplaced.toLocaleString('en-GB')} | ${c.warned ? 'yes' : 'no'} | ${c.firstRun.toFixed(1)} | ${c.median.toFixed(1)} | ${c.runs.map((x) => x.toFixed(1)).join(', ')} |`,
    ),
    '',
  ].join('\n');
}
