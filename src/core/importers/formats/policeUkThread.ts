/**
 * Reading and encoding a large police.uk CSV on a thread of its own. SQLite writes on one
 * thread only, and parsing and checking a million rows costs about as much again as
 * writing them: on two threads the two halves overlap, which is most of what makes a
 * million-row import fit within twice DuckDB's time. The thread runs a small bundle of its
 * own (dist/core/policeUkEncoder.js, beside the engine's); it reads the file itself, so only
 * the encoded rows cross between threads, their numbers in transferred typed arrays.
 *
 * The thread may only run ahead by a few chunks, so memory stays flat when writing is the
 * slower half. Where no bundle exists (the tests run the TypeScript sources) or the file is
 * small, the import encodes on its own thread instead, through the same encoder.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { ApiError } from '../../../shared/errors';
import { toApiError, WardlensError } from '../../errors';
import { isBlank, type ImportContext } from '../context';
import { openCsv } from '../readers/csv';
import type { TableSource } from '../readers/table';
import { mergeEncoded, PoliceUkEncoder, type EncodedRows, type PoliceUkLayout } from './policeUkEncode';

/** Files smaller than this are encoded in place: starting a thread costs more than it saves. */
const MIN_THREAD_BYTES = 8 * 1024 * 1024;
/** Encoded chunks the thread may have waiting for the writer. */
const MAX_AHEAD = 4;
/** Rows encoded and posted at a time: each message costs the same however small it is. */
const ROWS_PER_MESSAGE = 8192;

export interface EncoderJob {
  path: string;
  file: string;
  header: string[];
  headerRow: number;
  layout: PoliceUkLayout;
}

type FromEncoder =
  | { type: 'rows'; rows: EncodedRows; read: number; total: number; rowsRead: number }
  | { type: 'done'; rowsRead: number }
  | { type: 'error'; error: ApiError; rowsRead: number };

/** The engine bundle to run the encoder in, when this import should use a thread at all. */
export function encoderThreadFor(source: TableSource): string | null {
  const setting = process.env.WARDLENS_IMPORT_THREAD; // "0": never; "1": whatever the size
  if (setting === '0' || source.sheet !== null || !source.path) return null;
  if (setting !== '1' && source.progress().total < MIN_THREAD_BYTES) return null;
  return encoderBundle();
}

/** dist/core/policeUkEncoder.js, found from whichever bundle this code runs in (dist/core, dist/cli, dist/bench). */
function encoderBundle(): string | null {
  try {
    const here = fileURLToPath(import.meta.url);
    if (!here.endsWith('.js')) return null;
    const bundle = join(dirname(here), '..', 'core', 'policeUkEncoder.js');
    return existsSync(bundle) ? bundle : null;
  } catch {
    // A bundle without import.meta (CommonJS) encodes in place.
    return null;
  }
}

/** Main side: runs the encoder thread over the import's file, handing each encoded chunk to `write`. */
export async function encodeOnThread(ctx: ImportContext, bundle: string, layout: PoliceUkLayout, write: (rows: EncodedRows) => void): Promise<void> {
  const { source, tally, signal } = ctx;
  const job: EncoderJob = { path: source.path!, file: source.file, header: ctx.header, headerRow: ctx.headerRow, layout };
  const worker = new Worker(bundle, { workerData: { job } });
  const inbox: FromEncoder[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: FromEncoder) => (inbox.push(m), notify()));
  worker.on('error', (err) => ((failure = err), notify()));
  worker.on('exit', () => ((failure ??= new Error('the encoding thread stopped early')), notify()));
  signal?.addEventListener('abort', notify);
  let lastReport = 0;
  try {
    for (;;) {
      while (inbox.length === 0 && !failure && !signal?.aborted) await new Promise<void>((r) => (wake = r));
      if (signal?.aborted) throw new WardlensError('cancelled', `Import of ${source.file} cancelled; nothing from it was kept.`);
      const m = inbox.shift();
      if (!m) throw new WardlensError('internal', `${source.file}: ${failure!.message}`);
      tally.rowsRead = m.rowsRead;
      if (m.type === 'done') return;
      if (m.type === 'error') throw new WardlensError(m.error.code, m.error.message, m.error.details);
      write(m.rows);
      worker.postMessage('ack');
      const now = Date.now();
      if (ctx.onProgress && now - lastReport > 100) {
        lastReport = now;
        ctx.onProgress({ file: source.file, rows: tally.rowsRead, percent: m.total ? Math.min(100, (100 * m.read) / m.total) : null });
      }
    }
  } finally {
    signal?.removeEventListener('abort', notify);
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}

/** Thread side: reads the file, encodes its rows a chunk at a time and posts them, never more than MAX_AHEAD unwritten. */
export async function runEncoderThread(port: MessagePort, job: EncoderJob): Promise<void> {
  let credit = MAX_AHEAD;
  let resume: (() => void) | null = null;
  port.on('message', () => {
    credit++;
    resume?.();
    resume = null;
  });
  let encoder: PoliceUkEncoder | null = null;
  try {
    const source = openCsv(job.path, job.file);
    const enc = new PoliceUkEncoder({ source, header: job.header }, job.layout);
    encoder = enc;
    // Each chunk is encoded as soon as it is read, so its rows die young; the encoded chunks are posted a few together.
    let parts: EncodedRows[] = [];
    let waiting = 0;
    const post = async () => {
      const encoded = mergeEncoded(parts);
      parts = [];
      waiting = 0;
      while (credit === 0) await new Promise<void>((r) => (resume = r));
      credit--;
      const { read, total } = source.progress();
      const message: FromEncoder = { type: 'rows', rows: encoded, read, total, rowsRead: enc.rowsRead };
      const buffers = [encoded.ints, encoded.coords, encoded.crimeIds.lengths, encoded.contexts.lengths].map((a) => a.buffer as ArrayBuffer);
      port.postMessage(message, buffers);
    };
    for await (const chunk of source.batches()) {
      const rows = chunk.filter((r) => r.row > job.headerRow && !isBlank(r.cells));
      if (rows.length === 0) continue;
      parts.push(enc.encode(rows));
      waiting += rows.length;
      if (waiting >= ROWS_PER_MESSAGE) await post();
    }
    if (parts.length) await post();
    port.postMessage({ type: 'done', rowsRead: enc.rowsRead } satisfies FromEncoder);
  } catch (err) {
    port.postMessage({ type: 'error', error: toApiError(err), rowsRead: encoder?.rowsRead ?? 0 } satisfies FromEncoder);
  }
}
