/**
 * Importing one file: refuse a repeat (same SHA-256), recognise it, then read it into the
 * workspace in a single transaction. On any error or cancellation the transaction is
 * rolled back and the workspace is exactly as it was: no import is ever half-kept.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, statSync, writeSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ImportFileResult, ImportOptions, ImportProgress } from '../../shared/importing';
import { toApiError, WardlensError } from '../errors';
import { toIsoMonth } from '../months';
import { AreaRegistry } from '../store/areas';
import { ensureDataset } from '../store/datasets';
import { findImportByHash, finishImport, hasImportOfSize, insertImport, mappingIdentity, removeImport, setImportHash } from '../store/imports';
import { claimMonths, type MonthClaims } from '../store/revisions';
import { refreshSummariesAfterImport } from '../store/summaries';
import type { Db, Workspace } from '../store/workspace';
import { Tally, type ImportContext } from './context';
import { checkCutDown } from './cutDown';
import { planImport } from './plan';
import { openTable } from './readers/open';

export interface ImportHooks {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

/**
 * For the crash tests only (tests/reliability/crash.test.ts): WARDLENS_TEST_PAUSE_AT names a
 * point of an import (begin, rows:N, finish, commit) where the process says so on stderr and
 * stops dead, to be killed there. Ignored unless set.
 */
