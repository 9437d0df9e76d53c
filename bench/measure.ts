/**
 * Measuring one run. Every measured run happens in a child process of its own (this same
 * bundle, started with `--child KIND FILE DIR`), so peak memory (maxRSS) belongs to that run
 * alone and no run inherits another's heap, page cache settings or JIT state.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as XLSX from 'xlsx';
import { importFile } from '../src/core/importers/importFile';
import { openWorkspace } from '../src/core/store/workspace';

export type ChildKind = 'wardlens' | 'duckdb' | 'xlsx-profile';

export interface RunResult {
  /** Wall seconds of the measured work. */
  seconds: number;
  /** CPU seconds (user + system, all threads) of the measured work: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  /** Peak resident memory of the whole child process, MB. */
  peakRssMB: number;
  rowsStored?: number;
  /** Extra timings (seconds) for profiles. */
  phases?: Record<string, number>;
}

const maxRssMB = () => process.resourceUsage().maxRSS / 1024;

/** Wall and CPU seconds since `start()`. */
function stopwatch() {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  return () => {
    const c = process.cpuUsage(c0);
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6 };
  };
}

/** A Wardlens import of FILE into a fresh workspace in DIR: importFile, then close (which checkpoints). */
async function wardlensRun(file: string, dir: string): Promise<RunResult> {
  const dbPath = join(dir, 'workspace.wardlens.sqlite');
  const ws = openWorkspace(dbPath);
  const stop = stopwatch();
  const result = await importFile(ws, file);
  ws.close();
  const time = stop();
  if (result.status !== 'imported')
    throw new Error(`import of ${file} did not succeed: ${JSON.stringify(result.error ?? result.status)}`);
  return { ...time, peakRssMB: maxRssMB(), rowsStored: result.rowsStored };
}

/** DuckDB's own CSV reader loading FILE into a table of a fresh on-disk database: the yardstick. */
async function duckdbRun(file: string, dir: string): Promise<RunResult> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(join(dir, 'yardstick.duckdb'));
  const connection = await instance.connect();
  const stop = stopwatch();
  await connection.run(
    `CREATE TABLE t AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}', header = true)`,
  );
  const reader = await connection.runAndReadAll('SELECT count(*) FROM t');
  connection.closeSync();
  instance.closeSync();
  return { ...stop(), peakRssMB: maxRssMB(), rowsStored: Number(reader.getRows()[0]![0]) };
}

/**
 * SheetJS reading the workbook (as Wardlens read every sheet before it streamed large ones)
 * and turning the sheet into row arrays, as a yardstick; then the whole Wardlens import of the
 * same file, which streams a large sheet instead.
 */
async function xlsxProfile(file: string, dir: string): Promise<RunResult> {
  const read = stopwatch();
  const buffer = readFileSync(file);
  const sheet = XLSX.read(buffer, { type: 'buffer', bookSheets: true }).SheetNames[0]!;
  const book = XLSX.read(buffer, {
    type: 'buffer',
    dense: true,
    cellDates: true,
    cellStyles: false,
    cellHTML: false,
    sheets: sheet,
  });
  const readTime = read();
  const toJson = stopwatch();
  const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[sheet]!, {
    header: 1,
    raw: true,
    defval: null,
    blankrows: true,
  });
  const toJsonTime = toJson();
  const readMB = maxRssMB();
  if (rows.length === 0) throw new Error('empty sheet');
  (globalThis as { gc?: () => void }).gc?.();
  const full = await wardlensRun(file, dir);
  return {
    seconds: full.seconds,
    cpuSeconds: full.cpuSeconds,
    peakRssMB: full.peakRssMB,
    rowsStored: full.rowsStored,
    phases: {
      sheetjsRead: readTime.seconds,
      sheetjsReadCpu: readTime.cpuSeconds,
      sheetToJson: toJsonTime.seconds,
      sheetToJsonCpu: toJsonTime.cpuSeconds,
      rest: Math.max(0, full.seconds - readTime.seconds - toJsonTime.seconds),
      restCpu: Math.max(0, full.cpuSeconds - readTime.cpuSeconds - toJsonTime.cpuSeconds),
      peakRssAfterReadMB: readMB,
    },
  };
}

/** Child side: runs one measurement and prints its result as the last line of stdout. */
export async function childMain(kind: ChildKind, file: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const run = kind === 'wardlens' ? wardlensRun : kind === 'duckdb' ? duckdbRun : xlsxProfile;
  const result = await run(file, dir);
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

let frozen: string | null = null;

/**
 * The bundle the children run: a private copy of this one, beside it (so its packages
 * resolve), made once per bench. A rebuild of dist/ while the bench runs (another build,
 * `npm test`) then cannot change, or half-write, the code being measured.
 */
function childScript(): string {
  if (!frozen) {
    const self = process.argv[1]!;
    frozen = join(dirname(self), `.bench-child-${process.pid}.js`);
    copyFileSync(self, frozen);
    process.once('exit', () => rmSync(frozen!, { force: true }));
  }
  return frozen;
}

/** Parent side: one measured run in a fresh child process and a fresh scratch folder. */
export function measure(
  kind: ChildKind,
  file: string,
  dir: string,
  timeoutSeconds = 600,
): Promise<RunResult> {
  rmSync(dir, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', childScript(), '--child', kind, file, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: timeoutSeconds * 1000,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      rmSync(dir, { recursive: true, force: true });
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0)
        return reject(new Error(`${kind} run on ${file} failed (exit ${code ?? signal}): ${last}`));
      try {
        resolve(JSON.parse(last) as RunResult);
      } catch {
        reject(new Error(`${kind} run on ${file} printed no result: ${last}`));
      }
    });
  });
}
