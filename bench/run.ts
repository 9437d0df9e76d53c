/**
 * `npm run bench`: how fast Wardlens imports large files, against DuckDB's CSV reader as a
 * yardstick, and whether the import targets are met. Generates the input files, runs every
 * measured import in a child process of its own, writes bench/results/bench-<time>.{json,md}
 * (and latest.{json,md}) and prints the Markdown table.
 *
 * Options (argv, or the environment variable in brackets):
 *   --quick               small sizes, one run each: a smoke test in well under a minute [WARDLENS_BENCH_QUICK=1]
 *   --runs N              runs per case, overriding the defaults (5 / 3 / 3)  [WARDLENS_BENCH_RUNS]
 *   --police A,B,…        police.uk CSV sizes in rows (default 100000,300000,1000000)
 *   --mps A,B,…           MPS ward file sizes in rows (default 5000,20000), each as CSV and xlsx
 *   --months N            month columns in the MPS ward files (default 120)
 *   --only police|mps     run one family of cases
 *   --no-duckdb           skip the DuckDB yardstick
 *   --no-profile          skip the xlsx time breakdown
 *   --data DIR            keep generated files in DIR and reuse them next time  [WARDLENS_BENCH_DATA]
 *   --out DIR             where results go (default bench/results)
 *   --no-geo              skip the geo bench that follows the import benches
 *   --no-pivot            skip the pivot bench that follows the geo bench (alone: --pivot [--quick])
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mpsWardTable, writeMpsWardCsv, writeMpsWardXlsx, writePoliceUkCsv } from './generate';
import { childMain, measure, type ChildKind, type RunResult } from './measure';
import {
  checkTargets,
  log,
  machine,
  summarise,
  toMarkdown,
  writeReport,
  type BenchReport,
  type CaseResult,
} from './report';
import { runGeoBench } from './geo';
import { runPivotBench } from './pivot';

/** Bump when the generators change, so kept data from an older generator is not reused. */
const GENERATOR_VERSION = 1;

interface Options {
  quick: boolean;
  runs: number | null;
  police: number[];
  mps: number[];
  months: number;
  only: 'police' | 'mps' | null;
  duckdb: boolean;
  profile: boolean;
  data: string | null;
  out: string;
}

