// categoryKey (stable category keys across spellings) and matchName / looksLikeOnsCode (area names).
import { describe, expect, it } from 'vitest';
import { looksLikeOnsCode, matchName } from '../../src/core/store/areas';
import { categoryKey } from '../../src/core/store/categories';

describe('categoryKey', () => {
  it('maps the MPS renamings between the 2008–16 and 2017–18 borough files to one key (scheme mps-old)', () => {
    // Pairs read off the two files in ../shared/data/mps_borough: old spelling, new spelling.
    const pairs: [string, string, string][] = [
      ['Burglary', 'Burglary in a Dwelling', 'Burglary - Residential'],
      ['Burglary', 'Burglary in Other Buildings', 'Burglary - Business and Community'],
      ['Criminal Damage', 'Criminal Damage To Dwelling', 'Criminal Damage To a Dwelling'],
      ['Criminal Damage', 'Criminal Damage To Motor Vehicle', 'Criminal Damage To M/V'],
      ['Criminal Damage', 'Criminal Damage To Other Building', 'Criminal Damage To Other Bldg'],
      ['Drugs', 'Other Drugs', 'Other Drug Offences'],
      ['Theft and Handling', 'Motor Vehicle Interference & Tampering', 'M/V Interference & Tampering'],
      ['Theft and Handling', 'Other Theft Person', 'Theft Person'],
      ['Theft and Handling', 'Theft From Motor Vehicle', 'Theft From M/V'],
      ['Theft and Handling', 'Theft/Taking Of Motor Vehicle', 'Theft/Taking of M/V'],
      ['Theft and Handling', 'Theft/Taking of Pedal Cycle', 'Theft/Taking of Pedal Cycles'],
      ['Violence Against the Person', 'Other violence', 'Other Violence'],
    ];
    for (const [major, oldName, newName] of pairs) {
      expect(categoryKey('mps-old', major, oldName), `${oldName} vs ${newName}`).toBe(
        categoryKey('mps-old', major, newName),
      );
    }
  });

  it('gives the documented key shape', () => {
    expect(categoryKey('mps-old', 'Burglary', 'Burglary in a Dwelling')).toBe(
      'burglary/burglary-residential',
    );
    expect(categoryKey('mps-old', 'Burglary', 'Burglary - Residential')).toBe(
      'burglary/burglary-residential',
    );
  });

  it('ignores case, spacing, "&" vs "and" and the M/V abbreviation in any scheme', () => {
    const k = (minor: string) => categoryKey('mapped', 'Theft', minor);
    expect(k('THEFT FROM M/V')).toBe(k('Theft from Motor Vehicle'));
    expect(k('Theft from m / v')).toBe(k('theft  from motor  vehicle'));
    expect(k('Fraud & Forgery')).toBe(k('Fraud and Forgery'));
    expect(categoryKey('mps-ho', 'ARSON AND CRIMINAL DAMAGE', 'ARSON')).toBe(
      categoryKey('mps-ho', 'Arson and Criminal Damage', 'Arson'),
    );
  });

  it('keeps categories that differ apart', () => {
    expect(categoryKey('mps-old', 'Burglary', 'Burglary in a Dwelling')).not.toBe(
      categoryKey('mps-old', 'Burglary', 'Burglary in Other Buildings'),
    );
    // Same minor name under different majors is a different category.
    expect(categoryKey('mps-old', 'Robbery', 'Business Property')).not.toBe(
      categoryKey('mps-old', 'Burglary', 'Business Property'),
    );
    // 'Wounding/GBH' and 'Grievous Bodily Harm' both appear in the 2008–16 file: not a renaming.
    expect(categoryKey('mps-old', 'Violence Against the Person', 'Wounding/GBH')).not.toBe(
      categoryKey('mps-old', 'Violence Against the Person', 'Grievous Bodily Harm'),
    );
  });

  it('applies a scheme’s renamings only within that scheme', () => {
    expect(categoryKey('mapped', 'Burglary', 'Burglary in a Dwelling')).not.toBe(
      categoryKey('mapped', 'Burglary', 'Burglary - Residential'),
    );
    expect(categoryKey('mps-ho', 'Theft', 'Theft from Person')).toBe(
      categoryKey('mps-ho', 'Theft', 'Theft from the Person'),
    );
    expect(categoryKey('mps-old', 'Theft', 'Theft from Person')).not.toBe(
      categoryKey('mps-old', 'Theft', 'Theft from the Person'),
    );
  });
});

describe('matchName', () => {
  it('folds case, punctuation, apostrophes, "&" and spacing', () => {
    const same = (a: string, b: string) => expect(matchName(a), `${a} vs ${b}`).toBe(matchName(b));
    same("St. John's", 'St Johns');
    same("ST. JOHN'S", 'st johns');
    same('St John’s', 'St Johns');
    same('Kensington & Chelsea', 'Kensington and Chelsea');
    same('Harrow-on-the-Hill', 'Harrow on the Hill');
    same('  Headstone   North ', 'HEADSTONE NORTH');
    same('Café Ward', 'Cafe Ward');
  });

  it('gives the normalised form names are stored under', () => {
    expect(matchName("St. Katharine's & Wapping")).toBe('st katharines and wapping');
  });

  it('keeps different names different', () => {
    expect(matchName('Headstone North')).not.toBe(matchName('Headstone South'));
    expect(matchName('Pinner')).not.toBe(matchName('Pinner South'));
    expect(matchName("St John's")).not.toBe(matchName('St Johns Wood'));
  });
});

describe('looksLikeOnsCode', () => {
  it('accepts ONS codes of wards, boroughs and LSOAs, in any case', () => {
    for (const code of ['E05000285', 'E09000015', 'E01000001', 'e05013542', ' W05000001 '])
      expect(looksLikeOnsCode(code)).toBe(true);
  });
  it('rejects names and near-misses', () => {
    for (const text of ['Harrow', 'E0500028', 'E050002851', '00AA', 'X05000285', ''])
      expect(looksLikeOnsCode(text)).toBe(false);
  });
});
