// The Assessment's ward tables, rendered to markup: a ward whose crimes began to be filed
// elsewhere within the years (Heathrow Villages' under Aviation Security (SO18) from May 2023)
// carries a † that says why its change is no change, and the key under the tables explains it;
// a table with no such ward has neither.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FactsSpec, Findings, WardFigures } from '../../../shared/findings';
import { WorkbenchContext, type Workbench } from '../../api/context';
import { WardsBlock } from './WardsBlock';

const ward = (key: string, name: string, previous: number, current: number, seriesBreak?: string) =>
  ({
    key,
    name,
    previous,
    current,
    change: current - previous,
    percentChange: { value: ((current - previous) / previous) * 100 },
    flags: [],
    test: null,
    rank: 1,
    ...(seriesBreak ? { seriesBreak } : {}),
  }) as unknown as WardFigures;

function render(rows: WardFigures[]): string {
  const findings = {
    dataset: { name: 'MPS ward counts' },
    area: { name: 'Hillingdon' },
    years: { previous: '2022', current: '2023' },
    quickFacts: { flags: [] },
    wards: { rows, highest: rows, rises: [], falls: [], sentences: [] },
  } as unknown as Findings;
  const block = createElement(WardsBlock, { findings, spec: {} as FactsSpec, fileName: 'x' });
  return renderToStaticMarkup(createElement(WorkbenchContext.Provider, { value: {} as Workbench }, block));
}

describe('the ward tables', () => {
  const reason = 'from May 2023 its crimes are recorded under Aviation Security (SO18)';

  it('mark a ward whose crimes moved elsewhere, and say what the mark means', () => {
    const html = render([ward('E1', 'Uxbridge', 956, 916), ward('E2', 'Heathrow Villages', 1258, 408, reason)]);
    expect(html).toContain(`Heathrow Villages<span class="series-break-mark" title="Not like for like: ${reason}.">`);
    expect(html.match(/series-break-mark/g)).toHaveLength(1);
    expect(html).toContain('† Not like for like');
  });

  it('have no mark and no key line when every ward is like for like', () => {
    const html = render([ward('E1', 'Uxbridge', 956, 916)]);
    expect(html).not.toContain('series-break-mark');
    expect(html).not.toContain('Not like for like');
  });
});
