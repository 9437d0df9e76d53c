/**
 * CSV files, streamed: memory stays flat whatever the file's size. UTF-8 with or without a
 * byte-order mark; binary files renamed .csv are refused before any parsing.
 */
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { badInput } from '../../errors';
import { HEAD_ROWS, type SheetRow, type TableSource } from './table';

const SNIFF_BYTES = 256 * 1024;

function readStart(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** A text file has no NUL bytes and decodes as UTF-8; anything else is not a CSV. */
function assertText(file: string, start: Buffer): void {
  if (start.includes(0)) {
    throw badInput(file, 'this is not a text CSV file (it contains binary data). Export the sheet as CSV and try again.', {
      row: 1,
    });
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(start.subarray(0, Math.max(0, start.length - 4)));
  } catch {
    throw badInput(file, 'this file is not UTF-8 text. Save it as "CSV UTF-8" and try again.', { row: 1 });
  }
}

function headRows(start: Buffer, complete: boolean): SheetRow[] {
  let text = start.toString('utf8');
  if (!complete) text = text.slice(0, text.lastIndexOf('\n') + 1);
  const records = parseSync(text, { bom: true, relax_column_count: true, relax_quotes: true, to_line: HEAD_ROWS }) as string[][];
  return records.map((cells, i) => ({ row: i + 1, cells }));
}

export function openCsv(path: string, displayName = basename(path)): TableSource {
  const total = statSync(path).size;
  const start = readStart(path, SNIFF_BYTES);
  assertText(displayName, start);
  const head = headRows(start, start.length === total);
  let read = 0;
  return {
    file: displayName,
    sheet: null,
    head,
    progress: () => ({ read, total }),
    async *rows(signal?: AbortSignal) {
      const stream = createReadStream(path, { highWaterMark: 1024 * 1024, signal });
      stream.on('data', (chunk) => (read += chunk.length));
      const parser = stream.pipe(parse({ bom: true, relax_column_count: true, info: true }));
      try {
        for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          yield { row: info.lines, cells: record };
        }
      } catch (err) {
        if (signal?.aborted) throw err;
        const e = err as { code?: string; lines?: number; message: string };
        throw badInput(displayName, `the CSV could not be read: ${e.message.replace(/^Invalid \w+ /, '')}`, {
          row: e.lines,
        });
      } finally {
        stream.destroy();
      }
    },
  };
}
