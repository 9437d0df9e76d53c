import { describe, expect, it } from 'vitest';
import { span } from './useRowWindow';

describe('the drawn window of a big pivot', () => {
  const ROWS = 679;
  const HEIGHT = 31;
  const VIEW = 476;

  it('always covers every row in view, with a margin, whatever the scroll position', () => {
    for (let offset = 0; offset <= ROWS * HEIGHT - VIEW; offset += 7) {
      const s = span(ROWS, HEIGHT, offset, VIEW, 10);
      const firstSeen = Math.floor(offset / HEIGHT);
      const lastSeen = Math.min(ROWS, Math.ceil((offset + VIEW) / HEIGHT));
      expect(s.start).toBeLessThanOrEqual(Math.max(0, firstSeen - 5));
      expect(s.end).toBeGreaterThanOrEqual(Math.min(ROWS, lastSeen + 5));
      expect(s.end - s.start).toBeLessThan(60);
      // The spacers stand in for exactly the rows left out, so the scrollbar tells the truth.
      expect(s.before + (s.end - s.start) * HEIGHT + s.after).toBe(ROWS * HEIGHT);
    }
  });

  it('moves in steps, so most scroll frames leave the drawn rows as they are', () => {
    const spans = new Set<string>();
    for (let offset = 3100; offset < 3100 + 5 * HEIGHT; offset += 1) {
      const s = span(ROWS, HEIGHT, offset, VIEW, 10);
      spans.add(`${s.start}-${s.end}`);
    }
    expect(spans.size).toBe(1);
  });

  it('stops at the last row', () => {
    const s = span(ROWS, HEIGHT, ROWS * HEIGHT - VIEW, VIEW, 10);
    expect(s.end).toBe(ROWS);
    expect(s.after).toBe(0);
  });
});
