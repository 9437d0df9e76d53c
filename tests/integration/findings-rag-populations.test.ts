// Why the Assessment gives no RAG ratings must say what to do: with no borough populations,
// import a table; with a table that stops short of the years compared, choose a year it holds
// or import one that covers them. The table here is the real GLA borough file cut to 1999–2015
// (in a temp folder, made at run time), with the real MPS borough file.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFindings } from '../../src/core/analysis/findings/build';
import { importFiles } from '../../src/core/importers/importFiles';
import { data } from '../support/data';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

afterAll(() => cleanupTempDirs());

const spec = { area: 'Harrow', category: 'Burglary', year: 2018 };

describe('no RAG ratings', () => {
  it('asks for a borough population table when none is held', async () => {
    const ws = tempWorkspace();
    try {
      await importFiles(ws, [data.mpsBoroughRecent]);
      const f = buildFindings(ws.db, spec);
      expect(f.neighbours!.rows[0]!.rag).toBeNull();
      expect(f.neighbours!.sentences.join(' ')).toContain('import a borough population table');
    } finally {
      ws.close();
    }
  });

  it('names the years a held table lacks, and does not ask for a table as if none were held', async () => {
    const lines = readFileSync(data.populationBorough, 'utf8').split(/\r?\n/).filter(Boolean);
    const year = lines[0]!.split(',').indexOf('Year');
    const cut = [lines[0]!, ...lines.slice(1).filter((l) => Number(l.split(',')[year]) <= 2015)];
    expect(cut.length).toBeGreaterThan(33 * 10);
    const file = path.join(tempDir(), 'housing-density-borough-to-2015.csv');
    writeFileSync(file, cut.join('\n') + '\n');
    const ws = tempWorkspace();
    try {
      const results = await importFiles(ws, [data.mpsBoroughRecent, file]);
      expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
      const f = buildFindings(ws.db, spec);
      // The years compared (2017 and 2018) are past the table's end: no population year is used.
      expect(f.populationYears.current).toBeNull();
      expect(f.neighbours!.rows[0]!.rag).toBeNull();
      const words = f.neighbours!.sentences.join(' ');
      expect(words).toContain('population in 2017 and 2018');
      expect(words).toContain('choose a population year they hold');
      expect(words).not.toContain('import a borough population table');
    } finally {
      ws.close();
    }
  });
});
