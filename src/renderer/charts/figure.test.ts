// The chart is a pure function of the pivot: these pin what a councillor sees in it.
import { describe, expect, it } from 'vitest';
import type { PivotCell, PivotResult } from '../../shared/pivot';
import { MARKERS_UP_TO, MAX_SERIES, PART_MARK, PART_NOTE, pivotFigure, wrapTitle } from './figure';
import { HOLLOW_NOTE, PALE, PALE_NOTE } from './chanceMarks';
import { OKABE_ITO } from './palette';

const cell = (value: number | null, flags: PivotCell['flags'] = []): PivotCell => ({
  value,
  count: value ?? 0,
  flags,
});

function pivot(over: Partial<PivotResult> & Pick<PivotResult, 'rows' | 'columns' | 'cells'>): PivotResult {
  const rowTotals = over.cells.map((r) => cell(r.reduce((n, c) => n + (c.value ?? 0), 0)));
  const columnTotals = over.columns.map((_, k) =>
    cell(over.cells.reduce((n, r) => n + (r[k]!.value ?? 0), 0)),
  );
  return {
    spec: {
      dataset: 'mps-ward-ho-2022',
      rows: over.rowDimensions ?? ['ward'],
      columns: over.columnDimensions ?? ['month'],
      filters: { borough: ['Harrow'] },
    },
    dataset: { key: 'mps-ward-ho-2022', name: 'MPS ward counts', kind: 'counts' },
    measure: 'count',
    rowDimensions: ['ward'],
    columnDimensions: ['month'],
    rowTotals,
    columnTotals,
    grandTotal: cell(rowTotals.reduce((n, c) => n + (c.value ?? 0), 0)),
    notes: [],
    span: { from: '2022-01', to: '2022-03' },
    ...over,
  };
}

const months = {
  keys: [['2022-01'], ['2022-02'], ['2022-03']],
  labels: [['Jan 2022'], ['Feb 2022'], ['Mar 2022']],
};
const header = (keys: string[][], labels: string[][]) =>
  keys.map((k, i) => ({ keys: k, labels: labels[i]! }));
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const source = { datasetName: 'MPS ward counts', first: '2022-01', last: '2022-03' };

