// The Electron IPC guard: the same rules as browser mode's HTTP server (known method, a JSON
// object of at most 1 MB and 64 levels, plain messages), for values a window can send by
// structured clone that JSON cannot carry.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMethod } from '../../src/core/handlers';
import { WardlensError } from '../../src/core/errors';
import { checkCall, IPC_METHODS, MAX_ARGS_BYTES, MAX_ARGS_DEPTH, MAX_PACK_ARGS_BYTES, plainError } from '../../src/main/ipcGuard';
import { repoRoot } from '../support/data';

/** A list nested `n` deep, built without recursion. */
function nested(n: number): unknown[] {
  let v: unknown[] = [];
  for (let i = 1; i < n; i++) v = [v];
  return v;
}

const refusal = (r: ReturnType<typeof checkCall>) => (r.ok ? null : r.error);

describe('the IPC guard', () => {
  it("knows exactly the API contract's methods", () => {
    // The method names of the Handlers interface in src/shared/api.ts, read from its source.
    const source = readFileSync(path.join(repoRoot, 'src/shared/api.ts'), 'utf8');
    const body = source.slice(source.indexOf('export interface Handlers {'));
    const contract = [...body.slice(0, body.indexOf('\n}')).matchAll(/^\s+'([a-z-]+\/[a-z-]+)':/gm)].map(
      (m) => m[1],
    );
    expect(contract.length).toBeGreaterThan(15);
    expect([...IPC_METHODS].sort(), 'add new methods to IPC_METHODS in src/main/ipcGuard.ts').toEqual(
      [...contract].sort(),
    );
    for (const m of IPC_METHODS) expect(isMethod(m), m).toBe(true);
  });

  it('passes an ordinary call through unchanged', () => {
    const args = {
      pivot: { dataset: 'mps-ward', rows: ['area'], columns: ['month'], filters: [] },
      note: 'Jan 2022',
    };
    expect(checkCall('pivot/run', args, 7)).toEqual({ ok: true, method: 'pivot/run', args, callId: 7 });
    expect(checkCall('workspace/info', undefined, 1)).toEqual({
      ok: true,
      method: 'workspace/info',
      args: {},
      callId: 1,
    });
  });

  it('refuses unknown methods, in plain words', () => {
    for (const m of ['workspace/drop', '__proto__', 'constructor', 'toString', '', 5, null, { m: 1 }]) {
      expect(refusal(checkCall(m, {}, 1))?.message, String(m)).toMatch(/^There is no method "/);
    }
    expect(refusal(checkCall('x'.repeat(10_000), {}, 1))!.message.length).toBeLessThan(120);
  });

  it('refuses a missing or odd call id', () => {
    for (const id of [undefined, '1', 1.5, NaN, 2 ** 60]) {
      expect(refusal(checkCall('views/list', {}, id))?.message, String(id)).toBe('The call has no valid id.');
    }
  });

  it('refuses arguments that are not a plain object', () => {
    for (const args of [[], 'x', 5, true, new Map([['a', 1]]), new Date(), new Uint8Array(4)]) {
      expect(refusal(checkCall('views/list', args, 1))?.message).toBe('The arguments must be a JSON object.');
    }
  });

  it('refuses values JSON cannot carry, anywhere inside', () => {
    const bad = [
      { when: new Date() },
      { rows: [new Map()] },
      { bytes: new Uint8Array(2) },
      { n: NaN },
      { n: [1, Infinity] },
      { big: 10n },
      { s: Symbol('x') },
    ];
    for (const args of bad)
      expect(refusal(checkCall('pivot/run', args, 1))?.message).toMatch(
        /^The arguments must be plain JSON values/,
      );
  });

  it('limits nesting to 64 levels, and a list nested 100,000 deep is refused without overflowing', () => {
    expect(checkCall('pivot/run', { a: nested(MAX_ARGS_DEPTH - 1) }, 1).ok).toBe(true);
    expect(refusal(checkCall('pivot/run', { a: nested(MAX_ARGS_DEPTH) }, 1))?.message).toBe(
      'The arguments are nested too deeply.',
    );
    expect(refusal(checkCall('pivot/run', { a: nested(100_000) }, 1))?.message).toBe(
      'The arguments are nested too deeply.',
    );
  });

  it('a cycle, which structured clone can carry, is refused rather than walked for ever', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    expect(refusal(checkCall('views/save', loop, 1))?.message).toBe('The arguments are nested too deeply.');
  });

  it('limits size to about 1 MB, counting shared values each time as JSON would', () => {
    expect(checkCall('import/files', { paths: ['a'.repeat(MAX_ARGS_BYTES - 100)] }, 1).ok).toBe(true);
    expect(refusal(checkCall('import/files', { paths: ['a'.repeat(MAX_ARGS_BYTES)] }, 1))?.message).toBe(
      'The request is too large.',
    );
    // 2^40 paths through 40 levels of shared lists: tiny in memory, enormous as JSON.
    let shared: unknown = 'x';
    for (let i = 0; i < 40; i++) shared = [shared, shared];
    const started = Date.now();
    expect(refusal(checkCall('pivot/run', { rows: shared }, 1))?.message).toBe('The request is too large.');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(refusal(checkCall('pivot/run', { rows: new Array(5_000_000) }, 1))?.message).toBe(
      'The request is too large.',
    );
  });

  it('lets a pack carry its chart images (up to 48 MB), and nothing else more than 1 MB', () => {
    const images = ['a'.repeat(4 * MAX_ARGS_BYTES)];
    expect(checkCall('export/pack', { images }, 1).ok).toBe(true);
    expect(refusal(checkCall('export/table', { images }, 1))?.message).toBe('The request is too large.');
    expect(refusal(checkCall('export/pack', { images: ['a'.repeat(MAX_PACK_ARGS_BYTES)] }, 1))?.message).toBe(
      'The request is too large.',
    );
  });

  it('answers errors as code and message only, never a stack', () => {
    const internal = new Error('cannot read properties of undefined');
    internal.stack = `Error: cannot read properties of undefined\n    at dispatch (/app/dist/core/worker.js:1:2)`;
    const e = plainError(internal);
    expect(e).toEqual({
      code: 'internal',
      message: 'Something went wrong inside Wardlens: cannot read properties of undefined',
    });
    const withStack = plainError(new Error('bad\n    at x (y.js:1:1)\n    at z'));
    expect(withStack.message).toBe('Something went wrong inside Wardlens: bad');
    const known = plainError(
      new WardlensError('bad-input', 'wards.csv (row 3): not a count.', { file: 'wards.csv', row: 3 }),
    );
    expect(known).toEqual({
      code: 'bad-input',
      message: 'wards.csv (row 3): not a count.',
      details: { file: 'wards.csv', row: 3 },
    });
    expect(JSON.stringify(plainError('a string thrown'))).not.toMatch(/\n\s+at /);
  });
});
