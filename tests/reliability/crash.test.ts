// Crash safety: `wardlens import`, `export` and `pack` killed with SIGKILL at chosen points, as
// a power cut or the task manager would stop them. After every kill the workspace opens,
// passes PRAGMA integrity_check, and holds nothing of a killed import (no import row, no rows,
// no month claimed) unless the import had committed, in which case it holds all of it; the
// same file then imports (again) with the right totals. A killed export or pack leaves no
// partial file under a final name, and the next export or pack to that folder sweeps away the
// hidden temporary files it left.
//
// Kill points: the importer's own pause points (WARDLENS_TEST_PAUSE_AT, see importFile.ts:
// begin, rows:N, finish, commit), the moment the WAL starts to grow (SQLite writing the
// commit), the moment the workspace file grows (the checkpoint on close), and seeded random
// times through the run.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/core/importers/importFiles';
import { misdeclaredEntry, zipEntrySizes } from '../../src/core/importers/readers/zipSizes';
import { openWorkspace } from '../../src/core/store/workspace';
import type { ImportFileResult } from '../../src/shared/importing';
import { data, repoRoot } from '../support/data';
import { cleanupTempDirs, monthlyTotals, scalar, tableCounts, tempDir } from '../support/workspace';
import {
  months,
  mpsWardTable,
  random,
  toCsv,
  wideTruth,
  writePoliceUkFile,
  type IncidentTruth,
  type Table,
  type WideTruth,
} from './corpus';
import { recordFigures, type Figure } from './figures';

const bin = path.join(repoRoot, 'bin', 'wardlens.js');
const POLICE_ROWS = 200_000;
const POLICE_MONTHS = ['2019-01', '2019-02', '2019-03', '2019-04', '2019-05', '2019-06'];

const figures: Figure[] = [];
afterAll(() => {
  recordFigures(figures);
  cleanupTempDirs();
});

let home: string;
let policeFile: string;
let policeTruth: IncidentTruth;
let policeBase: string;
let policeBaseCounts: Record<string, number>;
let policeSeconds: number;
let countsFile: string;
let countsTruth: WideTruth;
let countsBase: string;
let countsBaseCounts: Record<string, number>;
let countsSeconds: number;

