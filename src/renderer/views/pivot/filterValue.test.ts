import { describe, expect, it } from 'vitest';
import { valueAsShown } from './filterValue';

describe('a typed filter value', () => {
  const offered = ['Arson and Criminal Damage', 'Burglary', 'Theft'];

  it('takes the spelling the dataset shows, whatever the case typed', () => {
    expect(valueAsShown('BURGLARY', offered)).toBe('Burglary');
    expect(valueAsShown('  burglary ', offered)).toBe('Burglary');
  });

  it('is kept as typed when the dataset offers no such value (the engine then names the near matches)', () => {
    expect(valueAsShown('Burglarly', offered)).toBe('Burglarly');
    expect(valueAsShown('E05013542', [])).toBe('E05013542');
  });
});
