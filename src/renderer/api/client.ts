/**
 * The renderer's one way to the engine. In the desktop app the preload script exposes
 * `window.wardlens`; in browser mode the same calls go over HTTP to `wardlens serve`, with
 * the per-run token from the address. Views never know which.
 */
import type { Args, MethodName, Result } from '../../shared/api';
import type { ApiError } from '../../shared/errors';
import type { ExportPackArgs, ExportTableArgs } from '../../shared/export';
import type { ImportProgress } from '../../shared/importing';

export interface CallOptions {
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

/** A table export without its destination: the desktop app asks for a path, browser mode downloads. */
export type TableExport = Omit<ExportTableArgs, 'path' | 'force'>;
export type PackExport = Omit<ExportPackArgs, 'folder' | 'force'>;

/**
 * Where an export went ("Saved to …" / "Downloaded …"), or null when the analyst cancelled.
 * A pack from the desktop app also says how its PDF report went.
 */
export type ExportOutcome = { where: string; pdf?: { written: string } | { problem: string } } | null;

export interface EngineClient {
  invoke<K extends MethodName>(method: K, args: Args<K>, options?: CallOptions): Promise<Result<K>>;
  /** Writes a table to xlsx or csv: through the save dialog on the desktop, as a download in the browser. */
  exportTable(args: TableExport, fileName: string): Promise<ExportOutcome>;
  /** Writes the assessment pack: into a chosen folder on the desktop, as a zip download in the browser. */
  exportPack(args: PackExport, folderName: string, options?: CallOptions): Promise<ExportOutcome>;
  /** Saves bytes made in the page (a map's cells as GeoJSON or csv): the save dialog on the desktop, a download in the browser. */
  saveFile(fileName: string, extensions: string[], bytes: Uint8Array, type: string): Promise<ExportOutcome>;
  /** Desktop: paths of dropped files. Browser: uploads them first and returns server-side paths. */
  pathsFor(files: File[]): Promise<string[]>;
  readonly mode: 'desktop' | 'browser';
}

/** What the preload script exposes (see src/preload/preload.ts). */
export interface DesktopBridge {
  invoke(
    method: string,
    args: unknown,
    callId: number,
  ): Promise<{ ok: true; result: unknown } | { ok: false; error: ApiError }>;
  cancel(callId: number): void;
  onProgress(listener: (callId: number, progress: ImportProgress) => void): () => void;
  /** Menu commands from the desktop app's File menu. */
  onMenu(listener: (action: 'import' | 'export' | 'workspace-changed', payload: unknown) => void): () => void;
  pathForFile(file: File): string;
  chooseSavePath(defaultName: string, extensions: string[], folder?: boolean): Promise<string | null>;
  saveBytes(defaultName: string, extensions: string[], bytes: Uint8Array): Promise<string | null>;
  /** Prints a pack's HTML report to PDF beside it (desktop only). */
  printReportPdf?(
    reportPath: string,
  ): Promise<{ ok: true; path: string } | { ok: false; error: ApiError }>;
}

declare global {
  interface Window {
    wardlens?: DesktopBridge;
  }
}

export class EngineError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export function createClient(): EngineClient {
  return window.wardlens ? desktopClient(window.wardlens) : browserClient(readToken());
}

function desktopClient(bridge: DesktopBridge): EngineClient {
  let next = 1;
  return {
    mode: 'desktop',
    async invoke(method, args, options) {
      const id = next++;
      const off = bridge.onProgress((callId, p) => callId === id && options?.onProgress?.(p));
      options?.signal?.addEventListener('abort', () => bridge.cancel(id));
      try {
        const answer = await bridge.invoke(method, args, id);
        if (!answer.ok) throw new EngineError(answer.error);
        return answer.result as Result<typeof method>;
      } finally {
        off();
      }
    },
    async pathsFor(files) {
      return files.map((f) => bridge.pathForFile(f));
    },
    async exportTable(args, fileName) {
      const path = await bridge.chooseSavePath(fileName, [args.format]);
      if (!path) return null;
      const done = await this.invoke('export/table', { ...args, path, force: true });
      return { where: `Saved to ${done.file.path}` };
    },
    async exportPack(args, folderName, options) {
      const folder = await bridge.chooseSavePath(folderName, [], true);
      if (!folder) return null;
      const done = await this.invoke('export/pack', { ...args, folder, force: true }, options);
      const report = done.files.find((f) => f.kind === 'html');
      if (report && bridge.printReportPdf) options?.onProgress?.({ file: 'the PDF report', rows: 0, percent: null });
      const printed = report && bridge.printReportPdf ? await bridge.printReportPdf(report.path) : null;
      const pdf = printed && (printed.ok ? { written: printed.path } : { problem: printed.error.message });
      return { where: `Saved ${done.files.length} files to ${done.folder}`, ...(pdf ? { pdf } : {}) };
    },
    async saveFile(fileName, extensions, bytes) {
      const path = await bridge.saveBytes(fileName, extensions, bytes);
      return path ? { where: `Saved to ${path}` } : null;
    },
  };
}

function readToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('wardlens-token', fromHash);
    history.replaceState(null, '', location.pathname);
    return fromHash;
  }
  return sessionStorage.getItem('wardlens-token') ?? '';
}

