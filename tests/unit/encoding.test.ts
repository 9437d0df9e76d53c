// Telling a CSV file's encoding and delimiter, and turning its chunks into UTF-8 wherever the
// chunks happen to split it (src/core/importers/readers/encoding.ts).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  detectDelimiter,
  detectEncoding,
  utf8Chunks,
  type TextEncoding,
} from '../../src/core/importers/readers/encoding';
import { cleanupTempDirs, tempDir } from '../support/workspace';

afterAll(cleanupTempDirs);

const text = 'Location,Context\r\nOn or near “The Café”,Theft of £250 – late\r\nSt Mary’s Passage,ok\r\n';
const cp1252 = (s: string) =>
  Buffer.from([...s].map((ch) => ({ '“': 0x93, '”': 0x94, '’': 0x92, '–': 0x96 })[ch] ?? ch.charCodeAt(0)));

/** Feeds the bytes in chunks of `size` and joins what comes out. */
async function through(bytes: Buffer, encoding: TextEncoding, size: number): Promise<string> {
  const file = path.join(tempDir(), 'f.csv');
  writeFileSync(file, bytes);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const out: Buffer[] = [];
  for await (const c of utf8Chunks(file, chunks(), encoding, 'f.csv')) out.push(c);
  return Buffer.concat(out).toString('utf8');
}

describe('the encoding of a file', () => {
  it('is told by its byte-order mark, by the zero bytes of UTF-16, or by whether it is UTF-8', () => {
    expect(detectEncoding(Buffer.from(`\uFEFF${text}`, 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from(`\uFEFF${text}`, 'utf16le'))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from(`\uFEFF${text}`, 'utf16le').swap16())).toBe('utf-16be');
    expect(detectEncoding(Buffer.from(text, 'utf16le'))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from(text, 'utf8'))).toBe('utf-8');
    expect(detectEncoding(cp1252(text))).toBe('windows-1252');
  });

  it('leaves binary data for the binary check', () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256));
    expect(detectEncoding(junk)).toBe('utf-8');
  });

  it('finds a comma, semicolon or tab delimiter in the first line, outside quotes', () => {
    expect(detectDelimiter(Buffer.from('a,b;c,d\n'))).toBe(',');
    expect(detectDelimiter(Buffer.from('"a,b";c;d\n1,5;2;3\n'))).toBe(';');
    expect(detectDelimiter(Buffer.from('a\tb\tc\n'))).toBe('\t');
    expect(detectDelimiter(Buffer.from('single\n'))).toBe(',');
  });
});

describe('a file as UTF-8, in chunks of any size', () => {
  it('passes UTF-8 through whole, however its characters are split between chunks', async () => {
    const bytes = Buffer.from(text, 'utf8');
    for (const size of [1, 2, 3, 5, 7, 64]) expect(await through(bytes, 'utf-8', size)).toBe(text);
  });

  it('decodes UTF-16 (either byte order) and Windows-1252', async () => {
    for (const size of [1, 3, 64]) {
      expect(await through(Buffer.from(`\uFEFF${text}`, 'utf16le'), 'utf-16le', size)).toBe(text);
      expect(await through(Buffer.from(`\uFEFF${text}`, 'utf16le').swap16(), 'utf-16be', size)).toBe(text);
      expect(await through(cp1252(text), 'windows-1252', size)).toBe(text);
    }
  });

  it('reads as Windows-1252 a file whose first byte beyond ASCII is not UTF-8', async () => {
    const ascii = 'Location,Context\n'.repeat(1000);
    expect(await through(cp1252(`${ascii}On or near “The Café”,£5\n`), 'utf-8', 256)).toBe(
      `${ascii}On or near “The Café”,£5\n`,
    );
  });

  it('refuses a UTF-8 file that turns into another encoding, naming the line', async () => {
    const bytes = Buffer.concat([Buffer.from('Café,1\nok,2\n', 'utf8'), cp1252('Caf\u00e9,3\n')]);
    await expect(through(bytes, 'utf-8', 4)).rejects.toMatchObject({
      code: 'bad-input',
      details: { file: 'f.csv', row: 3 },
    });
  });
});
