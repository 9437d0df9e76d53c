#!/usr/bin/env node
// Summarises the Chrome traces that `WARDLENS_TRACE=DIR npm run test:responsiveness` writes:
// for every main-thread task of the page over 50 ms, where its time went (script, style,
// layout, paint, garbage collection) and which JavaScript functions it spent it in.
//   node scripts/trace-summary.mjs DIR [--over MS] [--top N]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const folder = args[0];
if (!folder) {
  console.error('usage: node scripts/trace-summary.mjs DIR [--over MS] [--top N]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const overMs = option('--over', 50);
const top = option('--top', 8);

for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
  const { traceEvents } = JSON.parse(readFileSync(path.join(folder, file), 'utf8'));
  const main = rendererMain(traceEvents);
  if (!main) continue;
  const onMain = traceEvents
    .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur >= overMs * 1000);
  if (!tasks.length) continue;
  const samples = jsSamples(traceEvents, main.pid);
  console.log(`\n== ${file}`);
  for (const task of tasks) {
    const end = task.ts + task.dur;
    const inside = onMain.filter((e) => e.ts >= task.ts && e.ts + e.dur <= end && e !== task);
    console.log(`  task ${(task.dur / 1000).toFixed(1)} ms: ${selfTimes(task, inside)}`);
    const fns = new Map();
    for (const s of samples) if (s.ts >= task.ts && s.ts <= end) fns.set(s.fn, (fns.get(s.fn) ?? 0) + s.ms);
    const ranked = [...fns].sort((a, b) => b[1] - a[1]).slice(0, top);
    for (const [fn, ms] of ranked) console.log(`      ${ms.toFixed(1).padStart(6)} ms  ${fn}`);
  }
}

/** The page's main thread: the CrRendererMain with the most events. */
function rendererMain(events) {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best = null;
  let most = -1;
  for (const m of mains) {
    const n = events.reduce((c, e) => c + (e.pid === m.pid && e.tid === m.tid ? 1 : 0), 0);
    if (n > most) [best, most] = [{ pid: m.pid, tid: m.tid }, n];
  }
  return best;
}

/** Each event's own time (its duration less its children's), summed by name, largest first. */
function selfTimes(task, inside) {
  const totals = new Map();
  const stack = [];
  const close = (until) => {
    while (stack.length && stack[stack.length - 1].end <= until) {
      const done = stack.pop();
      totals.set(done.name, (totals.get(done.name) ?? 0) + done.self);
    }
  };
  for (const e of inside) {
    close(e.ts);
    const entry = { name: e.name, end: e.ts + e.dur, self: e.dur };
    if (stack.length) stack[stack.length - 1].self -= e.dur;
    stack.push(entry);
  }
  close(Infinity);
  const children = inside.filter((e) => !inside.some((p) => p !== e && p.ts <= e.ts && p.ts + p.dur >= e.ts + e.dur && p.dur > e.dur));
  const untraced = task.dur - children.reduce((s, e) => s + e.dur, 0);
  totals.set('(task itself)', untraced);
  return [...totals]
    .filter(([, us]) => us >= 1000)
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => `${name} ${(us / 1000).toFixed(1)}`)
    .join(', ');
}

/** V8's sampled stacks, as one entry a sample: its time, its top function and how long it stands for. */
function jsSamples(events, pid) {
  const profiles = new Map();
  for (const e of events) {
    if (e.pid !== pid) continue;
    if (e.name === 'Profile') profiles.set(e.id, { start: e.args.data.startTime, nodes: new Map(), samples: [], deltas: [] });
    if (e.name === 'ProfileChunk') {
      const p = profiles.get(e.id);
      const data = e.args.data;
      if (!p) continue;
      for (const node of data.cpuProfile?.nodes ?? []) p.nodes.set(node.id, node);
      p.samples.push(...(data.cpuProfile?.samples ?? []));
      p.deltas.push(...(data.timeDeltas ?? []));
    }
  }
  const out = [];
  for (const p of profiles.values()) {
    let ts = p.start;
    for (let i = 0; i < p.samples.length; i++) {
      ts += p.deltas[i] ?? 0;
      const node = p.nodes.get(p.samples[i]);
      const frame = node?.callFrame;
      if (!frame || frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
      const where = frame.url ? ` ${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
      out.push({ ts, fn: `${frame.functionName || '(anonymous)'}${where}`, ms: (p.deltas[i + 1] ?? 0) / 1000 });
    }
  }
  return out;
}