interface Run {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  exited: Promise<number | null>;
  started: number;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env: { ...process.env, WARDLENS_HOME: home, XDG_DATA_HOME: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => err, stdout: () => out, exited, started: Date.now() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `when` every millisecond and kills the process with SIGKILL as soon as it holds.
 * Returns whether it was killed (false: it finished first).
 */
async function killWhen(r: Run, when: () => boolean, limitMs = 90_000): Promise<boolean> {
  let done = false;
  void r.exited.then(() => (done = true));
  const deadline = Date.now() + limitMs;
  while (!done) {
    if (when()) {
      r.child.kill('SIGKILL');
      await r.exited;
      return r.child.signalCode === 'SIGKILL';
    }
    if (Date.now() > deadline) {
      r.child.kill('SIGKILL');
      await r.exited;
      throw new Error(`the kill point was never reached in ${limitMs / 1000} s; stderr: ${r.stderr()}`);
    }
    await sleep(1);
  }
  return false;
}

const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);
const paused = (r: Run) => () => r.stderr().includes('wardlens-test: paused at');

/** A workspace after a kill: it opens, its integrity check passes, and its foreign keys hold. */
function checkOpens(db: string): Record<string, number> {
  const ws = openWorkspace(db);
  try {
    expect((ws.db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
    expect(ws.db.pragma('foreign_key_check')).toEqual([]);
    return tableCounts(ws.db);
  } finally {
    ws.close();
  }
}

type Kept = 'nothing' | 'all';

/** What a killed import left: nothing (every table as before), or the whole import (then its totals are checked). */
function keptOfImport(
  db: string,
  fileName: string,
  base: Record<string, number>,
  checkWhole: (db: string, importId: number) => void,
): Kept {
  const ws = openWorkspace(db);
  let importId: number | null;
  let counts: Record<string, number>;
  try {
    expect((ws.db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
    expect(ws.db.pragma('foreign_key_check')).toEqual([]);
    counts = tableCounts(ws.db);
    importId =
      (
        ws.db.prepare('SELECT id FROM imports WHERE file_name = ?').get(fileName) as
          { id: number } | undefined
      )?.id ?? null;
  } finally {
    ws.close();
  }
  if (importId === null) {
    expect(counts, 'a killed import left rows behind').toEqual(base);
    return 'nothing';
  }
  checkWhole(db, importId);
  return 'all';
}

function checkPoliceImport(db: string, importId: number): void {
  const ws = openWorkspace(db);
  try {
    expect(scalar(ws.db, 'SELECT count(*) FROM incidents WHERE import_id = ?', importId)).toBe(
      policeTruth.rows,
    );
    const byMonth = ws.db
      .prepare('SELECT month, count(*) AS n FROM incidents WHERE import_id = ? GROUP BY month')
      .all(importId) as { month: number; n: number }[];
    expect(
      Object.fromEntries(
        byMonth.map((m) => [`${Math.floor(m.month / 100)}-${String(m.month % 100).padStart(2, '0')}`, m.n]),
      ),
    ).toEqual(policeTruth.byMonth);
    const byType = ws.db
      .prepare(
        'SELECT c.minor AS t, count(*) AS n FROM incidents i JOIN categories c ON c.id = i.category_id WHERE i.import_id = ? GROUP BY c.minor',
      )
      .all(importId) as { t: string; n: number }[];
    expect(Object.fromEntries(byType.map((x) => [x.t, x.n]))).toEqual(policeTruth.byType);
    expect(scalar(ws.db, 'SELECT count(*) FROM dataset_months WHERE import_id = ?', importId)).toBe(
      POLICE_MONTHS.length,
    );
    expect(scalar(ws.db, 'SELECT rows_stored FROM imports WHERE id = ?', importId)).toBe(policeTruth.rows);
  } finally {
    ws.close();
  }
}

function checkCountsImport(db: string, importId: number): void {
  const ws = openWorkspace(db);
  try {
    const dataset = scalar(ws.db, 'SELECT dataset_id FROM imports WHERE id = ?', importId);
    const totals = monthlyTotals(ws.db, { dataset, importId });
    expect(Object.fromEntries(totals.all)).toEqual(countsTruth.byMonth);
    // The summary table built on import agrees with the figures.
    const summed = scalar(
      ws.db,
      'SELECT sum(count) FROM monthly_totals WHERE dataset_id = ? AND month BETWEEN 201801 AND 202212',
      dataset,
    );
    expect(summed).toBe(countsTruth.total);
    expect(scalar(ws.db, 'SELECT count(*) FROM dataset_months WHERE import_id = ?', importId)).toBe(
      Object.keys(countsTruth.byMonth).length,
    );
  } finally {
    ws.close();
  }
}

/** Imports the file again with the CLI: it must succeed (or find it already whole) with the right totals. */
async function importAgain(
  db: string,
  file: string,
  kept: Kept,
  checkWhole: (db: string, importId: number) => void,
): Promise<void> {
  const r = run(['import', file, '--db', db, '--json']);
  const code = await r.exited;
  expect(code, r.stderr()).toBe(0);
  const [result] = JSON.parse(r.stdout()) as ImportFileResult[];
  expect(result!.status).toBe(kept === 'all' ? 'already-imported' : 'imported');
  checkWhole(db, result!.importId!);
}

/** A kill point: when to kill, given the run and its workspace or folder; `attempt` counts from 0 (timed kills come earlier on each retry). */
type When = (r: Run, target: string, attempt: number) => () => boolean;
/** Timed kills: a fraction of a whole run's time, earlier on each retry should the run finish first. */
const timed =
  (fraction: number, seconds: () => number): When =>
  (r, _t, attempt) =>
  () =>
    Date.now() - r.started >= fraction * 0.6 ** attempt * seconds() * 1000;

/** One kill of an import: a fresh copy of the base workspace, the kill, the checks, the import again. */
async function killImport(
  id: string,
  o: {
    file: string;
    base: string;
    baseCounts: Record<string, number>;
    env?: Record<string, string>;
    when: When;
    check: (db: string, importId: number) => void;
  },
): Promise<void> {
  const figure: Figure = { suite: 'crash', id, outcome: 'not killed', ok: false };
  figures.push(figure);
  let db = '';
  let r: Run | undefined;
  let killed = false;
  // A run can finish before a timed kill point; try again earlier (the pause points always stop the run).
  for (let attempt = 0; !killed && attempt < 3; attempt++) {
    db = path.join(tempDir(), 'killed.wardlens.sqlite');
    copyFileSync(o.base, db);
    r = run(['import', o.file, '--db', db], o.env);
    killed = await killWhen(r, o.when(r, db, attempt));
  }
  expect(killed, `the import finished before the kill point every time (stderr: ${r!.stderr()})`).toBe(true);
  figure.seconds = (Date.now() - r!.started) / 1000;
  const kept = keptOfImport(db, path.basename(o.file), o.baseCounts, o.check);
  figure.outcome = kept === 'nothing' ? 'killed, nothing kept' : 'killed after commit, all kept';
  if (o.env?.WARDLENS_TEST_PAUSE_AT)
    expect(kept, 'killed before COMMIT, yet the import is there').toBe('nothing');
  await importAgain(db, o.file, kept, o.check);
  figure.ok = true;
}

beforeAll(async () => {
  home = tempDir('wardlens-home-');
  const dir = tempDir();
  // A workspace with an earlier month of the same force already in it, as an analyst's would be.
  policeBase = path.join(dir, 'police base.wardlens.sqlite');
  const earlier = path.join(dir, '2018-12-city-of-london-street.csv');
  await writePoliceUkFile(earlier, 2_000, ['2018-12'], 11);
  policeFile = path.join(dir, '2019-01-to-06-city-of-london-street.csv');
  policeTruth = await writePoliceUkFile(policeFile, POLICE_ROWS, POLICE_MONTHS);
  let ws = openWorkspace(policeBase);
  expect((await importFiles(ws, [earlier]))[0]!.status).toBe('imported');
  policeBaseCounts = tableCounts(ws.db);
  ws.close();

  // A wide MPS ward file: 21 Harrow wards × 100 categories × 60 months, with an earlier extract held.
  countsBase = path.join(dir, 'counts base.wardlens.sqlite');
  const older = path.join(dir, 'MPS ward older.csv');
  writeFileSync(older, toCsv(mpsWardTable(months(201701, 12), 4)));
  const table = bigWardTable();
  countsFile = path.join(dir, 'MPS Ward Level Crime 2018-2022.csv');
  writeFileSync(countsFile, toCsv(table));
  countsTruth = wideTruth(table);
  ws = openWorkspace(countsBase);
  expect((await importFiles(ws, [older]))[0]!.status).toBe('imported');
  countsBaseCounts = tableCounts(ws.db);
  ws.close();

  // How long a whole import takes here, to place the timed kills.
  const timeImport = async (file: string, base: string, check: (db: string, id: number) => void) => {
    const db = path.join(tempDir(), 'whole.wardlens.sqlite');
    copyFileSync(base, db);
    const r = run(['import', file, '--db', db, '--json']);
    expect(await r.exited, r.stderr()).toBe(0);
    const seconds = (Date.now() - r.started) / 1000;
    const [result] = JSON.parse(r.stdout()) as ImportFileResult[];
    check(db, result!.importId!);
    return seconds;
  };
  [policeSeconds, countsSeconds] = [
    await timeImport(policeFile, policeBase, checkPoliceImport),
    await timeImport(countsFile, countsBase, checkCountsImport),
  ];
}, 180_000);

function bigWardTable(): Table {
  const harrow = Array.from({ length: 21 }, (_, i) => [`E05000${285 + i}`, `Harrow ward ${i + 1}`]);
  const monthList = months(201801, 60);
  const next = random(21);
  const t: Table = [
    ['MajorText', 'MinorText', 'WardName', 'WardCode', 'LookUp_BoroughName', ...monthList.map(String)],
  ];
  for (const [code, name] of harrow) {
    for (let c = 1; c <= 100; c++)
      t.push([
        `Major ${1 + (c % 12)}`,
        `Minor category ${c}`,
        name!,
        code!,
        'Harrow',
        ...monthList.map(() => String(Math.floor(next() * 9))),
      ]);
  }
  return t;
}

describe('a killed import leaves the workspace whole, and the file imports again', () => {
  const police = (env: Record<string, string> | undefined, when: When) => ({
    file: policeFile,
    base: policeBase,
    baseCounts: policeBaseCounts,
    env,
    when,
    check: checkPoliceImport,
  });
  const counts = (env: Record<string, string> | undefined, when: When) => ({
    file: countsFile,
    base: countsBase,
    baseCounts: countsBaseCounts,
    env,
    when,
    check: checkCountsImport,
  });

  it('police.uk, early: just after the import began its transaction', () =>
    killImport('import police.uk: begin', police({ WARDLENS_TEST_PAUSE_AT: 'begin' }, paused)));
  it('police.uk, mid-batch: 100,000 rows written, not committed', () =>
    killImport(
      'import police.uk: mid-batch (rows:100000)',
      police({ WARDLENS_TEST_PAUSE_AT: 'rows:100000' }, paused),
    ));
  it('police.uk, every row written, before months are claimed and the import recorded', () =>
    killImport('import police.uk: finish', police({ WARDLENS_TEST_PAUSE_AT: 'finish' }, paused)));
  it('police.uk, just before COMMIT', () =>
    killImport('import police.uk: commit', police({ WARDLENS_TEST_PAUSE_AT: 'commit' }, paused)));
  it('police.uk, during COMMIT: as soon as SQLite starts writing the WAL', () =>
    killImport(
      'import police.uk: during commit (WAL growing)',
      police(undefined, (_r, db) => () => sizeOf(`${db}-wal`) > 256 * 1024),
    ));
  it('police.uk, during the checkpoint on close: as soon as the workspace file grows', () =>
    killImport(
      'import police.uk: during checkpoint',
      police(undefined, (_r, db) => {
        const before = sizeOf(db);
        return () => sizeOf(db) > before;
      }),
    ));
  for (const fraction of [0.4, 0.75]) {
    it(`police.uk, at a set moment (${Math.round(fraction * 100)}% of a whole import's time)`, () =>
      killImport(
        `import police.uk: timed ${Math.round(fraction * 100)}%`,
        police(
          undefined,
          timed(fraction, () => policeSeconds),
        ),
      ));
  }
  it('MPS wide counts, after the figures and the borough totals (summary table) are built', () =>
    killImport(
      'import MPS counts: finish (summary built)',
      counts({ WARDLENS_TEST_PAUSE_AT: 'finish' }, paused),
    ));
  it('MPS wide counts, during COMMIT', () =>
    killImport(
      'import MPS counts: during commit (WAL growing)',
      counts(undefined, (_r, db) => () => sizeOf(`${db}-wal`) > 256 * 1024),
    ));
  it("MPS wide counts, at a set moment (60% of a whole import's time)", () =>
    killImport(
      'import MPS counts: timed 60%',
      counts(
        undefined,
        timed(0.6, () => countsSeconds),
      ),
    ));
});

// ---------------------------------------------------------------------------------------
// Exports.

describe('a killed export or pack leaves no partial file under a final name', () => {
  let db: string;
  let reference: { export: Buffer; pack: Map<string, Buffer>; exportSeconds: number; packSeconds: number };
  const exportArgs = (out: string) => [
    'export',
    '--db',
    db,
    '--dataset',
    'mps-borough-old',
    '--rows',
    'borough',
    '--cols',
    'month',
    '--out',
    out,
  ];
  const packArgs = (out: string) => [
    'pack',
    '--db',
    db,
    '--dataset',
    'mps-borough-old',
    '--area',
    'Harrow',
    '--year',
    '2017',
    '--categories',
    'Burglary',
    '--out',
    out,
  ];

  const filesUnder = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? filesUnder(path.join(dir, e.name)).map((f) => path.join(e.name, f)) : [e.name],
        )
      : [];
  const temps = (dir: string) => filesUnder(dir).filter((f) => f.endsWith('.wardlens-tmp'));

  /** A file under a final name is whole: byte for byte the reference, or for a workbook a complete, consistent zip. */
  function expectWhole(file: string, expected: Buffer): void {
    const bytes = readFileSync(file);
    if (file.endsWith('.xlsx')) {
      expect(zipEntrySizes(bytes), `${file} is not a whole zip`).not.toBeNull();
      expect(misdeclaredEntry(bytes), `${file} is damaged`).toBeNull();
      expect(Math.abs(bytes.length - expected.length)).toBeLessThan(expected.length * 0.02);
    } else {
      expect(bytes.equals(expected), `${file} differs from a whole export`).toBe(true);
    }
  }

  beforeAll(async () => {
    const dir = tempDir();
    db = path.join(dir, 'export.wardlens.sqlite');
    const ws = openWorkspace(db);
    const imported = await importFiles(ws, [
      data.mpsBoroughHistoric,
      data.mpsBoroughRecent,
      data.populationBorough,
    ]);
    expect(imported.every((r) => r.status === 'imported')).toBe(true);
    ws.close();
    const out = path.join(dir, 'reference.xlsx');
    const e = run(exportArgs(out));
    expect(await e.exited, e.stderr()).toBe(0);
    const folder = path.join(dir, 'reference pack');
    const p = run(packArgs(folder));
    expect(await p.exited, p.stderr()).toBe(0);
    reference = {
      export: readFileSync(out),
      pack: new Map(filesUnder(folder).map((f) => [f, readFileSync(path.join(folder, f))])),
      exportSeconds: (Date.now() - e.started) / 1000,
      packSeconds: (Date.now() - p.started) / 1000,
    };
  }, 180_000);

  async function killExport(id: string, when: When): Promise<void> {
    const figure: Figure = { suite: 'crash', id, outcome: 'not killed', ok: false };
    figures.push(figure);
    let dir = '';
    let out = '';
    let r: Run | undefined;
    let killed = false;
    for (let attempt = 0; !killed && attempt < 5; attempt++) {
      dir = tempDir();
      out = path.join(dir, 'Boroughs by month.xlsx');
      r = run(exportArgs(out));
      killed = await killWhen(r, when(r, dir, attempt));
      if (!killed) expectWhole(out, reference.export);
    }
    figure.seconds = (Date.now() - r!.started) / 1000;
    checkOpens(db);
    if (existsSync(out)) expectWhole(out, reference.export);
    figure.outcome = !killed
      ? 'finished first'
      : existsSync(out)
        ? 'killed after the rename, file whole'
        : 'killed, no file under the final name';
    const left = temps(dir);
    if (left.length) figure.note = `${left.length} hidden temporary file(s) left beside it, swept by the next export`;
    expect(killed).toBe(true);
    // The next export to the folder clears what the killed one left, and nothing else.
    const again = path.join(dir, 'Boroughs by month again.xlsx');
    const next = run(exportArgs(again));
    expect(await next.exited, next.stderr()).toBe(0);
    expectWhole(again, reference.export);
    expect(temps(dir), 'stale temporary files after the next export').toEqual([]);
    if (existsSync(out)) expectWhole(out, reference.export);
    figure.ok = true;
  }

  async function killPack(id: string, when: When): Promise<void> {
    const figure: Figure = { suite: 'crash', id, outcome: 'not killed', ok: false };
    figures.push(figure);
    let folder = '';
    let r: Run | undefined;
    let killed = false;
    for (let attempt = 0; !killed && attempt < 5; attempt++) {
      folder = path.join(tempDir(), 'Harrow pack');
      mkdirSync(folder);
      r = run(packArgs(folder));
      killed = await killWhen(r, when(r, folder, attempt));
    }
    figure.seconds = (Date.now() - r!.started) / 1000;
    checkOpens(db);
    const finals = filesUnder(folder).filter((f) => !f.endsWith('.wardlens-tmp'));
    for (const f of finals) {
      expect(reference.pack.has(f), `unexpected file ${f}`).toBe(true);
      expectWhole(path.join(folder, f), reference.pack.get(f)!);
    }
    figure.outcome = !killed
      ? 'finished first'
      : `killed, ${finals.length} of ${reference.pack.size} files in place, each whole`;
    const left = temps(folder);
    if (left.length) figure.note = `${left.length} hidden temporary file(s) left in the folder, swept by the next pack`;
    expect(killed).toBe(true);
    // Packing again into the folder completes it and clears the killed pack's leftovers.
    const next = run([...packArgs(folder), '--force']);
    expect(await next.exited, next.stderr()).toBe(0);
    expect(temps(folder), 'stale temporary files after the next pack').toEqual([]);
    expect(new Set(filesUnder(folder))).toEqual(new Set(reference.pack.keys()));
    for (const f of filesUnder(folder)) expectWhole(path.join(folder, f), reference.pack.get(f)!);
    figure.ok = true;
  }

  it('export, while the workbook is being written to its temporary file', () =>
    killExport('export: temporary file being written', (_r, dir) => () => temps(dir).length > 0));
  it("export, at a set moment (50% of a whole export's time)", () =>
    killExport(
      'export: timed 50%',
      timed(0.5, () => reference.exportSeconds),
    ));
  it('export, at a set moment (85%)', () =>
    killExport(
      'export: timed 85%',
      timed(0.85, () => reference.exportSeconds),
    ));
  it('pack, while its files are being staged', () =>
    killPack('pack: files being staged', (_r, folder) => () => temps(folder).length > 0));
  it("pack, at a set moment (60% of a whole pack's time)", () =>
    killPack(
      'pack: timed 60%',
      timed(0.6, () => reference.packSeconds),
    ));
  it('pack, at a set moment (92%)', () =>
    killPack(
      'pack: timed 92%',
      timed(0.92, () => reference.packSeconds),
    ));
});
