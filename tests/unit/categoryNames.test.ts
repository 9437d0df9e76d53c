// The shown spelling of a category: mixed case a file used, else careful title case of the capitals.
import { describe, expect, it } from 'vitest';
import { carefulCase, displaySpelling } from '../../src/core/store/categoryNames';
import { otherSpellings } from '../../src/renderer/views/data/spellings';

describe('carefulCase', () => {
  it('title-cases capitals, keeps joining words low and acronyms as they are', () => {
    expect(carefulCase('RES BURGLARY OF A HOME')).toBe('Res Burglary of a Home');
    expect(carefulCase('NFIB FRAUD')).toBe('NFIB Fraud');
    expect(carefulCase('BURGLARY - RESIDENTIAL')).toBe('Burglary - Residential');
    expect(carefulCase('THEFT OR UNAUTH TAKING OF A MOTOR VEH')).toBe('Theft or Unauth Taking of a Motor Veh');
    expect(carefulCase('OF WEAPONS')).toBe('Of Weapons'); // the first word is capitalised whatever it is
    expect(carefulCase('Violence without Injury')).toBe('Violence without Injury'); // mixed case is a source's own
  });
});

describe('displaySpelling', () => {
  it('prefers a mixed-case spelling, keeps the one shown if a source used it, else the careful case', () => {
    expect(displaySpelling(['ARSON', 'Arson'], 'ARSON')).toBe('Arson');
    expect(displaySpelling(['Theft from Person', 'Theft From Person', 'THEFT FROM PERSON'], 'Theft From Person')).toBe('Theft From Person');
    expect(displaySpelling(['FRAUD AND FORGERY'], 'FRAUD AND FORGERY')).toBe('Fraud and Forgery');
    expect(displaySpelling(['FRAUD AND FORGERY', 'Fraud & Forgery'], 'Fraud and Forgery')).toBe('Fraud & Forgery');
    // A spelling the MPS cut at 50 characters gives way to a whole one, even in capitals.
    const cut = 'Racially or Religiously Aggravated Public Fear, Al';
    expect(displaySpelling([cut, 'RACE OR RELIGIOUS AGG PUBLIC FEAR'], cut)).toBe('Race or Religious Agg Public Fear');
    expect(displaySpelling([cut], cut)).toBe(cut);
  });
});

describe('otherSpellings (Data view)', () => {
  it('does not count the capitals a title-cased name came from as another spelling', () => {
    expect(otherSpellings('Fraud and Forgery', ['FRAUD AND FORGERY'])).toEqual([]);
    expect(otherSpellings('Arson', ['ARSON', 'Arson'])).toEqual(['ARSON']);
    expect(otherSpellings('Theft from Person', ['THEFT FROM THE PERSON', 'Theft from Person'])).toEqual(['THEFT FROM THE PERSON']);
  });
});
