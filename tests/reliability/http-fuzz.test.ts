// A fuzz of browser mode's HTTP API: the server started as `wardlens serve` starts it (the
// engine in its worker thread, on 127.0.0.1 only), then 500 random and malformed requests
// written byte by byte on a socket: bad methods, paths, headers, tokens, hosts and origins,
// broken and hostile JSON, bodies too large, Content-Length that lies, path traversal,
// unknown API methods, arguments of the wrong type. Each request's expected status follows
// from the server's rules (host, then method and origin, then token, then route), and every
// answer must be that status, 2xx or 4xx, with a JSON body (JSON lines for API calls) and no
// stack trace. After the fuzz the server and the engine still answer, and the workspace is whole.
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/cli/server/server';
import { EngineHost } from '../../src/core/worker/host';
import { openWorkspace } from '../../src/core/store/workspace';
import { repoRoot } from '../support/data';
import { cleanupTempDirs, tempDir } from '../support/workspace';
import { random, writePoliceUkFile } from './corpus';
import { recordFigures, type Figure } from './figures';
import { IPC_METHODS } from '../../src/main/ipcGuard';

const CASES = 500;
const token = 'fuzz-token-0123456789abcdef';
const workerFile = path.join(repoRoot, 'dist/core/worker.js');

let engine: EngineHost;
let server: Awaited<ReturnType<typeof startServer>>;
let port: number;
let dir: string;
let wsPath: string;

beforeAll(async () => {
  dir = tempDir();
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Wardlens</title>');
  writeFileSync(path.join(dir, 'secret.txt'), 'not for the page');
  wsPath = path.join(dir, 'ws.sqlite');
  engine = new EngineHost(workerFile, { workspacePath: wsPath });
  await engine.ready;
  server = await startServer({ engine, rendererDir, token, port: 0 });
  port = server.port;
}, 120_000);

const figures: Figure[] = [];
let stopped = false;
afterAll(async () => {
  recordFigures(figures);
  if (!stopped) {
    await server?.close();
    await engine?.close();
  }
  cleanupTempDirs();
});

// ---------------------------------------------------------------------------------------
// Raw HTTP: requests written as bytes, answers read whole (the request asks to close).

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends a request and reads the answer until the server closes (requests ask it to). A
 * browser keeps its side open until the answer; `halfClose` ends the request's side at once,
 * as a client does that has nothing more to send (used for requests shorter than they claim).
 */
function send(raw: Buffer, halfClose = false, timeoutMs = 15_000): Promise<Answer | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, timeoutMs);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', () => undefined); // a reset after the answer is fine; no answer at all is caught below
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseAnswer(Buffer.concat(chunks)));
    });
    socket.write(raw, () => halfClose && socket.end());
  });
}

