// A started pivot stops when it is cancelled. The engine's thread runs the whole-history
// ward × month pivot of the real 2022-ward MPS extracts (679 wards × 189 months) in slices
// (src/core/analysis/pivot/steps.ts), reading its big aggregates a borough at a time
// (chunks.ts): a cancel sent while it runs ends it as 'cancelled' long before the
// uncancelled run, timed here on the same workspace, finishes, and the next call is answered
// in full. The sliced, chunked pivot gives exactly what the one-query pivot gives, and both
// agree with totals added up here from the raw CSVs.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/cli/server/server';
import { aggregate, aggregateInSteps, type AggregateQuery } from '../../src/core/analysis/pivot/query';
import { runPivot, runPivotInSlices } from '../../src/core/analysis/pivot/run';
import { importFiles } from '../../src/core/importers/importFiles';
import { openWorkspace, type Workspace } from '../../src/core/store/workspace';
import { EngineHost } from '../../src/core/worker/host';
import type { PivotResult, PivotSpec } from '../../src/shared/pivot';
import { data, repoRoot } from '../support/data';
import { monthColumns, readCsv } from '../support/raw';
import { cleanupTempDirs, tempDir } from '../support/workspace';

const WARD_MONTH: PivotSpec = { dataset: 'mps-ward-ho-2022', rows: ['ward'], columns: ['month'] };
/** The slow one: every cell a % change on a year earlier, with its significance test. */
const WARD_MONTH_CHANGE: PivotSpec = { ...WARD_MONTH, measure: 'pct-change' };

let workspacePath: string;
let ws: Workspace;
let engine: EngineHost;
/** Ward code → month (yyyymm) → count, as the current figures stand: the newer extract wins the months both hold. */
let raw: Map<string, Map<number, number>>;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs', 'node'], { cwd: repoRoot }); // the worker bundle
  workspacePath = path.join(tempDir(), 'ws.wardlens.sqlite');
  ws = openWorkspace(workspacePath);
  const results = await importFiles(ws, [data.mpsWard2022Historical, data.mpsWard2022Recent], {});
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
  raw = rawFigures();
  engine = new EngineHost(path.join(repoRoot, 'dist/core/worker.js'), { workspacePath });
  await engine.ready;
}, 300_000);
afterAll(async () => {
  await engine?.close();
  ws?.close();
  cleanupTempDirs();
});

/** The figures of both extracts, read from the CSVs: the recent file's months replace the historical file's. */
function rawFigures(): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  const recent = readCsv(data.mpsWard2022Recent);
  const firstRecent = Math.min(...monthColumns(recent).map(([, m]) => m));
  for (const [file, keep] of [
    [data.mpsWard2022Historical, (m: number) => m < firstRecent],
    [data.mpsWard2022Recent, () => true],
  ] as const) {
    const t = file === data.mpsWard2022Recent ? recent : readCsv(file);
    const code = t.col('WardCode');
    const months = monthColumns(t).filter(([, m]) => keep(m));
    for (const row of t.rows) {
      const byMonth = out.get(row[code]!) ?? new Map<number, number>();
      out.set(row[code]!, byMonth);
      for (const [i, m] of months) byMonth.set(m, (byMonth.get(m) ?? 0) + Number(row[i]));
    }
  }
  return out;
}

/** Every row total and column total of a ward × month count pivot against the raw figures, and some cells. */
function expectRawTotals(result: PivotResult): void {
  expect(result.rows).toHaveLength(679);
  expect(result.columns).toHaveLength(189);
  expect(raw.size).toBe(679);
  let grand = 0;
  const byMonth = new Map<string, number>();
  result.rows.forEach((row, i) => {
    const figures = raw.get(row.keys[0]!)!;
    const total = [...figures.values()].reduce((a, b) => a + b, 0);
    expect(result.rowTotals[i]!.count, row.keys[0]).toBe(total);
    grand += total;
    for (const [m, n] of figures) {
      const key = `${String(m).slice(0, 4)}-${String(m).slice(4)}`;
      byMonth.set(key, (byMonth.get(key) ?? 0) + n);
    }
  });
  result.columns.forEach((column, j) => expect(result.columnTotals[j]!.count, column.keys[0]).toBe(byMonth.get(column.keys[0]!)));
  expect(result.grandTotal.count).toBe(grand);
  // A cell in each file's months, at every twentieth ward.
  for (let i = 0; i < result.rows.length; i += 20) {
    for (const month of ['2010-04', '2016-07', '2024-02', '2025-12']) {
      const j = result.columns.findIndex((c) => c.keys[0] === month);
      expect(result.cells[i]![j]!.count).toBe(raw.get(result.rows[i]!.keys[0]!)!.get(Number(month.replace('-', ''))));
    }
  }
}

/** How long a call takes to settle, and how it ended. */
async function timed(run: Promise<unknown>, since = performance.now()): Promise<{ ms: number; value?: unknown; error?: { code: string } }> {
  try {
    const value = await run;
    return { ms: performance.now() - since, value };
  } catch (error) {
    return { ms: performance.now() - since, error: error as { code: string } };
  }
}

