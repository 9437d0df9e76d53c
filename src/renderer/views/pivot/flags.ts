/** What a flagged pivot cell means, in the words the legend and tooltips use. */
import { FLAG_MARKS, type CellFlag, type PivotCell } from '../../../shared/pivot';

export const FLAG_SYMBOLS = FLAG_MARKS;

/** `smallCount` is the pivot's threshold (the engine's default is 10); only the small-count text names it. */
export function flagText(flag: CellFlag, smallCount = 10): string {
  switch (flag) {
    case 'small':
      return `Small count: fewer than ${smallCount} crimes, so it swings by chance; a % change on it is withheld.`;
    case 'incomplete':
      return 'Incomplete period: the data lacks some of its months, so it is not like for like.';
    case 'not-significant':
      return 'Not significant: the change is within what chance alone would give (95% test).';
  }
}

export const flagId = (flag: CellFlag) => `pivot-flag-${flag}`;

export const flagClasses = (cell: PivotCell) => cell.flags.map((f) => `flag-${f}`).join(' ');
