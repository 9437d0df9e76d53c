// The tests' own CSV reader (tests/support/raw.ts) agrees with csv-parse, so raw-file sums can be trusted.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { data, dataDir } from '../support/data';
import { parseCsvText } from '../support/raw';

const reference = (text: string) =>
  parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];

describe('parseCsvText', () => {
  it('reads quoted fields, doubled quotes, line breaks inside quotes, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n1,"two, three","say ""hi"""\r\n"multi\nline",,x\r\n\r\n';
    expect(parseCsvText(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'two, three', 'say "hi"'],
      ['multi\nline', '', 'x'],
    ]);
    expect(parseCsvText(text)).toEqual(reference(text));
  });

  it('agrees with csv-parse on real files, quoted MPS category names and police.uk rows included', () => {
    const files = [
      data.mpsBoroughRecent,
      path.join(data.policeUkDir, '2018-12-city-of-london-street.csv'),
      path.join(dataDir, 'population', 'ward-profiles-excel-version.csv'),
    ];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(parseCsvText(text), file).toEqual(reference(text));
    }
    // The 2018 ward file quotes MinorText values cut at 50 characters: its first 4,000 lines.
    const ward = readFileSync(data.mpsWard2018, 'utf8').split('\n').slice(0, 4000).join('\n');
    expect(ward.match(/"Making, Supplying or Possessing Articles for use i"/)).not.toBeNull();
    expect(parseCsvText(ward)).toEqual(reference(ward));
  });
});
