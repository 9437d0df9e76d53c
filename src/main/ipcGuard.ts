/**
 * The checks an engine call from the window passes before it reaches the engine, the same as
 * browser mode's HTTP server applies (src/cli/server/server.ts): a known method, arguments
 * that are a plain JSON-like object of bounded size and nesting, and errors answered as plain
 * messages, never stacks. Structured clone lets a page send what JSON cannot (cycles, Maps,
 * typed arrays, NaN) and posting a value nested 100,000 deep on to the engine's thread would
 * overflow the stack, so the walk below is iterative and gives up early. Pure: no Electron.
 */
import type { MethodName } from '../shared/api';
import type { ApiError } from '../shared/errors';
import { toApiError } from '../core/errors';

import { MAX_ARGS_BYTES, MAX_ARGS_DEPTH, MAX_PACK_ARGS_BYTES } from '../shared/security';

export { MAX_ARGS_BYTES, MAX_ARGS_DEPTH, MAX_PACK_ARGS_BYTES };

/**
 * The engine's methods, named here rather than imported from src/core/handlers.ts so the
 * main process does not load the whole engine (it runs in its own thread). A unit test
 * (tests/unit/ipcGuard.test.ts) checks this against the API contract in src/shared/api.ts.
 */
export const IPC_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'workspace/info',
  'boundaries/list',
  'boundaries/import',
  'incidents/assign-areas',
  'map/choropleth',
  'hotspots/run',
  'hotspots/areas',
  'datasets/contents',
  'export/pack',
  'export/pack-charts',
  'export/table',
  'facts/build',
  'import/files',
  'import/preview',
  'imports/delete',
  'mappings/list',
  'mappings/save',
  'pivot/run',
  'pivot/explain',
  'quality/check',
  'revisions/report',
  'views/list',
  'views/save',
  'views/delete',
]);

export interface CheckedCall {
  ok: true;
  method: MethodName;
  args: Record<string, unknown>;
  callId: number;
}

export interface Refusal {
  ok: false;
  error: ApiError;
}

const refuse = (message: string): Refusal => ({ ok: false, error: { code: 'bad-request', message } });

/** A call as the window sent it (method, args, call id), checked; or the plain refusal to answer. */
export function checkCall(method: unknown, args: unknown, callId: unknown): CheckedCall | Refusal {
  if (typeof method !== 'string' || !IPC_METHODS.has(method as MethodName)) {
    return refuse(`There is no method "${String(method).slice(0, 80)}".`);
  }
  if (typeof callId !== 'number' || !Number.isSafeInteger(callId)) return refuse('The call has no valid id.');
  const given = args ?? {};
  if (typeof given !== 'object' || Array.isArray(given) || !isPlainObject(given)) {
    return refuse('The arguments must be a JSON object.');
  }
  const problem = argsProblem(given, method === 'export/pack' ? MAX_PACK_ARGS_BYTES : MAX_ARGS_BYTES);
  if (problem) return refuse(problem);
  return { ok: true, method: method as MethodName, args: given as Record<string, unknown>, callId };
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * What is wrong with the arguments, or null: too deep, too large (counted as their JSON would
 * be, roughly), or holding a value JSON has no form for. Every value visited adds at least a
 * byte, so the walk ends within `limit` steps even for shared or cyclic references.
 */
function argsProblem(args: object, limit: number): string | null {
  const values: unknown[] = [args];
  const depths: number[] = [1];
  let bytes = 0;
  while (values.length) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (bytes > limit) return 'The request is too large.';
    if (v === null || v === undefined || typeof v === 'boolean') bytes += 5;
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return 'The arguments must be plain JSON values (a number was not finite).';
      bytes += 8;
    } else if (typeof v === 'string') bytes += v.length + 2;
    else if (typeof v === 'object') {
      if (depth > MAX_ARGS_DEPTH) return 'The arguments are nested too deeply.';
      if (!Array.isArray(v) && !isPlainObject(v)) return 'The arguments must be plain JSON values.';
      const entries = Array.isArray(v) ? v : Object.entries(v as Record<string, unknown>);
      bytes += 2 + entries.length;
      if (bytes > limit) return 'The request is too large.'; // before walking a vast (or sparse) list
      for (const e of entries) {
        const child: unknown = Array.isArray(v) ? e : (e as [string, unknown])[1];
        if (!Array.isArray(v)) bytes += (e as [string, unknown])[0].length + 3;
        values.push(child);
        depths.push(depth + 1);
      }
    } else return 'The arguments must be plain JSON values.';
  }
  return bytes > limit ? 'The request is too large.' : null;
}

/** Any error as the window may see it: code and message only, the message cut before any stack. */
export function plainError(err: unknown): ApiError {
  const e = toApiError(err);
  const message = e.message.split(/\n\s+at /)[0]!.slice(0, 2000);
  return e.details ? { code: e.code, message, details: e.details } : { code: e.code, message };
}