describe('pivotFigure', () => {
  it('draws months across as lines, one per row, with "Jan 2022" on the axis', () => {
    const result = pivot({
      rows: header([['E05013542'], ['E05013543']], [['Belmont'], ['Canons']]),
      columns: header(months.keys, months.labels),
      cells: [
        [cell(30), cell(28), cell(null)],
        [cell(12), cell(4, ['small']), cell(9, ['small'])],
      ],
    });
    const f = pivotFigure(result, source);
    expect(f.kind).toBe('line');
    expect(f.data).toHaveLength(2);
    const [belmont, canons] = f.data as {
      name: string;
      x: string[];
      y: (number | null)[];
      text: string[];
      line: { color: string; dash: string };
    }[];
    expect(belmont!.name).toBe('Belmont');
    expect(belmont!.x).toEqual(['Jan 2022', 'Feb 2022', 'Mar 2022']);
    expect(belmont!.y).toEqual([30, 28, null]);
    expect(canons!.text).toEqual(['12', '4', '9']);
    // Colour-blind-safe colours, and a second cue (dash) for greyscale print.
    expect(belmont!.line.color).toBe(OKABE_ITO[0]);
    expect(canons!.line.color).toBe(OKABE_ITO[1]);
    expect(belmont!.line.dash).not.toBe(canons!.line.dash);
  });

  it('gives every chart a title and a source note naming the dataset and months', () => {
    const result = pivot({
      rows: header([['E05013542']], [['Belmont']]),
      columns: header(months.keys, months.labels),
      cells: [[cell(1), cell(2), cell(3)]],
    });
    const f = pivotFigure(result, { ...source, filters: ['Harrow'] });
    expect(f.title).toBe('Crimes by ward and month — Harrow');
    expect(f.sourceNote).toBe('Source: MPS ward counts, Jan 2022 – Mar 2022.');
    expect((f.layout.title as { text: string }).text).toBe(f.title);
    expect(f.layout.annotations?.[0]?.text).toBe(f.sourceNote);
    expect(f.layout.separators).toBe('.,');
  });

  it('draws categories as horizontal bars, keeps the largest when there are too many, and says so', () => {
    const n = MAX_SERIES + 3;
    const result = pivot({
      rowDimensions: ['ward'],
      columnDimensions: ['major'],
      rows: header([['a'], ['b']], [['Belmont'], ['Canons']]),
      columns: header(
        Array.from({ length: n }, (_, i) => [`c${i}`]),
        Array.from({ length: n }, (_, i) => [`Category ${i}`]),
      ),
      cells: [
        Array.from({ length: n }, (_, i) => cell(i + 1)),
        Array.from({ length: n }, (_, i) => cell(i + 2)),
      ],
    });
    const f = pivotFigure(result, source);
    expect(f.kind).toBe('bar');
    expect(f.data).toHaveLength(MAX_SERIES);
    expect((f.data[0] as { orientation: string }).orientation).toBe('h');
    // Counts across several columns stack into one bar per row, which still reaches the row's total.
    expect(f.layout.barmode).toBe('stack');
    const names = (f.data as { name: string }[]).map((d) => d.name);
    expect(names).not.toContain('Category 0');
    expect(names.at(-1)).toBe('All other (4)');
    const belmontTotal = (f.data as { x: number[] }[]).reduce((sum, d) => sum + d.x[0]!, 0);
    expect(belmontTotal).toBe(result.rowTotals[0]!.value);
    expect(f.caveat).toBe(
      `The chart shows the ${MAX_SERIES - 1} largest of ${n} columns, the other 4 together; the table has them all.`,
    );
  });

  it('formats rates to two decimals and percentages to one in hover text', () => {
    const result = pivot({
      measure: 'rate',
      rows: header([['a']], [['Belmont']]),
      columns: header(months.keys, months.labels),
      cells: [[cell(7.3149), cell(7.5), cell(0)]],
    });
    expect((pivotFigure(result, source).data[0] as { text: string[] }).text).toEqual([
      '7.31',
      '7.50',
      '0.00',
    ]);
    const pct = pivot({
      measure: 'pct-change',
      rows: header([['a']], [['Belmont']]),
      columns: header(months.keys, months.labels),
      cells: [[cell(2.44), cell(-3.06), cell(null)]],
    });
    expect((pivotFigure(pct, source).data[0] as { text: string[] }).text).toEqual(['+2.4%', '−3.1%', '–']);
  });

  it('draws a long history as bare lines, the largest wards only, in margins it sets itself', () => {
    // 679 wards × 189 months (Apr 2010 – Dec 2025), as the ward × month pivot gives them.
    const keys = Array.from({ length: 189 }, (_, i) => {
      const m = 3 + i;
      return `${2010 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    });
    const wards = Array.from({ length: 679 }, (_, w) => [`E0501${String(w).padStart(4, '0')}`]);
    const result = pivot({
      rows: header(
        wards,
        wards.map((w) => [`Ward ${w[0]}`]),
      ),
      columns: header(
        keys.map((k) => [k]),
        keys.map((k) => [`${MONTHS[Number(k.slice(5)) - 1]} ${k.slice(0, 4)}`]),
      ),
      cells: wards.map((_, w) => keys.map(() => cell(w))),
    });
    const f = pivotFigure(result, source);
    expect(keys.at(-1)).toBe('2025-12');
    expect(f.data).toHaveLength(MAX_SERIES);
    // The largest totals are the last wards (each month holds the ward's index).
    expect((f.data as { name: string }[]).map((d) => d.name)).toEqual(
      wards.slice(-MAX_SERIES).map((w) => `Ward ${w[0]}`),
    );
    expect(f.caveat).toBe(`The chart shows the ${MAX_SERIES} largest of 679 lines; the table has them all.`);
    expect(189).toBeGreaterThan(MARKERS_UP_TO);
    for (const d of f.data as { mode: string }[]) expect(d.mode).toBe('lines');
    // No automargin (it redraws the chart until the labels fit): the margins are fixed.
    expect(f.layout.xaxis?.automargin).toBe(false);
    expect(f.layout.yaxis?.automargin).toBe(false);
    // One label a year, each January, not 189 overlapping months.
    const x = f.layout.xaxis as { tickvals: string[] };
    expect(x.tickvals).toEqual(Array.from({ length: 15 }, (_, i) => `Jan ${2011 + i}`));
    expect(f.layout.margin?.r).toBeGreaterThan(56 + 6 * 'Ward E05010678'.length - 1);
  });

  it('gives long bar labels room at the left, cut with "…" beyond 40 characters', () => {
    const long = 'Westminster St James’s and the Royal Parks and Gardens';
    const result = pivot({
      rows: header([['a'], ['b']], [[long], ['Belmont']]),
      columns: header([['x']], [['All']]),
      columnDimensions: ['category'],
      cells: [[cell(5)], [cell(7)]],
    });
    const f = pivotFigure(result, source);
    expect(f.kind).toBe('bar');
    const y = f.layout.yaxis as { ticktext: string[]; tickvals: string[] };
    expect(y.tickvals).toEqual([long, 'Belmont']);
    expect(y.ticktext[0]).toBe(`${long.slice(0, 39)}…`);
    expect(y.ticktext[1]).toBe('Belmont');
    expect(f.layout.margin?.l).toBe(Math.round(16 + 41 * 6.6));
  });

  it('says on the chart itself, and so on its PNG and SVG, what it leaves out', () => {
    const n = MAX_SERIES + 3;
    const result = pivot({
      rows: header(
        Array.from({ length: n }, (_, i) => [`w${i}`]),
        Array.from({ length: n }, (_, i) => [`Ward ${i}`]),
      ),
      columns: header(months.keys, months.labels),
      cells: Array.from({ length: n }, (_, i) => [cell(i + 10), cell(i + 11), cell(i + 12)]),
    });
    const f = pivotFigure(result, source);
    expect(f.caveat).toBe(`The chart shows the ${MAX_SERIES} largest of ${n} lines; the table has them all.`);
    const note = f.layout.annotations![0]!.text!;
    expect(note).toContain(f.sourceNote);
    expect(note.endsWith(`<br>${f.caveat}`)).toBe(true);
    // A line's more room below the plot for it.
    const plain = pivotFigure({ ...result, rows: result.rows.slice(0, 2), cells: result.cells.slice(0, 2) }, source);
    expect(plain.caveat).toBeNull();
    expect(f.layout.margin!.b! - plain.layout.margin!.b!).toBe(16);
  });

  it('marks a period the data covers only part of, as the table does, so a line does not seem to plunge', () => {
    // Boroughs by year where the data ends in Feb 2025: 2025 holds two months.
    const years = header([['2024'], ['2025']], [['2024'], ['2025']]);
    const result = pivot({
      rows: header([['w'], ['h']], [['Westminster'], ['Harrow']]),
      columns: years,
      columnDimensions: ['year'],
      cells: [
        [cell(90_000), cell(13_000, ['incomplete'])],
        [cell(20_000), cell(3_000, ['incomplete'])],
      ],
    });
    result.columnTotals = [cell(110_000), cell(16_000, ['incomplete'])];
    const f = pivotFigure(result, source);
    const [westminster] = f.data as { x: string[]; marker: { symbol: string[] } }[];
    expect(westminster!.x).toEqual(['2024', `2025${PART_MARK}`]);
    expect(westminster!.marker.symbol).toEqual(['circle', 'circle-open']);
    expect(f.caveat).toBe(PART_NOTE);
    expect(f.layout.annotations![0]!.text!.endsWith(`<br>${PART_NOTE}`)).toBe(true);
    // Whole years: no mark, no note, plain symbols.
    result.columnTotals = [cell(110_000), cell(16_000)];
    const whole = pivotFigure(result, source);
    expect((whole.data[0] as { x: string[] }).x).toEqual(['2024', '2025']);
    expect((whole.data[0] as { marker: { symbol: string } }).marker.symbol).toBe('circle');
    expect(whole.caveat).toBeNull();
    expect(f.layout.margin!.b! - whole.layout.margin!.b!).toBe(16);
  });

  it('breaks a long drill-down title over lines, so it runs under neither Plotly’s buttons nor off the chart', () => {
    expect(wrapTitle('Crimes by ward — Harrow')).toEqual(['Crimes by ward — Harrow']);
    const title = 'Crimes by ward — Harrow, Greenhill, MISCELLANEOUS CRIMES AGAINST SOCIETY';
    expect(wrapTitle(title)).toEqual(['Crimes by ward', 'Harrow, Greenhill, MISCELLANEOUS CRIMES AGAINST', 'SOCIETY']);
    const longer = `${title}, Jan 2024, Burglary - Residential`;
    const lines = wrapTitle(longer);
    expect(lines.join(' ')).toBe(longer.replace(' — ', ' '));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(54);
    // On the chart: the lines, and the room above the plot for them.
    const result = pivot({
      spec: {
        dataset: 'mps-ward-ho-2022',
        rows: ['ward'],
        columns: [],
        filters: { borough: ['Harrow'], ward: ['E05013542'], major: ['miscellaneous crimes against society'] },
      },
      rows: header([['E05013542']], [['Greenhill']]),
      columns: header([['x']], [['All']]),
      columnDimensions: [],
      cells: [[cell(1, ['small'])]],
    });
    const f = pivotFigure(result, { ...source, filters: ['Harrow', 'Greenhill', 'MISCELLANEOUS CRIMES AGAINST SOCIETY'] });
    expect(f.title).toBe(`Crimes by ward — Harrow, Greenhill, MISCELLANEOUS CRIMES AGAINST SOCIETY`);
    expect((f.layout.title as { text: string }).text).toBe(wrapTitle(f.title).join('<br>'));
    expect(f.layout.margin!.t).toBe(56 + 2 * 20);
  });

  it('labels a small count axis in whole numbers (no "0 0 1 1")', () => {
    const small = (values: number[]) =>
      pivotFigure(
        pivot({
          rows: header([['a']], [['Belmont']]),
          columns: header(months.keys, months.labels),
          cells: [values.map((v) => cell(v, ['small']))],
        }),
        source,
      ).layout.yaxis as { dtick?: number; tick0?: number };
    expect(small([0, 1, 1])).toMatchObject({ tick0: 0, dtick: 1 });
    expect(small([2, 7, 3])).toMatchObject({ tick0: 0, dtick: 2 });
    expect(small([20, 70, 30]).dtick).toBeUndefined();
  });

  it('slants twelve month labels, which would overlap side by side, but not two years', () => {
    const year = (labels: string[]) =>
      pivotFigure(
        pivot({
          rows: header([['a']], [['Belmont']]),
          columns: header(
            labels.map((l) => [l]),
            labels.map((l) => [l]),
          ),
          columnDimensions: labels[0]!.length === 4 ? ['year'] : ['month'],
          cells: [labels.map(() => cell(40))],
        }),
        source,
      ).layout.xaxis as { tickangle: number };
    expect(year(MONTHS.map((m) => `${m} 2025`)).tickangle).toBe(-45);
    expect(year(['2024', '2025']).tickangle).toBe(0);
  });

  it('says when there is nothing to draw, as when every rate is blank', () => {
    const result = pivot({
      rows: header([['a'], ['b']], [['Belmont'], ['Canons']]),
      columns: header(months.keys, months.labels),
      cells: [
        [cell(null), cell(null), cell(null)],
        [cell(null), cell(null), cell(null)],
      ],
    });
    expect(pivotFigure(result, source).empty).toBe(true);
    expect(pivotFigure(pivot({ ...result, cells: [[cell(1), cell(null), cell(null)], result.cells[1]!] }), source).empty).toBeUndefined();
  });

  it('counts police.uk incidents as incidents (they hold anti-social behaviour too), not crimes', () => {
    const result = pivot({
      dataset: { key: 'policeuk-city', name: 'police.uk incidents, City of London Police', kind: 'incidents' },
      rows: header([['a']], [['City of London']]),
      columns: header(months.keys, months.labels),
      cells: [[cell(300), cell(310), cell(320)]],
    });
    const f = pivotFigure(result, source);
    expect(f.title.startsWith('Incidents by')).toBe(true);
    expect((f.layout.yaxis as { title: { text: string } }).title.text).toBe('Incidents');
  });

  it('names a share of each row or column in its title, as the exported table does', () => {
    const shares = (shareOf: 'row' | 'column' | 'total') =>
      pivotFigure(
        pivot({
          measure: 'share',
          spec: { dataset: 'mps-ward-ho-2022', rows: ['ward'], columns: ['month'], shareOf },
          rows: header([['E05013542']], [['Belmont']]),
          columns: header(months.keys, months.labels),
          cells: [[cell(20), cell(30), cell(50)]],
        }),
        source,
      ).title;
    expect(shares('row')).toBe('% of crimes (of each row) by ward and month');
    expect(shares('column')).toBe('% of crimes (of each column) by ward and month');
    expect(shares('total')).toBe('% of crimes by ward and month');
  });

  it('words a filter the app has no name for as the export does: a month as "Jan 2022", never "2022-01"', () => {
    const result = pivot({
      spec: {
        dataset: 'mps-ward-ho-2022',
        rows: ['ward'],
        columns: ['month'],
        filters: { borough: ['E09000015'], month: ['2022-01', '2022-02'], quarter: ['2022-Q1'] },
      },
      rows: header([['E05013542']], [['Belmont']]),
      columns: header(months.keys, months.labels),
      cells: [[cell(1), cell(2), cell(3)]],
    });
    // The app knew the borough's name (from an earlier answer), not the months'.
    const named = pivotFigure(result, { ...source, filters: ['Harrow', '2022-01', '2022-02', '2022-Q1'] });
    expect(named.title).toBe('Crimes by ward and month — Harrow, Jan 2022, Feb 2022, Q1 2022');
    expect(pivotFigure(result, source).title).toBe('Crimes by ward and month — E09000015, Jan 2022, Feb 2022, Q1 2022');
  });

  describe('a change', () => {
    // Harrow's wards, burglary, % change by year: the busiest wards moved little, the small ones most.
    const years = header([['2022'], ['2023']], [['2022'], ['2023']]);
    const names = ['Roxeth', 'Edgware', 'Greenhill', 'Canons', 'Stanmore', 'Pinner', 'Headstone', 'Hatch End', 'Kenton East', 'Belmont'];
    const pct: [number, number][] = [
      [41, 37.8], [9.4, -35.2], [1, -11.1], [-2.1, -6.5], [3, 21.2], [-18, -36.4], [-18.9, 20.9], [-21.3, 5.4], [34.1, -37.3], [-22.7, 147.1],
    ];
    // Counts fall with the list: Belmont, the biggest mover, has the fewest crimes.
    const ns = (ward: number, year: number) => !(ward === 0 || (ward === 9 && year === 1) || (ward === 1 && year === 1));
    const change = (measure: 'pct-change' | 'change' = 'pct-change') =>
      pivot({
        measure,
        columnDimensions: ['year'],
        rows: header(names.map((n) => [n]), names.map((n) => [n])),
        columns: years,
        cells: pct.map((p, w) =>
          p.map((v, y) => ({ value: v, count: 200 - 15 * w, flags: ns(w, y) ? ['not-significant' as const] : [] })),
        ),
        rowTotals: names.map((_, w) => ({ value: 0, count: 400 - 30 * w, flags: [] })),
      });

    /** The lines, and the hollow points drawn over them (no legend entry of their own). */
    type Trace = {
      name: string;
      x: string[];
      y: (number | null)[];
      text: string[];
      showlegend?: boolean;
      hoverinfo?: string;
      legendgroup: string;
      marker: { symbol: string; color: string; line?: { color: string; width: number } };
    };
    const lines = (data: unknown[]) => (data as Trace[]).filter((d) => d.showlegend !== false);
    const overlays = (data: unknown[]) => (data as Trace[]).filter((d) => d.showlegend === false);

    it('draws the wards that moved most, up or down, not the busiest, and says so', () => {
      const f = pivotFigure(change(), source);
      const drawn = lines(f.data).map((d) => d.name);
      expect(drawn).toHaveLength(MAX_SERIES);
      expect(drawn).toContain('Belmont');
      // Canons (−6.5% at most) and Greenhill (−11.1%) moved least: they are the two left out.
      expect(drawn).not.toContain('Canons');
      expect(drawn).not.toContain('Greenhill');
      expect(f.caveat).toContain(
        `The chart shows the ${MAX_SERIES} of 10 wards with the largest % changes, up or down; the table has them all.`,
      );
      // A count chart of the same wards still keeps the busiest.
      const counts = pivotFigure({ ...change(), measure: 'count' }, source);
      expect((counts.data as { name: string }[]).map((d) => d.name)).not.toContain('Belmont');
    });

    it('draws a change within chance hollow, explains the mark on the chart, and says so on hover', () => {
      const f = pivotFigure(change(), source);
      const over = new Map(overlays(f.data).map((o) => [o.legendgroup, o]));
      expect(over.size).toBe(MAX_SERIES);
      for (const line of lines(f.data)) {
        const w = names.indexOf(line.name);
        // The line's own markers stay solid, so its legend entry is too; colour and shape are the series'.
        expect(line.marker.symbol).not.toMatch(/-open$/);
        expect(OKABE_ITO).toContain(line.marker.color);
        // Over them, in the same legend group (hidden with the line), the points within chance: the same
        // shape in white with the line's colour round it, no hover of their own.
        const hollow = over.get(line.legendgroup)!;
        const within = [0, 1].filter((y) => ns(w, y));
        expect(hollow.x, line.name).toEqual(within.map((y) => line.x[y]));
        expect(hollow.y).toEqual(within.map((y) => line.y[y]));
        expect(hollow.marker).toMatchObject({ symbol: line.marker.symbol, color: '#ffffff', line: { color: line.marker.color } });
        expect(hollow.hoverinfo).toBe('skip');
        [0, 1].forEach((y) => expect(line.text[y]!.endsWith('~ not significant')).toBe(ns(w, y)));
      }
      // Belmont's 2023 rise is beyond chance, its 2022 fall within it.
      const belmont = lines(f.data).find((l) => l.name === 'Belmont')!;
      expect(over.get(belmont.legendgroup)!.x).toEqual(['2022']);
      expect(f.caveat).toContain(HOLLOW_NOTE);
      expect(f.layout.annotations![0]!.text!.endsWith(`<br>${HOLLOW_NOTE}`)).toBe(true);
      expect(HOLLOW_NOTE).toMatch(/^~ Hollow marker: not significant/);
    });

    it('draws no mark and no note when every change is beyond chance', () => {
      const sure = change();
      sure.cells = sure.cells.map((r) => r.map((c) => ({ ...c, flags: [] })));
      const f = pivotFigure(sure, source);
      expect(overlays(f.data)).toEqual([]);
      expect(f.caveat).not.toContain('~');
    });

    it('on bars, keeps the rows that moved most and draws a change within chance pale', () => {
      const n = 40;
      const result = pivot({
        measure: 'change',
        columnDimensions: ['category'],
        rows: header(
          Array.from({ length: n }, (_, i) => [`w${i}`]),
          Array.from({ length: n }, (_, i) => [`Ward ${i}`]),
        ),
        columns: header([['all']], [['All']]),
        // Ward i changed by (i − 20): the biggest moves are at both ends, the busiest wards (by count) in the middle.
        cells: Array.from({ length: n }, (_, i) => [
          { value: i - 20, count: 100 - Math.abs(i - 20), flags: Math.abs(i - 20) < 12 ? ['not-significant' as const] : [] },
        ]),
      });
      result.rowTotals = result.cells.map((r) => r[0]!);
      const f = pivotFigure(result, source);
      const [bars] = f.data as { y: string[]; x: number[]; marker: { opacity: number[] } }[];
      expect(bars!.y).toHaveLength(30);
      // The 10 left out are those that moved least: changes −4 … +4 and one of ±5.
      expect(Math.min(...bars!.x.map(Math.abs))).toBe(5);
      expect(bars!.x.filter((v) => Math.abs(v) === 5)).toHaveLength(1);
      bars!.x.forEach((v, j) => expect(bars!.marker.opacity[j]).toBe(Math.abs(v) < 12 ? PALE : 1));
      expect(f.caveat).toBe(
        `The chart shows the 30 of 40 wards with the largest changes, up or down; the table has them all. ${PALE_NOTE}`,
      );
      // On the chart, and so on its PNG, in lines short enough for a chart half the window wide.
      const lines = f.layout.annotations![0]!.text!.split('<br>');
      expect(lines.slice(-3)).toEqual([
        'The chart shows the 30 of 40 wards with the largest changes, up or down; the table',
        'has them all.',
        PALE_NOTE,
      ]);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(84);
    });
  });
});