function parseOptions(argv: string[]): Options {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (text: string | undefined, fallback: number[]) =>
    text
      ? text.split(',').map((s) => Number(s.replace(/_/g, '').replace(/k$/i, '000').replace(/m$/i, '000000')))
      : fallback;
  const quick = flag('quick') || process.env.WARDLENS_BENCH_QUICK === '1';
  const runsText = value('runs') ?? process.env.WARDLENS_BENCH_RUNS;
  const only = value('only');
  if (only !== undefined && only !== 'police' && only !== 'mps')
    throw new Error('--only takes "police" or "mps"');
  const options: Options = {
    quick,
    runs: runsText ? Number(runsText) : quick ? 1 : null,
    police: sizes(value('police'), quick ? [50_000] : [100_000, 300_000, 1_000_000]),
    mps: sizes(value('mps'), quick ? [2_000] : [5_000, 20_000]),
    months: Number(value('months') ?? 120),
    only: only ?? null,
    duckdb: !flag('no-duckdb'),
    profile: !flag('no-profile'),
    data: value('data') ?? process.env.WARDLENS_BENCH_DATA ?? null,
    out: resolve(value('out') ?? 'bench/results'),
  };
  for (const n of [...options.police, ...options.mps, options.months, options.runs ?? 1]) {
    if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive whole number: ${n}`);
  }
  return options;
}

/** Default runs: more for small cases, where a run is cheap and noisier. */
function runsFor(options: Options, rows: number, kind: 'police' | 'mps'): number {
  if (options.runs !== null) return options.runs;
  if (kind === 'police') return rows <= 100_000 ? 5 : 3;
  return 3;
}


/** A generated file, made once (and kept when --data is given). */
function ensureFile(
  dir: string,
  name: string,
  make: (path: string) => void,
): { path: string; bytes: number } {
  const path = join(dir, name);
  if (!existsSync(path)) {
    const t0 = Date.now();
    make(path);
    log(
      `  generated ${name} (${(statSync(path).size / 1024 / 1024).toFixed(1)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  return { path, bytes: statSync(path).size };
}

/** Runs each kind in turn, `runs` times over (A, B, A, B, …), so a change in machine load hits both alike. */
async function runCases(
  kinds: ChildKind[],
  file: string,
  runs: number,
  scratch: string,
  label: string,
): Promise<RunResult[][]> {
  const results: RunResult[][] = kinds.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, kind] of kinds.entries()) {
      const r = await measure(kind, file, join(scratch, `run-${kind}`));
      log(
        `  ${label}${kind === 'duckdb' ? ' (DuckDB)' : ''} run ${i + 1}/${runs}: ${r.seconds.toFixed(2)} s, CPU ${r.cpuSeconds.toFixed(2)} s, peak RSS ${r.peakRssMB.toFixed(0)} MB`,
      );
      results[k]!.push(r);
    }
  }
  return results;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const scratch = mkdtempSync(join(tmpdir(), 'wardlens-bench-'));
  const dataDir = options.data ? resolve(options.data) : join(scratch, 'data');
  mkdirSync(dataDir, { recursive: true });
  log(`Wardlens bench: data in ${dataDir}`);
  const cases: CaseResult[] = [];
  let xlsxProfile: BenchReport['xlsxProfile'] = null;

  try {
    if (options.only !== 'mps') {
      for (const rows of options.police) {
        const file = ensureFile(dataDir, `policeuk-street-${rows}-v${GENERATOR_VERSION}.csv`, (p) =>
          writePoliceUkCsv(p, { rows }),
        );
        const runs = runsFor(options, rows, 'police');
        const base = { rows, fileBytes: file.bytes, format: 'policeuk-csv' as const };
        const label = `police.uk CSV ${rows.toLocaleString('en-GB')}`;
        const kinds: ChildKind[] = options.duckdb ? ['wardlens', 'duckdb'] : ['wardlens'];
        const [mine, yardstick] = await runCases(kinds, file.path, runs, scratch, label);
        const ours = summarise({ ...base, id: `policeuk-csv-${rows}`, label, engine: 'wardlens' }, mine!);
        cases.push(ours);
        if (yardstick) {
          const duck = summarise(
            { ...base, id: `policeuk-csv-${rows}-duckdb`, label, engine: 'duckdb' },
            yardstick,
          );
          ours.ratioToDuckdb = ours.medianSeconds / duck.medianSeconds;
          cases.push(duck);
        }
      }
    }
    if (options.only !== 'police') {
      for (const rows of options.mps) {
        const runs = runsFor(options, rows, 'mps');
        let table: ReturnType<typeof mpsWardTable> | null = null;
        const getTable = () => (table ??= mpsWardTable({ rows, months: options.months }));
        const stem = `mps-ward-${rows}x${options.months}-v${GENERATOR_VERSION}`;
        const csv = ensureFile(dataDir, `${stem}.csv`, (p) => writeMpsWardCsv(p, getTable()));
        const xlsx = ensureFile(dataDir, `${stem}.xlsx`, (p) => writeMpsWardXlsx(p, getTable()));
        table = null;
        for (const [format, file] of [
          ['mps-ward-csv', csv],
          ['mps-ward-xlsx', xlsx],
        ] as const) {
          const label = `MPS ward ${format.endsWith('xlsx') ? 'xlsx' : 'CSV'} ${rows.toLocaleString('en-GB')} × ${options.months} months`;
          const [results] = await runCases(['wardlens'], file.path, runs, scratch, label);
          cases.push(
            summarise(
              { id: `${format}-${rows}`, label, engine: 'wardlens', format, rows, fileBytes: file.bytes },
              results!,
            ),
          );
        }
      }
      const largest = Math.max(...options.mps);
      if (options.profile && options.mps.length) {
        const file = join(dataDir, `mps-ward-${largest}x${options.months}-v${GENERATOR_VERSION}.xlsx`);
        const r = await measure('xlsx-profile', file, join(scratch, 'run-profile'));
        log(`  xlsx profile: ${JSON.stringify(r.phases)}`);
        xlsxProfile = {
          case: `MPS ward xlsx ${largest.toLocaleString('en-GB')} × ${options.months} months`,
          phases: r.phases ?? {},
          seconds: r.seconds,
          cpuSeconds: r.cpuSeconds,
          peakRssMB: r.peakRssMB,
        };
      }
    }
  } finally {
    // The scratch folder holds the runs' stores, and the data unless --data keeps it elsewhere.
    rmSync(scratch, { recursive: true, force: true });
  }

  const report: BenchReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    options: { ...options, out: undefined },
    machine: machine(),
    cases,
    xlsxProfile,
    targets: checkTargets(cases),
  };
  const paths = writeReport(options.out, report);
  process.stdout.write(toMarkdown(report));
  if (!process.argv.includes('--no-geo')) await runGeoBench(process.argv.slice(2));
  if (!process.argv.includes('--no-pivot')) await runPivotBench(options.quick ? ['--quick'] : []);
  log(`\nResults: ${paths.md} (and .json, latest.md, latest.json)`);
}

const argv = process.argv.slice(2);
if (argv[0] === '--pivot') {
  runPivotBench(argv.slice(1)).catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
} else if (argv[0] === '--geo') {
  runGeoBench(argv.slice(1)).catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
} else if (argv[0] === '--child') {
  childMain(argv[1] as ChildKind, argv[2]!, argv[3]!).catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
