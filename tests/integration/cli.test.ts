// The wardlens command line, run as a user runs it: import, info, --help, and failures with a non-zero exit.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFileResult } from '../../src/shared/importing';
import type { WorkspaceInfo } from '../../src/shared/workspace';
import { latestVersion } from '../../src/core/store/migrations';
import { buildCli, wardlens } from '../support/cli';
import { data } from '../support/data';
import { readCsv } from '../support/raw';
import { cleanupTempDirs, tempDir } from '../support/workspace';

afterAll(cleanupTempDirs);

beforeAll(() => {
  const build = buildCli();
  expect(build.status, build.stderr).toBe(0);
}, 60_000);

const policeFile = path.join(data.policeUkDir, '2017-01-city-of-london-street.csv');

describe('wardlens import and info', () => {
  let db: string;
  beforeAll(() => {
    db = path.join(tempDir(), 'cli.wardlens.sqlite');
  });

  it('imports files and prints the results as JSON', async () => {
    const r = await wardlens('import', data.mpsBoroughRecent, policeFile, '--db', db, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout) as ImportFileResult[];
    expect(results.map((x) => [x.status, x.format])).toEqual([
      ['imported', 'mps-borough-old'],
      ['imported', 'policeuk-street'],
    ]);
    expect(results[0]!.rowsStored).toBe(readCsv(data.mpsBoroughRecent).rows.length);
    expect(results[1]!.rowsStored).toBe(readCsv(policeFile).rows.length);
    expect(existsSync(db)).toBe(true);
  });

  it('describes the workspace as JSON and in words', async () => {
    const [json, words] = await Promise.all([
      wardlens('info', '--db', db, '--json'),
      wardlens('info', '--db', db),
    ]);
    expect(json.code).toBe(0);
    const info = JSON.parse(json.stdout) as WorkspaceInfo;
    expect(info.schemaVersion).toBe(latestVersion);
    expect(info.imports.map((i) => i.fileName)).toEqual([
      path.basename(data.mpsBoroughRecent),
      path.basename(policeFile),
    ]);
    const police = info.datasets.find((d) => d.key === 'policeuk-city-of-london-police')!;
    expect(police.currentRows).toBe(readCsv(policeFile).rows.length);
    expect(police.months).toEqual({ first: '2017-01', last: '2017-01', count: 1 });
    expect(info.datasets.find((d) => d.key === 'mps-borough-old')!.months).toEqual({
      first: '2017-01',
      last: '2018-12',
      count: 24,
    });

    expect(words.code).toBe(0);
    expect(words.stdout).toContain(`Workspace: ${db}`);
    expect(words.stdout).toContain('MPS borough counts, older category scheme');
    expect(words.stdout).toContain('Jan 2017 – Dec 2018 (24 months)');
  });
});

describe('wardlens failures', () => {
  it('exits non-zero, saying why, for a refused file, a missing workspace and a mapping that is not JSON', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'stock.csv'), 'Item,Colour,Size\nTorch,black,3\n');
    writeFileSync(path.join(dir, 'mapping.json'), '{ area: Ward');
    const missing = path.join(dir, 'none.wardlens.sqlite');
    const [refused, noWorkspace, badMapping] = await Promise.all([
      wardlens('import', path.join(dir, 'stock.csv'), '--db', path.join(dir, 'w.sqlite'), '--json'),
      wardlens('info', '--db', missing),
      wardlens(
        'import',
        data.mpsBoroughRecent,
        '--mapping',
        path.join(dir, 'mapping.json'),
        '--db',
        path.join(dir, 'other.sqlite'),
      ),
    ]);

    expect(refused.code).toBe(1);
    const [result] = JSON.parse(refused.stdout) as ImportFileResult[];
    expect(result!.status).toBe('failed');
    expect(result!.error).toMatchObject({ code: 'unknown-format', details: { file: 'stock.csv', row: 1 } });

    expect(noWorkspace.code).toBe(1);
    expect(noWorkspace.stdout).toBe('');
    expect(noWorkspace.stderr).toContain('There is no workspace');
    expect(existsSync(missing)).toBe(false);

    expect(badMapping.code).toBe(1);
    expect(badMapping.stderr).toMatch(/mapping file .* could not be read as JSON/);
  });
});

describe('wardlens --help', () => {
  it('describes the program and the import and info commands', async () => {
    const [top, importHelp, infoHelp] = await Promise.all([
      wardlens('--help'),
      wardlens('import', '--help'),
      wardlens('info', '--help'),
    ]);
    for (const r of [top, importHelp, infoHelp]) expect(r.code).toBe(0);
    expect(top.stdout).toMatch(/^Usage: wardlens/);
    expect(top.stdout).toMatch(/^ {2}import /m);
    expect(top.stdout).toMatch(/^ {2}info /m);
    expect(importHelp.stdout).toContain('Usage: wardlens import');
    for (const option of ['--db', '--mapping', '--dataset', '--json'])
      expect(importHelp.stdout).toContain(option);
    expect(infoHelp.stdout).toContain('Usage: wardlens info');
    for (const option of ['--db', '--json']) expect(infoHelp.stdout).toContain(option);
  });
});
