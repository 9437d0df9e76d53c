/**
 * `wardlens serve`: the renderer bundle and the API on 127.0.0.1, for browser mode. API
 * calls are POST /api/invoke/<method> with the JSON args; the answer streams as lines of
 * JSON: {"call":id}, then any {"progress":…}, then {"result":…} or {"error":…}.
 * POST /api/cancel/<id> cancels a call; POST /api/upload?name=F stores a chosen file in a
 * private temp folder for import (a browser cannot hand over a path); POST
 * /api/download/export/table (or …/export/pack) runs the export there and sends it back.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ApiError } from '../../shared/errors';
import { isMethod } from '../../core/handlers';
import type { EngineHost } from '../../core/worker/host';
import { hostAllowed, originAllowed, SECURITY_HEADERS, tokenMatches } from './security';
import { serveStatic } from './static';
import { exportForDownload } from './download';

export interface ServeOptions {
  engine: EngineHost;
  rendererDir: string;
  token: string;
  port: number;
}

const MAX_ARGS_BYTES = 1024 * 1024;

export async function startServer(o: ServeOptions): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const uploads = mkdtempSync(join(tmpdir(), 'wardlens-uploads-'));
  let port = o.port;
  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => fail(res, 500, { code: 'internal', message: err.message }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) return fail(res, 421, { code: 'bad-request', message: 'Wrong host.' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, { code: 'bad-request', message: 'Method not allowed.' });
      return serveStatic(o.rendererDir, url.pathname, res);
    }
    if (req.method !== 'POST' || !originAllowed(req, port)) return fail(res, 403, { code: 'bad-request', message: 'Not allowed.' });
    if (!tokenMatches(req, o.token)) return fail(res, 401, { code: 'bad-request', message: 'This page is not from this run of Wardlens: open the address `wardlens serve` printed.' });
    // Method names have a slash of their own ("pivot/run"): everything after /api/invoke/ is the name.
    const [, action = '', name = ''] = /^\/api\/([a-z]+)\/?(.*)$/.exec(url.pathname) ?? [];
    if (action === 'invoke' && name) return invoke(name, req, res);
    if (action === 'cancel' && name) {
      o.engine.cancel(Number(name));
      return json(res, 200, { cancelled: true });
    }
    if (action === 'upload') return upload(url.searchParams.get('name') ?? 'upload', req, res);
    if (action === 'download' && (name === 'export/table' || name === 'export/pack')) return download(name, req, res);
    return fail(res, 404, { code: 'not-found', message: 'No such API.' });
  }

  async function invoke(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isMethod(method)) return fail(res, 404, { code: 'bad-request', message: `There is no method "${method}".` });
    let body: string;
    try {
      body = await readBody(req, MAX_ARGS_BYTES);
    } catch {
      return fail(res, 413, { code: 'bad-request', message: 'The request is too large.' });
    }
    let args: unknown;
    try {
      args = JSON.parse(body || '{}');
    } catch {
      return fail(res, 400, { code: 'bad-request', message: 'The request was not valid JSON.' });
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
    const line = (v: unknown) => res.write(`${JSON.stringify(v)}\n`);
    const call = o.engine.invoke(method, args as never, (progress) => line({ progress }));
    line({ call: call.id });
    req.on('close', () => !res.writableEnded && o.engine.cancel(call.id));
    try {
      line({ result: await call.result });
    } catch (err) {
      const e = err as { code?: ApiError['code']; message: string; details?: ApiError['details'] };
      line({ error: { code: e.code ?? 'internal', message: e.message, details: e.details } });
    }
    res.end();
  }

  async function download(method: 'export/table' | 'export/pack', req: IncomingMessage, res: ServerResponse): Promise<void> {
    let args: Record<string, unknown>;
    try {
      args = JSON.parse((await readBody(req, MAX_ARGS_BYTES)) || '{}') as Record<string, unknown>;
    } catch {
      return fail(res, 400, { code: 'bad-request', message: 'The request was not valid JSON.' });
    }
    try {
      const file = await exportForDownload(o.engine, uploads, method, args);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': file.type,
        'Content-Length': String(file.body.length),
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'Cache-Control': 'no-store',
      });
      res.end(file.body);
    } catch (err) {
      const e = err as { code?: ApiError['code']; message: string; details?: ApiError['details'] };
      fail(res, 422, { code: e.code ?? 'internal', message: e.message, details: e.details });
    }
  }

  async function upload(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Keep the analyst's own file name (it is what the import record shows), in a folder of its own.
    const dir = mkdtempSync(join(uploads, 'f-'));
    const safe = [...basename(name)].map((ch) => (ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('');
    const path = join(dir, safe || 'upload');
    await pipeline(req, createWriteStream(path));
    json(res, 200, { path });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(uploads, { recursive: true, force: true });
    },
  };
}

/**
 * The request body, up to `limit` bytes. Past the limit the rest is read and dropped (up
 * to a hard cap), so the client gets a clear 413 answer rather than a reset connection.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else if (size > 64 * limit) req.destroy();
    });
    req.on('end', () => (size > limit ? reject(new Error('too large')) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, error: ApiError): void {
  if (res.headersSent) {
    res.end(`${JSON.stringify({ error })}\n`);
    return;
  }
  json(res, status, { error });
}