const PAUSE_AT = process.env.WARDLENS_TEST_PAUSE_AT;
function pauseForCrashTest(point: string, rows = 0): void {
  if (!PAUSE_AT) return;
  const [name, after] = PAUSE_AT.split(':');
  if (name !== point || rows < Number(after ?? 0)) return;
  writeSync(2, `wardlens-test: paused at ${PAUSE_AT}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

async function sha256Of(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024, signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The file's SHA-256, which identifies an import. Only a file the size of one already
 * imported can repeat it, so only then is the hash needed before reading; otherwise it is
 * worked out while the rows are read (hashing a 200 MB file took a quarter of a second
 * before the first row), and known() waits for it at the end.
 */
function fileIdentity(db: Db, path: string, size: number, signal?: AbortSignal) {
  const hashing = sha256Of(path, signal);
  // Awaited before the import commits; a failure to read is reported there, not lost.
  hashing.catch(() => undefined);
  return { needed: hasImportOfSize(db, size), known: () => hashing };
}

function emptyResult(file: string): ImportFileResult {
  return {
    file, status: 'failed', format: null, dataset: null, importId: null, rowsRead: 0, rowsStored: 0, rowsRejected: 0,
    areas: 0, categories: 0, months: { first: null, last: null, count: 0 }, supersededMonths: [], unmatchedNames: [],
    warnings: [], error: null, seconds: 0,
  };
}

export async function importFile(ws: Workspace, path: string, options: ImportOptions = {}, hooks: ImportHooks = {}): Promise<ImportFileResult> {
  const started = Date.now();
  const file = basename(path);
  const result = emptyResult(file);
  try {
    await importInto(ws, resolve(path), options, hooks, result);
  } catch (err) {
    result.status = 'failed';
    result.error = toApiError(err);
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

async function importInto(ws: Workspace, path: string, options: ImportOptions, hooks: ImportHooks, result: ImportFileResult): Promise<void> {
  const stat = statOrThrow(path, result.file);
  const identity = fileIdentity(ws.db, path, stat.size, hooks.signal);
  // An import is the file read one way: the same file with a corrected mapping replaces the earlier reading.
  const mapping = mappingIdentity(options.mapping);
  const previous = identity.needed ? findImportByHash(ws.db, await identity.known()) : null;
  if (previous && previous.mapping === mapping) {
    result.status = 'already-imported';
    result.dataset = previous.dataset;
    result.importId = previous.id;
    const how = mapping ? ' with the same column mapping' : '';
    result.warnings.push(`This file was already imported${how} (as ${previous.fileName}, import ${previous.id}, on ${previous.finishedAt.slice(0, 10)}); nothing was changed.`);
    return;
  }
  const source = openTable(path, options.mapping?.sheet);
  const plan = await planImport(ws.db, source, options);
  result.format = plan.format;
  result.dataset = plan.dataset.name;

  const { db } = ws;
  const tally = new Tally();
  // Rows written in bulk take their ids from the import's own registries, and those ids are
  // checked once each (store/counts.ts assertIdsExist), not by SQLite once per row: its
  // per-row key checks were 40% of writing a ward file's figures. A re-import that replaces
  // an earlier one keeps them on, for the deletes it makes.
  const bulk = !previous && plan.dataset.kind !== 'population';
  if (bulk) db.pragma('foreign_keys = OFF');
  db.exec('BEGIN IMMEDIATE');
  try {
    if (previous) {
      removeImport(db, previous.id);
      tally.warnings.push(`This file was imported before with ${previous.mapping ? 'a different column mapping' : 'no column mapping'} (import ${previous.id}); that import was replaced by this one, its figures removed.`);
    }
    const dataset = ensureDataset(db, plan.dataset);
    const importId = insertImport(db, {
      // Until the hash is known, a stand-in that no other import can have (the column is unique).
      datasetId: dataset.id, fileName: result.file, filePath: path, fileSize: stat.size, sha256: `pending:${randomUUID()}`, format: plan.format, mapping,
      startedAt: new Date().toISOString(),
    });
    const ctx: ImportContext = {
      db, source, header: plan.header, headerRow: plan.headerRow, importId, datasetId: dataset.id,
      areas: new AreaRegistry(db), tally, signal: hooks.signal,
      onProgress: PAUSE_AT ? (p) => (hooks.onProgress?.(p), pauseForCrashTest('rows', p.rows)) : hooks.onProgress,
    };
    pauseForCrashTest('begin');
    // Monthly counts claim their months before writing (the current figures hold one extract
    // per month); incidents and populations are claimed once the whole file is read.
    let claims: MonthClaims | null = null;
    const kind = plan.dataset.kind === 'counts' ? 'counts' : 'incidents';
    const claim = (claimed: number[]) => {
      const sorted = [...claimed].sort((a, b) => a - b);
      return (claims ??= claimMonths(db, dataset.id, importId, sorted, sorted.at(-1)!, kind));
    };
    await plan.run(ctx, claim);
    const badCells = tally.badCells.refusal(result.file);
    if (badCells) throw badCells;
    pauseForCrashTest('finish');
    const skipped = tally.skippedRows();
    if (skipped) tally.warnings.push(skipped.message);
    if (tally.rowsStored === 0) {
      const names = [...tally.unmatched.keys()];
      const why =
        tally.rowsRead === 0
          ? ' (the file has a header but no data rows)'
          : names.length
            ? `: no area name matched a known ward or borough (${names.slice(0, 8).join(', ')}${names.length > 8 ? `, and ${names.length - 8} more` : ''}). Check the spelling, or give ONS codes`
            : '';
      throw new WardlensError('bad-input', `${result.file}: no rows could be imported${why}.`, { file: result.file, row: plan.headerRow + 1 });
    }
    const months = [...tally.months].sort((a, b) => a - b);
    if (plan.dataset.kind !== 'population') claim(months);
    // The pivots' summary tables, re-summed for this import's months (store/summaries.ts).
    refreshSummariesAfterImport(db, dataset.id, importId);
    const cutDown = plan.dataset.kind === 'counts' ? checkCutDown(db, dataset.id, importId, (claims as MonthClaims | null)?.superseded ?? [], plan.dataset.areaLevel) : null;
    if (cutDown) tally.warnings.unshift(cutDown.message);
    const kept = (claims as MonthClaims | null)?.keptAsRevision ?? [];
    if (kept.length) {
      tally.warnings.push(`${kept.length} of this file’s months are already held from a newer extract; its figures for them are kept as earlier revisions only.`);
    }
    setImportHash(db, importId, await identity.known());
    finishImport(db, importId, {
      rowsRead: tally.rowsRead, rowsStored: tally.rowsStored, rowsRejected: tally.rowsRejected,
      firstMonth: months[0] ?? null, lastMonth: months.at(-1) ?? null, monthsCount: months.length,
      warnings: tally.warnings, unmatchedNames: [...tally.unmatched].map(([name, rows]) => ({ name, rows })),
    });
    pauseForCrashTest('commit');
    db.exec('COMMIT');
    Object.assign(result, {
      status: 'imported', importId, rowsRead: tally.rowsRead, rowsStored: tally.rowsStored, rowsRejected: tally.rowsRejected,
      areas: tally.areas.size, categories: tally.categories,
      months: { first: months.length ? toIsoMonth(months[0]!) : null, last: months.length ? toIsoMonth(months.at(-1)!) : null, count: months.length },
      supersededMonths: ((claims as MonthClaims | null)?.superseded ?? []).map(toIsoMonth),
      unmatchedNames: [...tally.unmatched].map(([name, rows]) => ({ name, rows })).sort((a, b) => b.rows - a.rows),
      warnings: tally.warnings,
      ...(cutDown ? { cutDown } : {}),
      ...(tally.population ? { population: tally.population } : {}),
      ...(skipped ? { skipped } : {}),
    });
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    result.rowsRead = tally.rowsRead;
    // A row that stopped the reading after bad cells were noted is named with them.
    throw tally.badCells.withError(result.file, err);
  } finally {
    if (bulk) db.pragma('foreign_keys = ON');
  }
}

function statOrThrow(path: string, file: string) {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new WardlensError('not-found', `${file} is not a file.`, { file });
    return stat;
  } catch (err) {
    if (err instanceof WardlensError) throw err;
    throw new WardlensError('not-found', `${file}: no such file (${path}).`, { file });
  }
}
