/**
 * Exports in browser mode. A page cannot choose a path on the analyst's disk, so the server
 * writes the export into a private temp folder and sends it back as a download: a table as
 * its xlsx or csv file, a pack as one zip of its folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { zipSync } from 'fflate';
import type { ExportPackArgs, ExportTableArgs } from '../../shared/export';
import { WardlensError } from '../../core/errors';
import type { EngineHost } from '../../core/worker/host';

const safeName = (name: string, fallback: string) => [...basename(name || fallback)].map((ch) => (ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('') || fallback;

export interface Download {
  name: string;
  type: string;
  body: Buffer;
}

/** Runs an export into `tempRoot` and returns the bytes to send; the temp copy is removed. */
export async function exportForDownload(engine: EngineHost, tempRoot: string, method: 'export/table' | 'export/pack', args: Record<string, unknown>): Promise<Download> {
  const dir = mkdtempSync(join(tempRoot, 'dl-'));
  try {
    if (method === 'export/table') {
      const a = args as unknown as ExportTableArgs & { fileName?: string };
      const name = safeName(a.fileName ?? '', `Wardlens table.${a.format}`);
      const { result } = engine.invoke('export/table', { ...a, path: join(dir, name), force: true });
      const written = await result;
      return { name, type: a.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8', body: readFileSync(written.file.path) };
    }
    const a = args as unknown as ExportPackArgs;
    const folder = join(dir, safeName(`${a.area} ${a.year} assessment pack`, 'assessment pack'));
    const { result } = engine.invoke('export/pack', { ...a, folder, force: true });
    await result;
    const files: Record<string, Uint8Array> = {};
    const walk = (d: string) => {
      for (const entry of readdirSync(d)) {
        const p = join(d, entry);
        if (statSync(p).isDirectory()) walk(p);
        else files[`${basename(folder)}/${relative(folder, p).split('\\').join('/')}`] = readFileSync(p);
      }
    };
    walk(folder);
    return { name: `${basename(folder)}.zip`, type: 'application/zip', body: Buffer.from(zipSync(files)) };
  } catch (err) {
    if (err instanceof WardlensError) throw err;
    throw new WardlensError('internal', (err as Error).message);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