describe('cancelling a started pivot', () => {
  it('stops the whole-history ward × month pivot soon after the cancel, and answers the next call in full', async () => {
    const full = await timed(engine.invoke('pivot/run', WARD_MONTH_CHANGE).result);
    expect(full.error).toBeUndefined();
    const answer = full.value as PivotResult;
    expect([answer.rows.length, answer.columns.length]).toEqual([679, 189]);

    const started = performance.now();
    const call = engine.invoke('pivot/run', WARD_MONTH_CHANGE);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const cancelledAt = performance.now();
    engine.cancel(call.id);
    const cancelled = await timed(call.result, started);
    expect(cancelled.error).toMatchObject({ code: 'cancelled' });
    // Well before the uncancelled run would have finished, and within a few slices of the cancel.
    expect(cancelled.ms).toBeLessThan(full.ms / 2);
    expect(performance.now() - cancelledAt).toBeLessThan(Math.max(300, full.ms / 4));

    const next = await timed(engine.invoke('pivot/run', WARD_MONTH).result);
    expect(next.error).toBeUndefined();
    expectRawTotals(next.value as PivotResult);
    expect(engine.waiting).toBe(0);
  }, 120_000);

  it('stops it when browser mode’s page cancels the call over HTTP', async () => {
    const rendererDir = path.join(tempDir(), 'renderer');
    mkdirSync(rendererDir);
    const token = 'pivot-cancel-token-0123456789';
    const server = await startServer({ engine, rendererDir, token, port: 0 });
    try {
      const post = (url: string, body: unknown) =>
        fetch(`http://127.0.0.1:${server.port}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wardlens-token': token }, body: JSON.stringify(body) });
      const full = await timed(post('/api/invoke/pivot/run', WARD_MONTH_CHANGE).then((r) => r.text()));
      expect(full.value as string).toContain('"result"');

      const started = performance.now();
      const response = await post('/api/invoke/pivot/run', WARD_MONTH_CHANGE);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      const first = JSON.parse((await reader.read()).value!.split('\n')[0]!) as { call: number };
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await post(`/api/cancel/${first.call}`, {})).status).toBe(200);
      let rest = '';
      for (let part = await reader.read(); !part.done; part = await reader.read()) rest += part.value;
      const ended = JSON.parse(rest.trim().split('\n').pop()!) as { error?: { code: string } };
      expect(ended.error?.code).toBe('cancelled');
      expect(performance.now() - started).toBeLessThan(full.ms / 2);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('leaves no read transaction open behind a cancelled pivot: an import after it is committed', async () => {
    const call = engine.invoke('pivot/run', WARD_MONTH_CHANGE);
    await new Promise((resolve) => setTimeout(resolve, 50));
    engine.cancel(call.id);
    await expect(call.result).rejects.toMatchObject({ code: 'cancelled' });
    const imported = await engine.invoke('import/files', { paths: [data.populationBorough] }).result;
    expect(imported.map((r) => r.status)).toEqual(['imported']);
    // Seen from another connection: committed, not held in a transaction the pivot left open.
    const kinds = ws.db.prepare('SELECT kind FROM datasets ORDER BY id').pluck().all();
    expect(kinds).toEqual(['counts', 'population']);
  }, 60_000);

  it('gives, in slices and chunks, exactly the one-query pivot, whose totals match the raw files', async () => {
    for (const spec of [WARD_MONTH, WARD_MONTH_CHANGE]) {
      const once = runPivot(ws.db, spec);
      let slices = 0;
      const sliced = await runPivotInSlices(ws.db, spec, { onSlice: () => slices++ });
      expect(slices).toBeGreaterThan(1);
      expect(sliced).toEqual(once);
      expectRawTotals(sliced);
    }
    expect(ws.db.inTransaction).toBe(false);
  }, 120_000);

  it('reads a whole-history ward aggregate a borough at a time, and a year’s in one query, with the same groups', () => {
    const datasetId = ws.db.prepare(`SELECT id FROM datasets WHERE key = 'mps-ward-ho-2022'`).pluck().get() as number;
    const query = (firstMonth: number, lastMonth: number): AggregateQuery =>
      ({ datasetId, kind: 'counts', dimensions: ['ward', 'month'], filters: {}, firstMonth, lastMonth });
    const boroughs = ws.db.prepare(`SELECT count(*) FROM areas WHERE kind = 'borough'`).pluck().get() as number;
    for (const [q, chunks] of [[query(201004, 202512), boroughs], [query(202401, 202412), 0]] as const) {
      const steps = aggregateInSteps(ws.db, q);
      let paused = 0;
      let next = steps.next();
      for (; !next.done; next = steps.next()) paused++;
      // A pause after each borough's query and one after putting them together; none for one query.
      expect(paused).toBe(chunks ? chunks + 1 : 0);
      const whole = aggregate(ws.db, q);
      const { size, ids, counts, lookups } = next.value;
      expect(size).toBe(whole.size);
      expect(Array.from(counts)).toEqual(Array.from(whole.counts));
      ids.forEach((column, i) => expect(Array.from(column, (id) => lookups[i]!(id))).toEqual(Array.from(whole.ids[i]!, (id) => whole.lookups[i]!(id))));
    }
  }, 60_000);

  it('refuses a pivot already cancelled before it starts, and runs a small pivot as before', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runPivotInSlices(ws.db, WARD_MONTH, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
    const small: PivotSpec = { ...WARD_MONTH, months: { from: '2024-01', to: '2024-12' }, filters: { borough: ['Harrow'] } };
    expect(await runPivotInSlices(ws.db, small)).toEqual(runPivot(ws.db, small));
  }, 60_000);
});
