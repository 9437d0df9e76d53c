// Rates asked of wards whose populations the workspace does not hold: the real 2022-ward
// crime file with the real ward population table, which is for the 2011/2014 wards. The pivot
// must say so once, with how many wards and what it holds instead, not once per ward.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { pivotSpecFromOptions } from '../../src/cli/pivotCommand';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir } from '../support/data';
import { readCsv } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

const wardPopulations = path.join(dataDir, 'population', 'housing-density-ward.csv');

let ws: Workspace;
beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [data.mpsWard2022Recent, wardPopulations, data.populationBorough]);
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
}, 120_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

/** From the raw files: Harrow's 2022 ward codes, and the ward codes and years the population table holds. */
function rawFacts() {
  const crimes = readCsv(data.mpsWard2022Recent);
  const harrow = new Set(
    crimes.rows.filter((r) => r[crimes.col('LookUp_BoroughName')] === 'Harrow').map((r) => r[crimes.col('WardCode')]!),
  );
  const pop = readCsv(wardPopulations);
  const heldCodes = new Set(pop.rows.map((r) => r[pop.col('Code')]!));
  const years = pop.rows.map((r) => Number(r[pop.col('Year')]));
  return { harrow, heldCodes, first: Math.min(...years), last: Math.max(...years) };
}

/** `wardlens pivot --rows ROWS --cols year --measure rate --where borough=Harrow`, 2024–2025. */
const ratePivot = (rows: string) =>
  runPivot(
    ws.db,
    pivotSpecFromOptions(
      { rows, cols: 'year', measure: 'rate', where: ['borough=Harrow'], from: '2024-01', to: '2025-12', format: 'table' },
      'mps-ward-ho-2022',
    ),
  );

describe('rates for wards without a population', () => {
  it('says once how many wards have none, and what the workspace holds instead', () => {
    const { harrow, heldCodes, first, last } = rawFacts();
    const unheld = [...harrow].filter((c) => !heldCodes.has(c));
    expect(unheld.length).toBeGreaterThan(0);
    const result = ratePivot('ward');
    const notes = result.notes.filter((n) => /population/i.test(n));
    expect(notes).toHaveLength(1);
    const note = notes[0]!;
    expect(note).toContain(`Rates are blank for ${unheld.length} wards`);
    expect(note).toContain('in 2024–2025');
    expect(note).toContain(`(${heldCodes.size} wards, ${first}–${last})`);
    expect(note).toContain('for other ward boundaries');
    // Every Harrow ward's rate is blank, each with its own reason for the tooltip.
    const blank = result.cells.flat().filter((c) => c.value === null);
    expect(blank).toHaveLength(unheld.length * 2);
  });

  it('gives each blank figure the same cause as the note, naming its ward by name', () => {
    const result = ratePivot('ward');
    result.rows.forEach((row, r) => {
      const [code, name] = [row.keys[0]!, row.labels[0]!];
      expect(code).toMatch(/^E05/);
      for (const cell of result.cells[r]!) {
        expect(cell.value).toBeNull();
        expect(cell.reason).toBe(
          `No population for ${name} in this workspace: the ward populations it holds are for other ward boundaries; rates need populations for this dataset’s wards.`,
        );
        expect(cell.reasonKind).toBe('no-population');
      }
    });
    const texts = result.cells.flat().map((c) => c.reason ?? '');
    expect(texts.filter((t) => /E05\d{6}|import population estimates to see rates/.test(t))).toEqual([]);
    // One cause for all of them, whatever ward each names.
    expect(new Set(result.cells.flat().map((c) => c.reasonKind))).toEqual(new Set(['no-population']));
  });

  it('says which years are held when the population year asked for is beyond them', () => {
    const pop = readCsv(data.populationBorough);
    const years = pop.rows.filter((r) => r[pop.col('Name')] === 'Harrow').map((r) => Number(r[pop.col('Year')]));
    const beyond = Math.max(...years) + 1;
    const result = runPivot(
      ws.db,
      pivotSpecFromOptions(
        { rows: 'borough', cols: 'year', measure: 'rate', where: ['borough=Harrow'], from: '2024-01', to: '2025-12', populationYear: String(beyond), format: 'table' },
        'mps-ward-ho-2022',
      ),
    );
    const cell = result.cells[0]![0]!;
    expect(cell.value).toBeNull();
    expect(cell.reason).toBe(
      `No ${beyond} population for Harrow: the populations held for it run ${Math.min(...years)}–${Math.max(...years)}; choose a population year in that range, or import newer estimates.`,
    );
    expect(cell.reasonKind).toBe('no-population-that-year');
  });

  it('gives borough rates, with no note, where the borough populations are held', () => {
    const result = ratePivot('borough');
    expect(result.notes.filter((n) => /population/i.test(n))).toEqual([]);
    expect(result.cells[0]!.every((c) => typeof c.value === 'number' && c.value > 0)).toBe(true);
  });
});
