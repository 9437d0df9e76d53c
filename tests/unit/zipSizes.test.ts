// src/core/importers/readers/zipSizes.ts: uncompressed entry sizes read from a zip's central directory.
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zipEntrySizes } from '../../src/core/importers/readers/zipSizes';
import { makeZip, patchDeclaredSize } from '../support/zip';
import { xlsxBytes } from '../support/xlsx';

/** Independent reading: walk the local headers and inflate each entry to learn its real size. */
function inflatedSizes(zip: Buffer): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  while (zip.readUInt32LE(i) === 0x04034b50) {
    const method = zip.readUInt16LE(i + 8);
    const compressed = zip.readUInt32LE(i + 18);
    const nameLength = zip.readUInt16LE(i + 26);
    const extraLength = zip.readUInt16LE(i + 28);
    const name = zip.toString('utf8', i + 30, i + 30 + nameLength);
    const start = i + 30 + nameLength + extraLength;
    const body = zip.subarray(start, start + compressed);
    out.set(name, method === 0 ? body.length : inflateRawSync(body).length);
    i = start + compressed;
  }
  return out;
}

describe('zipEntrySizes', () => {
  it('reads the size of every entry of a hand-made zip', () => {
    const zip = makeZip([
      { name: 'a.txt', data: Buffer.from('hello') },
      { name: 'dir/b.xml', data: Buffer.alloc(1234, 'x') },
      { name: 'empty', data: Buffer.alloc(0) },
    ]);
    expect(zipEntrySizes(zip)).toEqual(
      new Map([
        ['a.txt', 5],
        ['dir/b.xml', 1234],
        ['empty', 0],
      ]),
    );
  });

  it('finds the directory when the zip ends with a comment', () => {
    const zip = makeZip(
      [{ name: 'a.txt', data: Buffer.from('hello') }],
      'a comment at the end of the archive',
    );
    expect(zipEntrySizes(zip)?.get('a.txt')).toBe(5);
  });

  it('gives the real uncompressed sizes of an xlsx written by SheetJS', () => {
    const rows = Array.from({ length: 200 }, (_, r) => [`Ward ${r}`, r, r * 2, r * 3]);
    const xlsx = xlsxBytes([['Ward', 'Jan-17', 'Feb-17', 'Mar-17'], ...rows]);
    const sizes = zipEntrySizes(xlsx);
    expect(sizes).not.toBeNull();
    expect(sizes!.has('[Content_Types].xml')).toBe(true);
    expect(sizes!.has('xl/worksheets/sheet1.xml')).toBe(true);
    const real = inflatedSizes(xlsx);
    expect(real.size).toBe(sizes!.size);
    for (const [name, size] of real) expect(sizes!.get(name), name).toBe(size);
  });

  it('reports the size a patched central directory declares, and zip64 markers as huge', () => {
    const zip = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>') }]);
    expect(
      zipEntrySizes(patchDeclaredSize(zip, 'xl/worksheets/sheet1.xml', 0xfffffff0))?.get(
        'xl/worksheets/sheet1.xml',
      ),
    ).toBe(0xfffffff0);
    const zip64 = zipEntrySizes(patchDeclaredSize(zip, 'xl/worksheets/sheet1.xml', 0xffffffff))!.get(
      'xl/worksheets/sheet1.xml',
    )!;
    expect(zip64).toBeGreaterThanOrEqual(2 ** 32);
  });

  it('returns null for bytes that are not a zip, or a zip cut short', () => {
    expect(zipEntrySizes(Buffer.from('Borough,Major Category,Minor Category,201601\r\n'))).toBeNull();
    expect(zipEntrySizes(Buffer.alloc(10))).toBeNull();
    const zip = makeZip([{ name: 'a.txt', data: Buffer.from('hello') }]);
    // Keep the end record but point it at a central directory that is not there.
    const broken = Buffer.from(zip);
    broken.writeUInt32LE(3, broken.length - 22 + 16);
    expect(zipEntrySizes(broken)).toBeNull();
  });
});
