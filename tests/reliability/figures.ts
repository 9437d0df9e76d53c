// The reliability figures: each test appends what it tried and how it ended to one file,
// and the global teardown (setup.ts) adds them up and prints them as one summary.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/data';

export const figuresDir = path.join(repoRoot, 'test-results', 'reliability');
export const figuresFile = path.join(figuresDir, 'figures.ndjson');

export type Suite = 'hostile' | 'crash' | 'http';

export interface Figure {
  suite: Suite;
  /** The case: a file, a kill point, a fuzz request. */
  id: string;
  /** hostile: 'imported' or 'refused'; crash: where it was killed; http: the kind of request. */
  outcome: string;
  /** Whether it ended as it must (a correct import, a clean refusal, a survived kill, a plain answer). */
  ok: boolean;
  seconds?: number;
  note?: string;
}

/** Appends figures (one JSON line each; test files run in parallel processes, so lines are whole writes). */
export function recordFigures(figures: Figure[]): void {
  if (figures.length === 0) return;
  mkdirSync(figuresDir, { recursive: true });
  appendFileSync(figuresFile, figures.map((f) => `${JSON.stringify(f)}\n`).join(''));
}

export function readFigures(): Figure[] {
  if (!existsSync(figuresFile)) return [];
  return readFileSync(figuresFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Figure);
}

export interface Summary {
  hostile: { tried: number; rejectedCleanly: number; importedCorrectly: number; failed: string[] };
  crash: { kills: number; survived: number; failed: string[] };
  http: { sent: number; answeredCorrectly: number; failed: string[] };
}

export function summarise(figures: Figure[]): Summary {
  const of = (s: Suite) => figures.filter((f) => f.suite === s);
  const failed = (s: Suite) =>
    of(s)
      .filter((f) => !f.ok)
      .map((f) => `${f.id}${f.note ? ` (${f.note})` : ''}`);
  return {
    hostile: {
      tried: of('hostile').length,
      rejectedCleanly: of('hostile').filter((f) => f.ok && f.outcome === 'refused').length,
      importedCorrectly: of('hostile').filter((f) => f.ok && f.outcome === 'imported').length,
      failed: failed('hostile'),
    },
    crash: {
      kills: of('crash').length,
      survived: of('crash').filter((f) => f.ok).length,
      failed: failed('crash'),
    },
    http: {
      sent: of('http').length,
      answeredCorrectly: of('http').filter((f) => f.ok).length,
      failed: failed('http').slice(0, 20),
    },
  };
}

export function summaryText(s: Summary, seconds: number): string {
  const lines = [
    'Wardlens reliability figures',
    `  Hostile files tried:        ${s.hostile.tried}  (rejected cleanly ${s.hostile.rejectedCleanly}, imported correctly ${s.hostile.importedCorrectly}, failed ${s.hostile.failed.length})`,
    `  Kills survived:             ${s.crash.survived} of ${s.crash.kills}  (SIGKILL during import, export and pack)`,
    `  HTTP fuzz cases:            ${s.http.answeredCorrectly} of ${s.http.sent} answered correctly`,
    `  Run time:                   ${seconds.toFixed(0)} s`,
  ];
  for (const [name, list] of [
    ['hostile', s.hostile.failed],
    ['crash', s.crash.failed],
    ['http', s.http.failed],
  ] as const) {
    if (list.length) lines.push(`  FAILED (${name}): ${list.join('; ')}`);
  }
  return lines.join('\n');
}
