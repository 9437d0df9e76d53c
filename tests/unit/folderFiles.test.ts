// File ▸ Import a Folder…: a police.uk download's CSVs, every one, in month order; what the
// Import view cannot read, and hidden folders, left behind.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesToImport } from '../../src/main/folderFiles';
import { dataDir } from '../support/data';

const police = path.join(dataDir, 'policeuk_street_cityoflondon');
const scratch = mkdtempSync(path.join(tmpdir(), 'wardlens-folder-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the files of a chosen folder', () => {
  it('takes every CSV of the real police.uk folder, in month order', () => {
    const csvs = readdirSync(police)
      .filter((f) => f.endsWith('.csv'))
      .sort();
    expect(csvs).toHaveLength(24);
    expect(filesToImport([police])).toEqual(csvs.map((f) => path.join(police, f)));
  });

  it('walks monthly folders to the bottom and leaves a README, a .DS_Store and hidden folders', () => {
    const download = path.join(scratch, 'download');
    for (const month of ['2017-10', '2017-2', '2017-1', '.cache'])
      mkdirSync(path.join(download, month), { recursive: true });
    const put = (...parts: string[]) => writeFileSync(path.join(download, ...parts), 'x');
    put('2017-10', '2017-10-city-of-london-street.csv');
    put('2017-2', '2017-02-city-of-london-street.csv');
    put('2017-2', '.DS_Store');
    put('2017-1', '2017-01-city-of-london-street.csv');
    put('.cache', 'old.csv');
    put('README.md');
    const lone = path.join(scratch, 'notes.docx');
    writeFileSync(lone, 'x');
    expect(filesToImport([download, lone]).map((p) => path.relative(scratch, p))).toEqual([
      path.join('download', '2017-1', '2017-01-city-of-london-street.csv'),
      path.join('download', '2017-2', '2017-02-city-of-london-street.csv'),
      path.join('download', '2017-10', '2017-10-city-of-london-street.csv'),
      // A file chosen on its own is handed on whatever it is: its card says what is wrong with it.
      'notes.docx',
    ]);
  });
});
