/**
 * The pivot part of `npm run bench` (issue 3 §7): how fast the analysis engine answers an
 * analyst's big questions, with DuckDB answering the same questions from the same raw rows
 * as the yardstick. The workspace is made through Wardlens's own importers (so the summary
 * tables are the ones an import keeps): an MPS ward file of every 2022 London ward × the full
 * category list × ten years (2.6 million stored figures), and a million police.uk incidents
 * over five years placed in the real 2022 ward boundaries (../shared/data/boundaries).
 *
 * On the same workspace, the check an import makes for a cut-down extract (bench/cutDown.ts).
 *
 * Making it takes minutes, so it is made once and kept in the temp folder, keyed by the
 * generator version, the size and the workspace schema version; reruns start at once.
 *
 * Run alone with `node dist/bench/run.js --pivot [--quick | --pivot-size small|full] [--runs N]`
 * (or WARDLENS_BENCH_PIVOT_SIZE=small); writes bench/results/pivot-<time>.{json,md} and
 * pivot-latest.{json,md}.
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PivotSpec } from '../src/shared/pivot';
import type { FactsSpec } from '../src/shared/findings';
import { buildFindings } from '../src/core/analysis/findings/build';
import { runPivot } from '../src/core/analysis/pivot/run';
import { assignAreas } from '../src/core/geo/assignAreas';
import { importBoundaries } from '../src/core/geo/importBoundaries';
import { importFile } from '../src/core/importers/importFile';
import { migrations } from '../src/core/store/migrations';
import { openWorkspace, type Db, type Workspace } from '../src/core/store/workspace';
import { londonWardTable, writeMpsWardCsv, writePoliceUkCsv } from './generate';
import { cutDownMarkdown, runCutDownBench, type CutDownCase } from './cutDown';
import { duckdbYardstick, type Yardstick } from './pivotDuckdb';
import { log, median } from './report';

/** Bump when the generated workspace changes, so a kept one from an older generator is not reused. */
const PIVOT_GENERATOR_VERSION = 2;

const SIZES = {
  full: { boroughs: undefined as string[] | undefined, incidents: 1_000_000 },
  small: { boroughs: ['Harrow', 'Brent', 'Barnet', 'Ealing', 'Camden', 'Hillingdon'], incidents: 100_000 },
};
type Size = keyof typeof SIZES;

/** Ten years of counts, five of incidents; the questions ask for five and four of them. */
const COUNT_MONTHS = { first: 201401, count: 120 };
const INCIDENT_MONTHS = { first: '2019-01', count: 60 };
const THREE_BOROUGHS = ['Harrow', 'Brent', 'Barnet'];

export interface PivotCase {
  id: string;
  name: string;
  /** Wardlens's answer, all the way to the typed table (SQL, grid, measures, flags, totals). */
  wardlens: number[];
  /** DuckDB's answer to the same question, the grouped rows with their labels read into JS. */
  duckdb: number[] | null;
  /** CPU ms of the same runs (all threads of this process): steadier than wall time on a shared machine. */
  wardlensCpu: number[];
  duckdbCpu: number[] | null;
  /** DuckDB's grouping alone (the groups counted, not read into JS), and Wardlens's ratio to it. */
  duckdbQueryOnlyMedian: number | null;
  ratioToQueryOnly: number | null;
  median: number;
  /** The first, cold run (fresh statements, nothing compiled yet), not in the median. */
  firstRun: number;
  duckdbMedian: number | null;
  ratio: number | null;
  cells: number;
  target: string;
  pass: boolean;
}

/** Unmeasured runs before the measured ones (the first is reported as the cold run). */
const WARM_UP_RUNS = 3;
const ms = (t0: number) => performance.now() - t0;
const cpuMs = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

function parse(argv: string[]) {
  const value = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
  const quick = argv.includes('--quick') || process.env.WARDLENS_BENCH_QUICK === '1';
  const size = (value('pivot-size') ?? process.env.WARDLENS_BENCH_PIVOT_SIZE ?? (quick ? 'small' : 'full')) as Size;
  if (!(size in SIZES)) throw new Error('--pivot-size takes "small" or "full"');
  const runs = Number(value('runs') ?? process.env.WARDLENS_BENCH_RUNS ?? (quick ? 3 : 7));
  if (!Number.isInteger(runs) || runs <= 0) throw new Error(`--runs: not a positive whole number: ${runs}`);
  return { size, runs, duckdb: !argv.includes('--no-duckdb'), out: resolve(value('out') ?? 'bench/results') };
}

