// The SVG check on chart images the page sends with a pack: it walks the markup strictly and
// fails closed. Plotly's real SVGs pass (tests/integration/pack-images.test.ts draws them in
// Chromium); here, the shapes of markup an attacker or a broken page could send.
import { describe, expect, it } from 'vitest';
import { checkPng, svgProblem } from '../../src/core/export/chartImages';

const svg = (inner: string, attrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"${attrs}>${inner}</svg>`;

describe('svgProblem', () => {
  it('accepts plain drawing markup with internal references, entities and comments', () => {
    const ok = svg(
      '<defs><clipPath id="c"><rect width="5" height="5"/></clipPath><pattern id="p"><path d="M0 0L1 1"/></pattern></defs>' +
        '<!-- a comment --><g clip-path="url(#c)" style="fill: url(\'#p\'); font-family: &quot;Open Sans&quot;">' +
        '<text>Burglary &amp; robbery: 1,995 &#8594; 2,046 &#x2013; Jan</text><use xlink:href="#c"/></g>',
    );
    expect(svgProblem(ok)).toBeNull();
    expect(svgProblem(`<?xml version="1.0" encoding="UTF-8"?>\n${ok}\n`)).toBeNull();
  });

  const refused: [string, string, RegExp][] = [
    ['a script element', svg('<script>alert(1)</script>'), /<script>/],
    ['a namespaced script element', svg('<svg:script>alert(1)</svg:script>'), /<svg:script>/],
    ['foreign HTML content', svg('<foreignObject><div/></foreignObject>'), /<foreignObject>/],
    ['a link', svg('<a href="#x"><text>x</text></a>'), /<a>/],
    ['an animation that could set an href', svg('<set attributeName="href" to="x"/>'), /<set>/],
    ['an event handler', svg('<rect onclick="alert(1)"/>'), /event handler \(onclick\)/],
    ['an event handler in upper case', svg('<rect ONLOAD="x"/>'), /event handler/],
    [
      'an outside link by xlink:href',
      svg('<use xlink:href="other.svg#a"/>'),
      /outside the file \(xlink:href\)/,
    ],
    ['a javascript: address in any attribute', svg('<rect filter="javascript:alert(1)"/>'), /script address/],
    ['CSS that imports', svg('<style>@import "http://x/y.css";</style>'), /active CSS/],
    [
      'CSS that loads a font from outside',
      svg('<style>@font-face { src: url(http://x/f.woff) }</style>'),
      /outside the file/,
    ],
    ['a DOCTYPE with entities', `<!DOCTYPE svg [<!ENTITY a "b">]>${svg('')}`, /DOCTYPE/],
    ['CDATA', svg('<style><![CDATA[ rect { } ]]></style>'), /CDATA/],
    ['a processing instruction inside', svg('<?xml-stylesheet href="http://x"?>'), /processing instruction/],
    ['a bare ampersand', svg('<text>A & B</text>'), /bare "&"/],
    ['an unknown entity', svg('<text>&nbsp;</text>'), /bare "&"/],
    ['an unclosed element', '<svg><g>', /<g> is never closed/],
    ['a mismatched close', svg('<g></text>'), /<\/text> closes nothing open/],
    ['a second root', `${svg('')}<svg></svg>`, /not an SVG document/],
    ['text outside the root', `${svg('')} trailing`, /text outside/],
    ['a root that is not svg', '<html><body/></html>', /not an SVG document/],
    ['nothing', '', /not an SVG document/],
    ['an unquoted attribute', '<svg width=10></svg>', /not well-formed/],
  ];
  it.each(refused)('refuses %s', (_what, markup, problem) => {
    expect(svgProblem(markup)).toMatch(problem);
  });
});

describe('checkPng', () => {
  /** The first bytes of a PNG: signature, an IHDR chunk of the given size, then an IEND chunk. */
  const png = (width: number, height: number) => {
    const b = Buffer.alloc(8 + 25 + 12);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
    b.writeUInt32BE(13, 8);
    b.write('IHDR', 12, 'latin1');
    b.writeUInt32BE(width, 16);
    b.writeUInt32BE(height, 20);
    b.write('IEND', 8 + 25 + 4, 'latin1');
    return b.toString('base64');
  };

  it('reads the size from the header and holds it to the size the chart was drawn at', () => {
    expect(checkPng('c', png(2480, 1140), { width: 2480, height: 1140 }).length).toBe(45);
    expect(() => checkPng('c', png(2480, 1140), { width: 2480, height: 980 })).toThrow(
      'The image of chart "c" is 2480 × 1140 pixels, not the 2480 × 980 it is drawn at.',
    );
    expect(() => checkPng('c', png(2480, 1140).slice(0, 40), { width: 2480, height: 1140 })).toThrow(
      /is not a PNG/,
    );
    expect(() => checkPng('c', undefined, { width: 1, height: 1 })).toThrow(/is missing its PNG/);
  });
});