function parseAnswer(bytes: Buffer): Answer | null {
  const split = bytes.indexOf('\r\n\r\n');
  if (split < 0) return null;
  const [statusLine, ...lines] = bytes.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  let body = bytes.subarray(split + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const parts: Buffer[] = [];
    let p = 0;
    for (;;) {
      const eol = body.indexOf('\r\n', p);
      if (eol < 0) break;
      const size = parseInt(body.toString('latin1', p, eol), 16);
      if (!size) break;
      parts.push(body.subarray(eol + 2, eol + 2 + size));
      p = eol + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  }
  return { status, headers, body: body.toString('utf8') };
}

// ---------------------------------------------------------------------------------------
// The request generator, and the status each request must get.

interface Req {
  kind: string;
  raw: Buffer;
  /** The statuses the server's rules allow for it. */
  expect: number[];
  /** End the request's side of the connection once written (for requests shorter than they claim). */
  halfClose?: boolean;
  /** An API call that reaches the engine answers JSON lines. */
  api: boolean;
  head?: boolean;
}

/** Every API method (the IPC guard's list, which a unit test holds to src/shared/api.ts). */
const METHODS: string[] = [...IPC_METHODS];
/** Argument objects of the wrong shape, sent to every method in turn before the random requests. */
const SWEEP = [
  {},
  { dataset: 5 },
  { path: 5 },
  { paths: [5] },
  { pivot: 5 },
  { pivot: null },
  { rows: 'x', columns: 5 },
  { name: 5 },
  { mapping: 5 },
  { area: 5, year: 'x' },
  { table: 5, format: 5 },
  { folder: 5 },
  { spec: [] },
  { options: 'x' },
  { row: 'x', column: {} },
];

function generator(seed: number) {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  const junk = (n: number) =>
    Array.from({ length: n }, () => String.fromCharCode(32 + Math.floor(next() * 95))).join('');
  const safeDir = () => path.join(dir, 'fuzz-out');

  /** Arguments of the wrong type, or right-looking ones with hostile values. */
  const wrongArgs = (): string =>
    pick([
      () => 'null',
      () => '[]',
      () => '42',
      () => '"text"',
      () => 'true',
      () => '{}',
      () => JSON.stringify({ paths: pick(['x', 5, null, [1, 2], [{}], ['no such file.csv']]) }),
      () =>
        JSON.stringify({
          dataset: pick([5, null, [], {}, 'nope', '../../etc']),
          rows: pick(['borough', 5, [null], ['month', 'month']]),
          columns: pick([{}, 'year', [7]]),
        }),
      () =>
        JSON.stringify({
          dataset: 'x',
          rows: [],
          columns: [],
          measure: pick(['rate', 'nope', 9, null]),
          filters: pick([null, 'x', { borough: 'Harrow' }, { borough: [1] }]),
        }),
      () =>
        JSON.stringify({
          path: pick(['', 5, null, '/dev/zero', 'relative.csv', path.join(safeDir(), 'missing.csv')]),
          sheet: pick([undefined, 7, '']),
        }),
      () =>
        JSON.stringify({
          name: pick([null, '', 5, 'x'.repeat(10_000), '<script>']),
          mapping: pick([null, 'x', { area: 5 }, {}]),
        }),
      () =>
        JSON.stringify({
          __proto__: { polluted: true },
          constructor: { prototype: { polluted: true } },
          dataset: 'x',
        }),
      () => `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      () =>
        JSON.stringify({
          area: pick(['Harrow', 5]),
          year: pick([2017, '2017', -1, 1e308, null]),
          category: pick(['Burglary', [], null]),
        }),
      () =>
        JSON.stringify({
          table: pick([null, {}, { pivot: 5 }]),
          format: pick(['csv', 'pdf', 5]),
          path: path.join(safeDir(), `${junk(8).replace(/[^a-z]/gi, 'x')}.csv`),
        }),
      () =>
        JSON.stringify(
          Object.fromEntries(
            Array.from({ length: 50 }, () => [junk(6), pick([1, 'x', null, [], {}, -1e308, 1e-308])]),
          ),
        ),
    ])();

  return function request(i: number): Req {
    const hostOk = !chance(0.08);
    const host = hostOk
      ? pick([`127.0.0.1:${port}`, `localhost:${port}`])
      : pick([
          `evil.example:${port}`,
          '127.0.0.1',
          `127.0.0.1:${port + 1}`,
          `LOCALHOST:${port}`,
          '',
          `127.0.0.1:${port}.evil.example`,
        ]);
    const originOk = !chance(0.08);
    const origin = originOk
      ? pick([undefined, `http://127.0.0.1:${port}`, `http://localhost:${port}`])
      : pick(['https://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`]);
    const tokenOk = !chance(0.12);
    const tokenHeader = tokenOk
      ? token
      : pick([
          undefined,
          '',
          token.slice(0, -1),
          `${token}x`,
          token.toUpperCase(),
          `${token.slice(0, -1)}\u00e9`,
          'a'.repeat(5000),
          `${token}\u0001`,
        ]);
    // A control character is not allowed in a header at all: Node refuses the request before the server sees it.
    const headerBroken = tokenHeader?.includes('\u0001') ?? false;
    const kind = pick([
      'invoke',
      'invoke',
      'invoke',
      'invoke',
      'static',
      'api-other',
      'malformed',
      'cancel',
      'upload',
      'length',
    ]);
    const headers: [string, string][] = [];
    if (host !== '' || chance(0.5)) headers.push(['Host', host]);
    if (origin) headers.push(['Origin', origin]);
    if (tokenHeader !== undefined) headers.push(['X-Wardlens-Token', tokenHeader]);
    headers.push(['Connection', 'close']);
    const hostAllowed = host === `127.0.0.1:${port}` || host === `localhost:${port}`;
    const build = (
      method: string,
      target: string,
      body: Buffer | string = '',
      extra: [string, string][] = [],
      contentLength: string | null = null,
    ) => {
      const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
      const all = [...headers, ...extra];
      if (contentLength !== null) all.push(['Content-Length', contentLength]);
      else if (b.length || method === 'POST') all.push(['Content-Length', String(b.length)]);
      const head = `${method} ${target} HTTP/1.1\r\n${all.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
      return Buffer.concat([Buffer.from(head, 'latin1'), b]);
    };
    /** The server's rules for /api/ paths, in its order. */
    const apiStatus = (method: string, routed: number[]): number[] => {
      if (headerBroken) return [400];
      if (!hostAllowed) return [421];
      if (method !== 'POST' || !(origin === undefined || originOk)) return [403];
      if (!tokenOk) return [401];
      return routed;
    };

    switch (kind) {
      case 'invoke': {
        const name = chance(0.85)
          ? pick(METHODS)
          : pick([
              'no/such',
              'workspace',
              'workspace/info/extra',
              '__proto__',
              'constructor',
              'hasOwnProperty',
              '../workspace/info',
              'workspace%2Finfo',
              junk(12).replace(/[\s?#%]/g, '_'),
            ]);
        const method = chance(0.9) ? 'POST' : pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
        const known = METHODS.includes(name) || name === 'workspace/info';
        const style = pick(['wrong', 'wrong', 'wrong', 'bad-json', 'empty', 'too-large']);
        const body =
          style === 'wrong'
            ? wrongArgs()
            : style === 'bad-json'
              ? pick(['{not json', '{"a":', '\u0000\u0001', "{'single':1}", '{"a":1}}', junk(40)])
              : style === 'empty'
                ? ''
                : `{"pad":"${'x'.repeat(1024 * 1024 + 10)}"}`;
        const routed = !known
          ? [404]
          : style === 'too-large'
            ? [413]
            : style === 'bad-json'
              ? [400]
              : [200, 400];
        return {
          kind: `invoke ${name} ${style}`,
          raw: build(method, `/api/invoke/${name}`, body, [['Content-Type', 'application/json']]),
          expect: apiStatus(method, routed),
          api: true,
        };
      }
      case 'static': {
        const target = pick([
          '/',
          '/index.html',
          '/../secret.txt',
          '/%2e%2e/secret.txt',
          '/..%2fsecret.txt',
          '/%E0%A4%A',
          '/%zz',
          '/%00',
          '//etc/passwd',
          '/\\..\\secret.txt',
          `/${'a'.repeat(3000)}`,
          '/index.html?x=1',
          `/${junk(20).replace(/[\s?#%]/g, '_')}`,
          '/renderer/../../secret.txt',
          '*',
        ]);
        const method = chance(0.8)
          ? pick(['GET', 'HEAD'])
          : pick(['POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);
        const isIndex = target === '/' || target === '/index.html' || target === '/index.html?x=1';
        const routed = method !== 'GET' && method !== 'HEAD' ? [405] : isIndex ? [200] : [400, 404];
        return {
          kind: `static ${method}`,
          raw: build(method, target),
          expect: headerBroken ? [400] : hostAllowed ? routed : [421],
          api: false,
          head: method === 'HEAD',
        };
      }
      case 'api-other': {
        const target = pick([
          '/api/',
          '/api',
          '/api/invoke',
          '/api/invoke/',
          '/api/download/export/nope',
          '/api/UPPER/x',
          '/api/123',
          '/api/invoke?x=1',
        ]);
        const method = chance(0.8) ? 'POST' : 'GET';
        const routed = target === '/api' ? [404] : [404];
        const expected = headerBroken
          ? [400]
          : target === '/api'
            ? hostAllowed
              ? method === 'GET'
                ? [404]
                : [405]
              : [421]
            : apiStatus(method, routed);
        return { kind: 'api unknown', raw: build(method, target, '{}'), expect: expected, api: false };
      }
      case 'cancel': {
        const id = pick(['1', '999999', 'abc', '-1', '1e9', '', '0x10', String(2 ** 53)]);
        const method = 'POST';
        return {
          kind: 'cancel',
          raw: build(method, `/api/cancel/${id}`),
          expect: apiStatus(method, id === '' ? [404] : [200, 400]),
          api: false,
        };
      }
      case 'upload': {
        const name = pick([
          'data.csv',
          '../../escape.csv',
          'a/b\\c:d*e?.csv',
          '\u0000.csv',
          '%2e%2e%2fx.csv',
          'x'.repeat(400),
          '',
          'CON',
          '.hidden',
        ]);
        return {
          kind: 'upload',
          raw: build('POST', `/api/upload?name=${encodeURIComponent(name)}`, 'Crime ID,Month\n', [
            ['Content-Type', 'text/csv'],
          ]),
          expect: apiStatus('POST', [200, 400]),
          api: false,
        };
      }
      case 'length': {
        // Content-Length that lies: huge, negative, not a number, or given twice.
        const cl = pick(['1000000000000', '-5', 'abc', '5, 6', '99999999999999999999', '2048']);
        const invalid = cl === '-5' || cl === 'abc' || cl === '5, 6' || cl === '99999999999999999999';
        const raw = build(
          'POST',
          '/api/invoke/workspace/info',
          '{}',
          [['Content-Type', 'application/json']],
          cl,
        );
        return {
          kind: `content-length ${cl}`,
          raw,
          expect: invalid ? [400] : apiStatus('POST', [413, 400]),
          api: false,
          halfClose: true,
        };
      }
      default: {
        // Not HTTP at all, or HTTP broken at the byte level.
        const [what, raw, expect] = pick<[string, Buffer, number[]]>([
          ['not HTTP', Buffer.from(`GARBAGE\r\n\r\n`), [400]],
          ['HTTP/9.9', Buffer.from(`GET / HTTP/9.9\r\nHost: 127.0.0.1:${port}\r\n\r\n`), [400, 505]],
          ['HTTP/0.9', Buffer.from(`GET /\r\n\r\n`), [400, 421]],
          [
            'chunked and a length (smuggling)',
            Buffer.from(
              `POST /api/invoke/workspace/info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Wardlens-Token: ${token}\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\nConnection: close\r\n\r\n0\r\n\r\n`,
            ),
            [400],
          ],
          [
            'space in a header name',
            Buffer.from(
              `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Bad Header: 1\r\nConnection: close\r\n\r\n`,
            ),
            [400],
          ],
          [
            '20 KB header',
            Buffer.from(
              `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${'X-Long: ' + 'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
            ),
            [431],
          ],
          [
            'TLS hello',
            Buffer.concat([
              Buffer.from('\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03', 'latin1'),
              Buffer.alloc(64, 7),
            ]),
            [400],
          ],
          [
            'unknown method',
            Buffer.from(
              `FOO /api/invoke/workspace/info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
            ),
            [400, 501],
          ],
        ]);
        return { kind: `malformed: ${what}`, raw, expect, api: false, halfClose: true };
      }
    }
    void i;
  };
}

/** A well-formed, authorised call with arguments of the wrong shape: it must reach the engine and be refused in plain words. */
function sweepRequest(method: string, args: unknown): Req {
  const body = JSON.stringify(args);
  const raw = Buffer.from(
    `POST /api/invoke/${method} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Wardlens-Token: ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  return { kind: `invoke ${method} sweep ${body}`, raw, expect: [200], api: true };
}

/** What every answer must be: an allowed status, JSON (lines) of a plain error or a result, no stack trace, no server paths. */
function judge(req: Req, answer: Answer | null): string | null {
  if (!answer) return 'no answer';
  if (!req.expect.includes(answer.status))
    return `status ${answer.status}, expected ${req.expect.join(' or ')}`;
  if (answer.status >= 500) return `server error ${answer.status}`;
  const body = answer.body;
  if (/\n\s+at |\.ts:\d+|node_modules|\/work\/|Error: /.test(body))
    return `stack trace or internal path in the answer: ${body.slice(0, 200)}`;
  if (
    req.head ||
    (answer.status === 200 && !req.api && /text\/html/.test(answer.headers['content-type'] ?? ''))
  )
    return null;
  let docs: unknown[];
  try {
    docs =
      req.api && answer.status === 200
        ? body
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as unknown)
        : [JSON.parse(body) as unknown];
  } catch {
    return `not JSON: ${body.slice(0, 120)}`;
  }
  for (const d of docs) {
    const e = (d as { error?: { code?: unknown; message?: unknown } }).error;
    if (e && (typeof e.code !== 'string' || typeof e.message !== 'string' || e.message.length === 0))
      return `an error without code and message: ${JSON.stringify(d).slice(0, 120)}`;
  }
  if (
    req.api &&
    answer.status === 200 &&
    !docs.some((d) => d && typeof d === 'object' && ('result' in d || 'error' in d))
  )
    return `an API answer with neither a result nor an error: ${body.slice(0, 300)}`;
  return null;
}

describe('browser mode answers every malformed request plainly', () => {
  const internal: string[] = [];

  it(`${CASES} random and malformed requests: each gets its 2xx or 4xx and a JSON answer, never a stack trace`, async () => {
    const request = generator(20_241_122);
    const sweep = METHODS.flatMap((m) => SWEEP.map((args) => sweepRequest(m, args)));
    const reqs = [...sweep, ...Array.from({ length: CASES - sweep.length }, (_, i) => request(i))];
    const failures: string[] = [];
    const CONCURRENCY = 8;
    let nextIndex = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (nextIndex < reqs.length) {
          const i = nextIndex++;
          const req = reqs[i]!;
          const started = Date.now();
          const answer = await send(req.raw, req.halfClose);
          const internalError =
            !!answer && req.api && answer.status === 200 && /"code":"internal"/.test(answer.body);
          const problem =
            judge(req, answer) ??
            (internalError ? 'arguments of the wrong type answered as an internal error' : null);
          figures.push({
            suite: 'http',
            id: `#${i} ${req.kind}`,
            outcome: String(answer?.status ?? 'none'),
            ok: problem === null,
            seconds: (Date.now() - started) / 1000,
            note: problem ?? undefined,
          });
          if (internalError) internal.push(`#${i} ${req.kind}: ${answer.body.slice(0, 160)}`);
          else if (problem) failures.push(`#${i} ${req.kind}: ${problem}`);
        }
      }),
    );
    expect(failures).toEqual([]);
  }, 240_000);

  it('arguments of the wrong type are refused as bad requests, not as internal errors', () => {
    expect(internal).toEqual([]);
  });

  it('cancels a call whose page goes away: a long import leaves nothing, and the engine is free at once', async () => {
    const file = path.join(dir, '2019-01-city-of-london-street.csv');
    await writePoliceUkFile(file, 150_000, ['2019-01']);
    const info = () =>
      send(
        Buffer.from(
          `POST /api/invoke/workspace/info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Wardlens-Token: ${token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
        ),
      ).then(
        (a) =>
          (JSON.parse(a!.body.trim().split('\n').at(-1)!) as { result: { imports: { fileName: string }[] } })
            .result.imports,
      );
    const before = await info();
    const body = JSON.stringify({ paths: [file] });
    const socket = connect({ host: '127.0.0.1', port });
    let seen = '';
    await new Promise<void>((resolve) => {
      socket.on('data', (d: Buffer) => {
        seen += d.toString();
        if (seen.includes('"call"')) resolve(); // the engine has the call: now the page closes
      });
      socket.write(
        `POST /api/invoke/import/files HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Wardlens-Token: ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
    socket.destroy();
    const started = Date.now();
    expect(await info()).toEqual(before);
    figures.push({
      suite: 'http',
      id: 'page closed during an import',
      outcome: 'cancelled',
      ok: true,
      seconds: (Date.now() - started) / 1000,
    });
  }, 60_000);

  it('still answers afterwards: the server, the engine and the workspace', async () => {
    const answer = await send(
      Buffer.from(
        `POST /api/invoke/workspace/info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Wardlens-Token: ${token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      ),
    );
    expect(answer?.status).toBe(200);
    expect(answer!.body).toMatch(/"result"/);
    expect((server.server.address() as { address: string }).address).toBe('127.0.0.1');
    await server.close();
    await engine.close();
    stopped = true;
    const ws = openWorkspace(wsPath);
    expect((ws.db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
    ws.close();
  });
});