/** The kept workspace (and DuckDB copy) for this size, made if missing. */
async function ensureWorkspace(size: Size, dir: string): Promise<void> {
  const ready = join(dir, 'ready');
  if (existsSync(ready)) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const boundaries = resolve('..', 'shared', 'data', 'boundaries');
  if (!existsSync(boundaries)) throw new Error(`The pivot bench needs the real boundaries at ${boundaries}.`);
  const t0 = performance.now();
  const ws = openWorkspace(join(dir, 'workspace.wardlens.sqlite'));
  try {
    const wardFile = join(dir, 'mps-ward-london.csv');
    writeMpsWardCsv(wardFile, londonWardTable({ boroughs: SIZES[size].boroughs, months: COUNT_MONTHS.count, firstMonth: COUNT_MONTHS.first }));
    await importOrThrow(ws, wardFile);
    rmSync(wardFile);
    const policeFile = join(dir, 'policeuk-street.csv');
    writePoliceUkCsv(policeFile, { rows: SIZES[size].incidents, firstMonth: INCIDENT_MONTHS.first, months: INCIDENT_MONTHS.count });
    await importOrThrow(ws, policeFile);
    rmSync(policeFile);
    importBoundaries(ws, join(boundaries, 'london_wards_2022_merged.geojson'));
    importBoundaries(ws, join(boundaries, 'london_boroughs', 'london_boroughs.geojson'));
    const placed = assignAreas(ws.db, { dataset: incidentsKey(ws.db), vintage: '2022' });
    log(`  placed ${placed.assigned.toLocaleString('en-GB')} incidents in wards (${placed.outside.toLocaleString('en-GB')} outside, ${placed.noLocation.toLocaleString('en-GB')} without a location)`);
  } finally {
    ws.close();
  }
  log(`  workspace made in ${(ms(t0) / 1000).toFixed(1)} s`);
  writeFileSync(ready, new Date().toISOString());
}

async function importOrThrow(ws: Workspace, file: string): Promise<void> {
  const t0 = performance.now();
  const r = await importFile(ws, file);
  if (r.status !== 'imported') throw new Error(`import of ${file} failed: ${JSON.stringify(r.error ?? r.status)}`);
  log(`  imported ${r.rowsStored.toLocaleString('en-GB')} rows of ${file} in ${(ms(t0) / 1000).toFixed(1)} s`);
}

const datasetKey = (db: Db, kind: 'counts' | 'incidents') =>
  (db.prepare('SELECT key FROM datasets WHERE kind = ? ORDER BY id LIMIT 1').pluck().get(kind) as string | undefined) ??
  (() => {
    throw new Error(`the bench workspace has no ${kind} dataset`);
  })();
const incidentsKey = (db: Db) => datasetKey(db, 'incidents');

interface Question {
  id: string;
  name: string;
  wardlens: (db: Db) => number;
  duckdb: string | null;
  limitMs: number;
}