function browserClient(token: string): EngineClient {
  const headers = { 'x-wardlens-token': token };
  return {
    mode: 'browser',
    async invoke(method, args, options) {
      // The call's number comes in the answer's first line: a cancel asked for before it
      // arrived (a newer question while this one was on its way) is sent once it does.
      let callId: number | null = null;
      let cancelWanted = options?.signal?.aborted ?? false;
      const cancel = () => void fetch(`/api/cancel/${callId}`, { method: 'POST', headers });
      options?.signal?.addEventListener('abort', () => (callId !== null ? cancel() : (cancelWanted = true)), { once: true });
      const response = await fetch(`/api/invoke/${method}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: ApiError } | null;
        throw new EngineError(
          body?.error ?? { code: 'internal', message: `The server answered ${response.status}.` },
        );
      }
      // Read the stream to its end (the server ends it right after the answer): leaving it
      // half-read makes the browser abort the request.
      let answer: { result: unknown } | { error: ApiError } | null = null;
      for await (const line of lines(response.body)) {
        const message = JSON.parse(line) as {
          call?: number;
          progress?: ImportProgress;
          result?: unknown;
          error?: ApiError;
        };
        if (message.call !== undefined) {
          callId = message.call;
          if (cancelWanted) cancel();
        }
        else if (message.progress) options?.onProgress?.(message.progress);
        else if (message.error) answer ??= { error: message.error };
        else if ('result' in message) answer ??= { result: message.result };
      }
      if (answer && 'error' in answer) throw new EngineError(answer.error);
      if (answer) return answer.result as Result<typeof method>;
      throw new EngineError({
        code: 'internal',
        message: 'The server closed the connection before answering.',
      });
    },
    async pathsFor(files) {
      const paths: string[] = [];
      for (const file of files) {
        const response = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
          method: 'POST',
          headers,
          body: file,
        });
        const body = (await response.json()) as { path?: string; error?: ApiError };
        if (!body.path)
          throw new EngineError(
            body.error ?? { code: 'internal', message: `Could not hand ${file.name} to Wardlens.` },
          );
        paths.push(body.path);
      }
      return paths;
    },
    async exportTable(args, fileName) {
      return download('export/table', { ...args, fileName }, headers);
    },
    async exportPack(args) {
      return download('export/pack', args, headers);
    },
    async saveFile(fileName, _extensions, bytes, type) {
      // Copied into a fresh ArrayBuffer: a Blob takes no view over a shared buffer.
      saveBlob(new Blob([bytes.slice()], { type }), fileName);
      return { where: `Downloaded ${fileName}` };
    },
  };
}

/** Browser mode: the server writes the export in a private temp folder and sends the bytes back. */
async function download(
  method: 'export/table' | 'export/pack',
  args: unknown,
  headers: Record<string, string>,
): Promise<ExportOutcome> {
  const response = await fetch(`/api/download/${method}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: ApiError } | null;
    throw new EngineError(
      body?.error ?? {
        code: 'internal',
        message: `The export failed: the server answered ${response.status}.`,
      },
    );
  }
  const name = fileNameOf(response.headers.get('Content-Disposition')) ?? 'Wardlens export';
  saveBlob(await response.blob(), name);
  return { where: `Downloaded ${name}` };
}

/** Browser mode: bytes made in the page go straight to a download, with no trip to the server. */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // Give the browser a moment to start the download before the bytes go.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}

function fileNameOf(disposition: string | null): string | null {
  const m = disposition && /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  return m ? decodeURIComponent(m[1]!) : null;
}

async function* lines(body: ReadableStream<Uint8Array>): AsyncIterable<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) yield line;
    }
  }
  if (buffer.trim()) yield buffer.trim();
}
