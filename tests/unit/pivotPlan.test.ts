// The hot pivots' query plans: the fact tables (c and i in the current-figures views) must be searched
// never scanned whole, so an index change cannot silently make every pivot slow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAggregateSql, type AggregateQuery } from '../../src/core/analysis/pivot/query';
import type { Dimension } from '../../src/shared/pivot';
import type { Workspace } from '../../src/core/store/workspace';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

let ws: Workspace;
beforeAll(() => {
  ws = tempWorkspace();
});
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

const plan = (q: AggregateQuery) => {
  const { sql, params } = buildAggregateSql(q);
  return (ws.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
};
const base = { datasetId: 1, filters: {}, firstMonth: 201601, lastMonth: 202012 };

describe('pivot query plans', () => {
  it.each([
    [['ward', 'month'], { borough: ['E09000015'] }],
    [['borough', 'year'], {}],
    [['category', 'financial-year'], { category: ['burglary/burglary-residential'] }],
  ] as const)('monthly counts by %j search the clustered key by dataset and month', (dims, filters) => {
    const steps = plan({ ...base, kind: 'counts', dimensions: [...dims], filters: filters as Partial<Record<Dimension, string[]>> });
    expect(steps[0]).toMatch(/^SEARCH c USING PRIMARY KEY \(dataset_id=\? AND month>\? AND month<\?\)/);
    expect(steps.join('\n')).not.toMatch(/SCAN [ci]\b/);
    expect(steps.join('\n')).toMatch(/SEARCH m USING PRIMARY KEY \(dataset_id=\? AND month=\?\)/);
  });

  it('incidents by LSOA and crime type search the dataset-month index', () => {
    const steps = plan({ ...base, kind: 'incidents', dimensions: ['lsoa', 'crime-type'] });
    expect(steps[0]).toMatch(/^SEARCH i USING (COVERING )?INDEX incidents_by_dataset_month \(dataset_id=\? AND month>\? AND month<\?\)/);
    expect(steps.join('\n')).not.toMatch(/SCAN [ci]\b/);
  });

  it('binds every filter value as a parameter', () => {
    const { sql, params } = buildAggregateSql({ ...base, kind: 'counts', dimensions: ['ward'], filters: { ward: ["'); DROP TABLE imports;--"] } });
    expect(sql).not.toContain('DROP TABLE');
    expect(params).toContain("'); DROP TABLE imports;--");
  });
});