function questions(db: Db): Question[] {
  const counts = datasetKey(db, 'counts');
  const incidents = incidentsKey(db);
  const pivot = (spec: PivotSpec) => () => {
    const r = runPivot(db, spec);
    return r.rows.length * r.columns.length;
  };
  const facts: FactsSpec = { dataset: counts, area: 'Harrow', category: 'Domestic Burglary', year: 2023, neighbours: ['Brent', 'Barnet', 'Ealing', 'Hillingdon'] };
  return [
    {
      id: 'ward-month-category',
      name: 'Ward × month × category, three boroughs (Harrow, Brent, Barnet), five years',
      wardlens: pivot({ dataset: counts, rows: ['ward', 'month'], columns: ['category'], filters: { borough: THREE_BOROUGHS }, months: { from: '2019-01', to: '2023-12' } }),
      duckdb: `SELECT a.code, a.name, f.month, c.key, c.minor, sum(f.count) FROM monthly_counts f
                 JOIN areas a ON a.id = f.area_id JOIN areas b ON b.id = f.borough_id JOIN categories c ON c.id = f.category_id
               WHERE b.name IN ('Harrow', 'Brent', 'Barnet') AND f.month BETWEEN 201901 AND 202312 GROUP BY ALL`,
      limitMs: 100,
    },
    {
      id: 'borough-category-year',
      name: 'Borough × category × year, everything',
      wardlens: pivot({ dataset: counts, rows: ['borough', 'category'], columns: ['year'] }),
      duckdb: `SELECT b.code, b.name, c.key, c.minor, f.month // 100 AS year, sum(f.count) FROM monthly_counts f
                 JOIN areas b ON b.id = f.borough_id JOIN categories c ON c.id = f.category_id GROUP BY ALL`,
      limitMs: 100,
    },
    {
      id: 'incidents-ward-type',
      name: 'All wards × crime type, four years of incidents',
      wardlens: pivot({ dataset: incidents, rows: ['ward'], columns: ['crime-type'], months: { from: '2020-01', to: '2023-12' } }),
      duckdb: `SELECT coalesce(w.code, CASE WHEN i.longitude IS NULL THEN 'no-location' WHEN p.longitude IS NULL THEN 'not-assigned' ELSE 'outside' END) AS ward,
                      coalesce(w.name, 'elsewhere'), c.key, c.minor, count(*) FROM incidents i
                 LEFT JOIN incident_places p ON p.longitude = i.longitude AND p.latitude = i.latitude
                 LEFT JOIN areas w ON w.id = p.ward_id JOIN categories c ON c.id = i.category_id
               WHERE i.month BETWEEN 202001 AND 202312 GROUP BY ALL`,
      limitMs: 100,
    },
    {
      id: 'findings',
      name: 'Findings: Harrow, domestic burglary, 2023 against 2022, four neighbours',
      wardlens: () => {
        const f = buildFindings(db, facts);
        return f.wards?.rows.length ?? 0;
      },
      duckdb: null,
      limitMs: 250,
    },
  ];
}

export async function runPivotBench(argv: string[]): Promise<PivotCase[]> {
  const options = parse(argv);
  // Keyed by the schema's migrations too: a workspace made before a summary table existed is not reused.
  const schema = migrations.map((m) => m.version).join('.');
  const dir = join(tmpdir(), `wardlens-pivot-bench-g${PIVOT_GENERATOR_VERSION}-m${schema}-${options.size}`);
  log(`Pivot bench (${options.size}): workspace in ${dir}`);
  await ensureWorkspace(options.size, dir);
  const yardstick: Yardstick | null = options.duckdb ? await duckdbYardstick(join(dir, 'workspace.wardlens.sqlite'), join(dir, 'yardstick.duckdb')) : null;
  const ws = openWorkspace(join(dir, 'workspace.wardlens.sqlite'), { mustExist: true });
  const cases: PivotCase[] = [];
  try {
    const rows = ws.db.prepare('SELECT count(*) FROM monthly_counts').pluck().get() as number;
    const incidents = ws.db.prepare('SELECT count(*) FROM incidents').pluck().get() as number;
    log(`  ${rows.toLocaleString('en-GB')} monthly-count rows, ${incidents.toLocaleString('en-GB')} incidents`);
    for (const q of questions(ws.db)) {
      const ours: number[] = [];
      const theirs: number[] = [];
      let cells = 0;
      // Warm-up runs first, as the engine (a long-lived worker) is warm after an analyst's first
      // few pivots: statements prepared, pages cached, hot code compiled. The first run is
      // reported on its own. Then Wardlens and DuckDB back to back, so a change in the
      // machine's load falls on both alike.
      const cold = performance.now();
      q.wardlens(ws.db);
      const firstRun = ms(cold);
      for (let i = 1; i < WARM_UP_RUNS; i++) q.wardlens(ws.db);
      if (q.duckdb && yardstick) await yardstick.query(q.duckdb);
      const oursCpu: number[] = [];
      const theirsQueryOnly: number[] = [];
      const theirsCpu: number[] = [];
      for (let i = 0; i < options.runs; i++) {
        let t0 = performance.now();
        let c0 = process.cpuUsage();
        cells = q.wardlens(ws.db);
        ours.push(ms(t0));
        oursCpu.push(cpuMs(c0));
        if (q.duckdb && yardstick) {
          t0 = performance.now();
          c0 = process.cpuUsage();
          await yardstick.query(q.duckdb);
          theirs.push(ms(t0));
          theirsCpu.push(cpuMs(c0));
          t0 = performance.now();
          await yardstick.queryOnly(q.duckdb);
          theirsQueryOnly.push(ms(t0));
        }
      }
      const m = median(ours);
      const d = theirs.length ? median(theirs) : null;
      const ratio = d ? m / d : null;
      const pass = m < q.limitMs && (q.duckdb === null || ratio === null || ratio <= 3);
      cases.push({
        id: q.id, name: q.name, wardlens: ours, duckdb: theirs.length ? theirs : null, median: m, firstRun, duckdbMedian: d, ratio, cells,
        wardlensCpu: oursCpu, duckdbCpu: theirsCpu.length ? theirsCpu : null,
        duckdbQueryOnlyMedian: theirsQueryOnly.length ? median(theirsQueryOnly) : null,
        ratioToQueryOnly: theirsQueryOnly.length ? m / median(theirsQueryOnly) : null,
        target: q.duckdb ? `< ${q.limitMs} ms and ≤ 3× DuckDB` : `< ${q.limitMs} ms`, pass,
      });
      log(`  ${q.name}: ${m.toFixed(1)} ms${d !== null ? ` (DuckDB ${d.toFixed(1)} ms, ${ratio!.toFixed(2)}×)` : ''} ${pass ? 'PASS' : 'FAIL'}`);
    }
    const cutDown = runCutDownBench(ws.db, options.runs);
    for (const c of cutDown) log(`  ${c.name}: ${c.median.toFixed(1)} ms (first run ${c.firstRun.toFixed(1)} ms)`);
    writeResults(options, cases, cutDown, rows, incidents, statSync(join(dir, 'workspace.wardlens.sqlite')).size);
  } finally {
    ws.close();
    yardstick?.close();
  }
  return cases;
}

