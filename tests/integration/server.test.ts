// Browser mode's HTTP transport: the engine in its worker thread behind the token, Host,
// Origin and size checks, answering the same API as the CLI.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/cli/server/server';
import { EngineHost } from '../../src/core/worker/host';
import { data, repoRoot } from '../support/data';
import { inYear, readCsv, sumWide } from '../support/raw';
import { cleanupTempDirs, tempDir } from '../support/workspace';

let engine: EngineHost;
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
const token = 'test-token-0123456789';

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs', 'node'], { cwd: repoRoot }); // the worker bundle
  const dir = tempDir();
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Wardlens</title>');
  writeFileSync(path.join(dir, 'secret.txt'), 'not for the page');
  engine = new EngineHost(path.join(repoRoot, 'dist/core/worker.js'), { workspacePath: path.join(dir, 'ws.sqlite') });
  await engine.ready;
  server = await startServer({ engine, rendererDir, token, port: 0 });
  base = `http://127.0.0.1:${server.port}`;
}, 120_000);
afterAll(async () => {
  await server.close();
  await engine.close();
  cleanupTempDirs();
});

const post = (url: string, body: unknown, headers: Record<string, string> = { 'x-wardlens-token': token }) =>
  fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function call(method: string, args: unknown): Promise<{ result?: unknown; error?: { code: string; message: string }; progress: unknown[] }> {
  const text = await (await post(`/api/invoke/${method}`, args)).text();
  const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { result: lines.find((l) => 'result' in l)?.result, error: lines.find((l) => l.error)?.error as never, progress: lines.filter((l) => l.progress).map((l) => l.progress) };
}

describe('wardlens serve', () => {
  it('listens on the loopback address only', () => {
    expect((server.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('serves the app with the strict CSP, and nothing outside its folder', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    for (const sneaky of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await fetch(`${base}${sneaky}`);
      expect(res.status, sneaky).toBe(404);
      expect(await res.text()).not.toContain('not for the page');
    }
  });

  it('refuses calls without this run’s token, from other origins, or for other hosts', async () => {
    expect((await post('/api/invoke/workspace/info', {}, {})).status).toBe(401);
    expect((await post('/api/invoke/workspace/info', {}, { 'x-wardlens-token': 'test-token-0123456788' })).status).toBe(401);
    expect((await post('/api/invoke/workspace/info', {}, { 'x-wardlens-token': token, origin: 'https://evil.example' })).status).toBe(403);
    // fetch cannot set Host, so ask with node:http as a DNS-rebinding page would arrive.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/invoke/workspace/info', method: 'POST', headers: { host: `evil.example:${server.port}`, 'x-wardlens-token': token } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
    expect((await fetch(`${base}/api/invoke/workspace/info`, { headers: { 'x-wardlens-token': token } })).status).toBe(403);
  });

  it('answers malformed requests plainly, never with a stack trace', async () => {
    const unknown = await post('/api/invoke/no/such', {});
    expect(unknown.status).toBe(404);
    const bad = await post('/api/invoke/workspace/info', '{not json');
    expect(bad.status).toBe(400);
    const body = await bad.text();
    expect(body).toMatch(/not valid JSON/);
    expect(body).not.toMatch(/at .*\.ts:\d+/);
    const huge = await post('/api/invoke/pivot/run', JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
  });

  it('imports an uploaded file and pivots it, with the same figures as the raw file', async () => {
    const upload = await fetch(`${base}/api/upload?name=${encodeURIComponent(path.basename(data.mpsBoroughRecent))}`, {
      method: 'POST',
      headers: { 'x-wardlens-token': token },
      body: readFileSync(data.mpsBoroughRecent),
    });
    const { path: uploaded } = (await upload.json()) as { path: string };
    expect(path.basename(uploaded)).toBe(path.basename(data.mpsBoroughRecent));
    const imported = await call('import/files', { paths: [uploaded] });
    expect((imported.result as { status: string; file: string }[])[0]).toMatchObject({ status: 'imported', file: path.basename(data.mpsBoroughRecent) });
    const pivot = await call('pivot/run', { dataset: 'mps-borough-old', rows: ['borough'], columns: ['year'], filters: { borough: ['Harrow'] } });
    const raw = readCsv(data.mpsBoroughRecent);
    const harrow = (r: string[]) => r[raw.col('Borough')] === 'Harrow';
    const cells = (pivot.result as { cells: { count: number }[][] }).cells[0]!.map((c) => c.count);
    expect(cells).toEqual([sumWide(raw, inYear(2017), harrow), sumWide(raw, inYear(2018), harrow)]);
  });

  it('sends an export back as a download, since a page cannot choose a path', async () => {
    const response = await post('/api/download/export/table', {
      table: { pivot: { dataset: 'mps-borough-old', rows: ['borough'], columns: ['year'], filters: { borough: ['Harrow'] } } },
      format: 'csv',
      fileName: 'Harrow by year.csv',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Harrow by year.csv')}`);
    const text = await response.text();
    const raw = readCsv(data.mpsBoroughRecent);
    const harrow2017 = sumWide(raw, inYear(2017), (r) => r[raw.col('Borough')] === 'Harrow');
    expect(text.replace(/^\uFEFF/, '')).toMatch(new RegExp(`Harrow,${harrow2017},`));
    const refused = await post('/api/download/export/table', { table: { pivot: { dataset: 'nope', rows: [], columns: [] } }, format: 'csv' });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/no dataset "nope"/);
  });

  it('carries engine errors as data', async () => {
    const answer = await call('pivot/run', { dataset: 'nope', rows: [], columns: [] });
    expect(answer.error).toMatchObject({ code: 'not-found' });
    expect(answer.error!.message).toMatch(/no dataset "nope"/);
  });
});
