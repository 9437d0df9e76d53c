// A dropped police.uk download is a folder of monthly folders: every CSV in it arrives, in
// month order; what the Import view cannot read (a README, a hidden .DS_Store) stays behind.
import { describe, expect, it } from 'vitest';
import { importable } from '../../../shared/importable';
import { filesIn, filesOfFolder, type DroppedEntry } from './droppedFiles';

const file = (name: string): DroppedEntry => ({
  isFile: true,
  isDirectory: false,
  name,
  file: (ok) => ok(new File(['x'], name)),
});

/** A folder whose reader hands its entries over two at a time, as Chromium does a hundred at a time. */
const folder = (name: string, children: DroppedEntry[]): DroppedEntry => ({
  isFile: false,
  isDirectory: true,
  name,
  createReader: () => {
    let at = 0;
    return {
      readEntries: (ok) => {
        const batch = children.slice(at, at + 2);
        at += batch.length;
        setTimeout(() => ok(batch), 0);
      },
    };
  },
});

describe('files out of a dropped folder', () => {
  it('walks monthly folders to the bottom, in month order, leaving what cannot be imported', async () => {
    const download = folder('police-uk-download', [
      folder('2017-10', [file('2017-10-city-of-london-street.csv')]),
      folder('2017-2', [file('2017-02-city-of-london-street.csv'), file('.DS_Store')]),
      folder('.git', [file('config.csv')]),
      file('README.md'),
      folder('2017-1', [
        file('2017-01-city-of-london-street.csv'),
        file('2017-01-city-of-london-outcomes.csv'),
      ]),
    ]);
    const names = (await filesIn(download)).map((f) => f.name);
    expect(names).toEqual([
      '2017-01-city-of-london-outcomes.csv',
      '2017-01-city-of-london-street.csv',
      '2017-02-city-of-london-street.csv',
      '2017-10-city-of-london-street.csv',
    ]);
  });

  it('hands on a file dropped on its own whatever it is, so a wrong one is named in its card', async () => {
    expect((await filesIn(file('notes.docx'))).map((f) => f.name)).toEqual(['notes.docx']);
  });

  it('keeps a chosen folder’s importable files, hidden folders left out', () => {
    const chosen = [
      'd/2017-02/b.csv',
      'd/2017-01/a.csv',
      'd/readme.txt.bak',
      'd/.hidden/c.csv',
      'd/wards.geojson',
    ].map((p) => {
      const f = new File(['x'], p.split('/').at(-1)!);
      Object.defineProperty(f, 'webkitRelativePath', { value: p });
      return f;
    });
    expect(filesOfFolder(chosen).map((f) => f.webkitRelativePath)).toEqual([
      'd/2017-01/a.csv',
      'd/2017-02/b.csv',
      'd/wards.geojson',
    ]);
    expect(importable('Ward Level Crime.CSV')).toBe(true);
    expect(importable('.DS_Store')).toBe(false);
  });
});