function writeResults(options: ReturnType<typeof parse>, cases: PivotCase[], cutDown: CutDownCase[], rows: number, incidents: number, bytes: number): void {
  const f = (x: number | null) => (x === null ? '' : x.toFixed(1));
  const md = [
    '## Pivots and findings',
    '',
    `${rows.toLocaleString('en-GB')} monthly-count rows (every 2022 ward × ${'32'} MPS categories × ${COUNT_MONTHS.count} months${options.size === 'small' ? ', six boroughs' : ''}) and ${incidents.toLocaleString('en-GB')} police.uk incidents placed in the 2022 wards; workspace ${(bytes / 1024 / 1024).toFixed(0)} MB. ${options.runs} runs each after ${WARM_UP_RUNS} warm-up runs, Wardlens and DuckDB alternating. Load average when done: ${loadavg().map((x) => x.toFixed(1)).join(', ')} on ${cpus().length} cores.`,
    '',
    'Wardlens times the whole pivot (SQL, grid, measures, flags, totals); DuckDB the same grouping from the same raw rows, read into JS (getRowsJS); "grouping only" is DuckDB counting the groups without reading them out, a stricter yardstick. Pass means under the time limit and within 3× of DuckDB answering the same question (rows read into JS). CPU ms counts every thread of the process (DuckDB uses both cores); on a busy machine it says more than wall time about a quiet one.',
    '',
    '| Question | Wardlens median ms | DuckDB median ms | × DuckDB | DuckDB grouping only ms | × that | Wardlens CPU ms | DuckDB CPU ms | Cells | Target | Pass | Wardlens runs (ms) | Wardlens first, cold run (ms) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | ---: |',
    ...cases.map(
      (c) =>
        `| ${c.name} | ${f(c.median)} | ${f(c.duckdbMedian)} | ${c.ratio === null ? '' : c.ratio.toFixed(2)} | ${f(c.duckdbQueryOnlyMedian)} | ${c.ratioToQueryOnly === null ? '' : c.ratioToQueryOnly.toFixed(2)} | ${f(median(c.wardlensCpu))} | ${c.duckdbCpu ? f(median(c.duckdbCpu)) : ''} | ${c.cells.toLocaleString('en-GB')} | ${c.target} | ${c.pass ? 'yes' : 'NO'} | ${c.wardlens.map((x) => x.toFixed(0)).join(', ')} | ${c.firstRun.toFixed(0)} |`,
    ),
    '',
    cutDownMarkdown(cutDown),
  ].join('\n');
  mkdirSync(options.out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = JSON.stringify({ size: options.size, runs: options.runs, rows, incidents, loadAverage: loadavg(), cases, cutDown }, null, 2);
  for (const name of [`pivot-${stamp}`, 'pivot-latest']) {
    writeFileSync(join(options.out, `${name}.json`), json);
    writeFileSync(join(options.out, `${name}.md`), md);
  }
  process.stdout.write(`\n${md}`);
}
