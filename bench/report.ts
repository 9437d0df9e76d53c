/** Summarising runs, checking the targets, and writing the results as JSON and Markdown. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { RunResult } from './measure';

export interface CaseResult {
  id: string;
  label: string;
  engine: 'wardlens' | 'duckdb';
  format: 'policeuk-csv' | 'mps-ward-csv' | 'mps-ward-xlsx';
  rows: number;
  fileBytes: number;
  runs: number;
  medianSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  rowsPerSecond: number;
  /** Median CPU seconds (user + system, all threads). */
  medianCpuSeconds: number;
  /** Largest peak RSS over the runs, MB. */
  peakRssMB: number;
  /** This case's median over DuckDB's median on the same file. */
  ratioToDuckdb: number | null;
  seconds: number[];
  phases?: Record<string, number>;
}

export interface Target {
  name: string;
  limit: string;
  measured: string;
  pass: boolean | null;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  options: Record<string, unknown>;
  machine: { cpus: number; cpuModel: string; memoryGB: number; node: string; platform: string };
  cases: CaseResult[];
  xlsxProfile: {
    case: string;
    phases: Record<string, number>;
    seconds: number;
    cpuSeconds: number;
    peakRssMB: number;
  } | null;
  targets: Target[];
}

/** Progress goes to stderr, so stdout carries the Markdown report alone. */
export const log = (text: string) => process.stderr.write(`${text}\n`);

/** The middle value; for an even count, the mean of the two middle ones. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summarise(
  base: Pick<CaseResult, 'id' | 'label' | 'engine' | 'format' | 'rows' | 'fileBytes'>,
  runs: RunResult[],
): CaseResult {
  const seconds = runs.map((r) => r.seconds);
  const med = median(seconds);
  return {
    ...base,
    runs: runs.length,
    medianSeconds: med,
    minSeconds: Math.min(...seconds),
    maxSeconds: Math.max(...seconds),
    rowsPerSecond: base.rows / med,
    medianCpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    peakRssMB: Math.max(...runs.map((r) => r.peakRssMB)),
    ratioToDuckdb: null,
    seconds,
  };
}

export function machine(): BenchReport['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** The targets Wardlens's import must meet; a target whose case was not run is null (not measured). */
export function checkTargets(cases: CaseResult[]): Target[] {
  const police = cases.find(
    (c) => c.engine === 'wardlens' && c.format === 'policeuk-csv' && c.rows === 1_000_000,
  );
  const duck = cases.find((c) => c.engine === 'duckdb' && c.rows === 1_000_000);
  const mps = cases.find((c) => c.engine === 'wardlens' && c.format === 'mps-ward-xlsx' && c.rows === 20_000);
  const ratio = police && duck ? police.medianSeconds / duck.medianSeconds : null;
  return [
    {
      name: '1,000,000 police.uk rows from CSV: time',
      limit: '≤ 2× DuckDB',
      measured:
        ratio === null
          ? 'not run'
          : `${ratio.toFixed(2)}× (${police!.medianSeconds.toFixed(2)} s vs ${duck!.medianSeconds.toFixed(2)} s)`,
      pass: ratio === null ? null : ratio <= 2,
    },
    {
      name: '1,000,000 police.uk rows from CSV: peak memory',
      limit: '< 400 MB',
      measured: police ? `${police.peakRssMB.toFixed(0)} MB` : 'not run',
      pass: police ? police.peakRssMB < 400 : null,
    },
    {
      name: '20,000-row MPS ward file (120 months) from xlsx: time',
      limit: '< 10 s',
      measured: mps ? `${mps.medianSeconds.toFixed(2)} s` : 'not run',
      pass: mps ? mps.medianSeconds < 10 : null,
    },
  ];
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const num = (n: number) => Math.round(n).toLocaleString('en-GB');

export function toMarkdown(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `# Wardlens import benchmark, ${report.startedAt}`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, Node ${m.node}, ${m.platform}.`,
    `Options: ${JSON.stringify(report.options)}`,
    '',
    'Each run is a child process: a fresh workspace (or DuckDB database), the import timed from start to the store being closed. Median of the runs; peak RSS is the largest over the runs. CPU s is user + system time of all threads (DuckDB uses every core). Wardlens and DuckDB runs on the same file alternate, so both see the same machine load.',
    '',
    '| case | engine | rows | file MB | runs | median s | min s | max s | rows/s | CPU s | peak RSS MB | × DuckDB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.cases.map(
      (c) =>
        `| ${c.label} | ${c.engine} | ${num(c.rows)} | ${mb(c.fileBytes)} | ${c.runs} | ${c.medianSeconds.toFixed(2)} | ${c.minSeconds.toFixed(2)} | ${c.maxSeconds.toFixed(2)} | ${num(c.rowsPerSecond)} | ${c.medianCpuSeconds.toFixed(2)} | ${c.peakRssMB.toFixed(0)} | ${c.ratioToDuckdb === null ? '' : c.ratioToDuckdb.toFixed(2)} |`,
    ),
    '',
    '## Targets',
    '',
    '| target | limit | measured | result |',
    '|---|---|---|---|',
    ...report.targets.map(
      (t) =>
        `| ${t.name} | ${t.limit} | ${t.measured} | ${t.pass === null ? 'not run' : t.pass ? 'PASS' : 'FAIL'} |`,
    ),
  ];
  if (report.xlsxProfile) {
    const p = report.xlsxProfile.phases;
    const f = (n: number | undefined) => (n === undefined ? '' : n.toFixed(2));
    lines.push(
      '',
      `## Reading the xlsx: SheetJS against the whole streaming import (${report.xlsxProfile.case}, one run)`,
      '',
      'Wardlens streams worksheets over 8 MB (src/core/importers/readers/xlsxStream.ts) instead of reading the whole workbook with SheetJS; SheetJS alone is timed here as the yardstick it replaced.',
      '',
      '| step | seconds | CPU s |',
      '|---|---:|---:|',
      `| SheetJS XLSX.read (dense, one sheet) alone | ${f(p.sheetjsRead)} | ${f(p.sheetjsReadCpu)} |`,
      `| SheetJS sheet_to_json (row arrays) alone | ${f(p.sheetToJson)} | ${f(p.sheetToJsonCpu)} |`,
      `| the whole Wardlens import: stream, recognise, check, insert, commit | ${f(report.xlsxProfile.seconds)} | ${f(report.xlsxProfile.cpuSeconds)} |`,
      '',
      `Peak RSS of SheetJS's read + sheet_to_json alone: ${p.peakRssAfterReadMB?.toFixed(0)} MB; of the whole profile run (SheetJS's read, then the import): ${report.xlsxProfile.peakRssMB.toFixed(0)} MB.`,
    );
  }
  return lines.join('\n') + '\n';
}

export function writeReport(dir: string, report: BenchReport): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = JSON.stringify(report, null, 2) + '\n';
  const md = toMarkdown(report);
  const paths = { json: join(dir, `bench-${stamp}.json`), md: join(dir, `bench-${stamp}.md`) };
  writeFileSync(paths.json, json);
  writeFileSync(paths.md, md);
  writeFileSync(join(dir, 'latest.json'), json);
  writeFileSync(join(dir, 'latest.md'), md);
  return paths;
}
