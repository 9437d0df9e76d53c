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
import { MAX_ARGS_BYTES, MAX_ARGS_DEPTH, MAX_PACK_ARGS_BYTES } from '../../shared/security';
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

/** Uploaded file names are kept (the import record shows them), cut to this length. */
const MAX_NAME_CHARS = 150;

export async function startServer(o: ServeOptions): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const uploads = mkdtempSync(join(tmpdir(), 'wardlens-uploads-'));
  let port = o.port;
  // No Host header is refused by hostAllowed below (421, in JSON) rather than by Node's own bare 400.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    handle(req, res).catch(() => fail(res, 500, { code: 'internal', message: 'Something went wrong inside Wardlens; the request was not completed.' }));
  });
  // Requests Node cannot parse as HTTP (bad request lines, headers too large, lying lengths)
  // get a plain JSON answer like every other refusal, not a bare status line.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, reason, message] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'The request took too long to arrive.']
          : [400, 'Bad Request', 'The request is not well-formed HTTP.'];
    const body = JSON.stringify({ error: { code: 'bad-request', message } });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
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
      if (!/^[1-9]\d{0,8}$/.test(name)) return fail(res, 400, { code: 'bad-request', message: 'A call to cancel is named by its number.' });
      o.engine.cancel(Number(name));
      return json(res, 200, { cancelled: true });
    }
    if (action === 'upload') return upload(url.searchParams.get('name') ?? 'upload', req, res);
    if (action === 'download' && (name === 'export/table' || name === 'export/pack')) return download(name, req, res);
    return fail(res, 404, { code: 'not-found', message: 'No such API.' });
  }

  async function invoke(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isMethod(method)) return fail(res, 404, { code: 'bad-request', message: `There is no method "${method.slice(0, 80)}".` });
    const args = await readArgs(req, res);
    if (!args) return;
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
    const line = (v: unknown) => res.write(`${JSON.stringify(v)}\n`);
    const call = o.engine.invoke(method, args as never, (progress) => line({ progress }));
    line({ call: call.id });
    // The page went away before the answer (a request's own 'close' comes as soon as its body is read).
    res.on('close', () => !res.writableEnded && o.engine.cancel(call.id));
    try {
      line({ result: await call.result });
    } catch (err) {
      const e = err as { code?: ApiError['code']; message: string; details?: ApiError['details'] };
      line({ error: { code: e.code ?? 'internal', message: e.message, details: e.details } });
    }
    res.end();
  }

  async function download(method: 'export/table' | 'export/pack', req: IncomingMessage, res: ServerResponse): Promise<void> {
    const args = await readArgs(req, res, method === 'export/pack' ? MAX_PACK_ARGS_BYTES : MAX_ARGS_BYTES);
    if (!args) return;
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
    const path = join(dir, shortName(safe) || 'upload');
    try {
      await pipeline(req, createWriteStream(path));
    } catch {
      rmSync(dir, { recursive: true, force: true });
      return fail(res, 400, { code: 'bad-request', message: 'The file did not arrive whole; nothing was kept. Try again.' });
    }
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
 * A call's arguments: a JSON object, not too large, not nested too deeply. Anything else is
 * answered here (413 or 400, in plain words) and gives undefined.
 */
async function readArgs(req: IncomingMessage, res: ServerResponse, limit = MAX_ARGS_BYTES): Promise<Record<string, unknown> | undefined> {
  const tooLarge = () => fail(res, 413, { code: 'bad-request', message: 'The request is too large.' });
  // A declared length past what would ever be read is refused before reading any of it.
  if (Number(req.headers['content-length'] ?? 0) > Math.max(64 * MAX_ARGS_BYTES, limit)) {
    res.setHeader('Connection', 'close');
    tooLarge();
    return undefined;
  }
  let body: string;
  try {
    body = await readBody(req, limit);
  } catch (err) {
    if ((err as Error).message === 'too large') tooLarge();
    else fail(res, 400, { code: 'bad-request', message: 'The request ended before its body did.' });
    return undefined;
  }
  let args: unknown;
  try {
    args = JSON.parse(body || '{}');
  } catch {
    fail(res, 400, { code: 'bad-request', message: 'The request was not valid JSON.' });
    return undefined;
  }
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    fail(res, 400, { code: 'bad-request', message: 'The arguments must be a JSON object.' });
    return undefined;
  }
  if (deeperThan(args, MAX_ARGS_DEPTH)) {
    fail(res, 400, { code: 'bad-request', message: 'The arguments are nested too deeply.' });
    return undefined;
  }
  return args as Record<string, unknown>;
}

function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A long file name cut to MAX_NAME_CHARS, keeping its extension. */
function shortName(name: string): string {
  if (name.length <= MAX_NAME_CHARS) return name;
  const ext = /\.[^.]{1,10}$/.exec(name)?.[0] ?? '';
  return name.slice(0, MAX_NAME_CHARS - ext.length) + ext;
}

/**
 * The request body, up to `limit` bytes. Past the limit the rest is read and dropped (up
 * to a hard cap), so the client gets a clear 413 answer rather than a reset connection.
 * A request that stops before its body ends is an error, not a wait for ever.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else if (size > Math.max(64 * MAX_ARGS_BYTES, limit)) req.destroy();
    });
    req.on('end', () => (size > limit ? reject(new Error('too large')) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('incomplete'));
    });
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
