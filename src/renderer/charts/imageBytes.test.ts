import { describe, expect, it } from 'vitest';
import { dataUrlBytes } from './imageBytes';

describe('dataUrlBytes', () => {
  it('decodes base64 PNG data and URL-encoded SVG text', () => {
    expect([...dataUrlBytes('data:image/png;base64,iVBORw==')]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(new TextDecoder().decode(dataUrlBytes('data:image/svg+xml,%3Csvg%3E%C2%A3%3C%2Fsvg%3E'))).toBe(
      '<svg>£</svg>',
    );
  });
});
