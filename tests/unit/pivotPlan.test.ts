// The hot pivots' query plans: figures are searched by dataset, borough and month range in
// the current figures, or read from the smallest summary that can answer (borough totals
// by month or year, ward totals by month, incident summaries by ward); never scanned whole, and grouped in key
// order where they can be. An index or planner change cannot silently make a pivot slow.
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
  return { sql, steps: (ws.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n') };
};
const base = { datasetId: 1, filters: {}, firstMonth: 201601, lastMonth: 202012 };
const counts = (dimensions: Dimension[], filters: Partial<Record<Dimension, string[]>> = {}) => plan({ ...base, kind: 'counts', dimensions, filters });

describe('pivot query plans', () => {
  it('a borough’s wards by month: the ward totals, one range by dataset and borough, one row a group', () => {
    const { sql, steps } = counts(['ward', 'month'], { borough: ['E09000015'] });
    expect(sql).toMatch(/FROM ward_totals f/);
    expect(sql).not.toMatch(/GROUP BY/);
    expect(steps).toMatch(/SEARCH f USING PRIMARY KEY \(dataset_id=\? AND borough_id=\?/);
    expect(steps).not.toMatch(/SCAN f\b/);
  });

  it('every ward by year reads the ward totals, not every ward × category figure', () => {
    const { sql, steps } = counts(['ward', 'year']);
    expect(sql).toMatch(/FROM ward_totals f/);
    expect(steps).toMatch(/SEARCH f USING PRIMARY KEY \(dataset_id=\?\)/);
  });

  it('a borough’s wards by month of one category: one range of the current figures, by dataset, borough and month', () => {
    const { sql, steps } = counts(['ward', 'month'], { borough: ['E09000015'], major: ['THEFT'] });
    expect(sql).toMatch(/FROM monthly_counts f/);
    expect(steps).toMatch(/SEARCH f USING PRIMARY KEY \(dataset_id=\? AND borough_id=\? AND month>\? AND month<\?\)/);
    expect(steps).not.toMatch(/SCAN f\b/);
  });

  it('a ward × month × category pivot of three boroughs reads the key range as it stands: one row a group, no sort', () => {
    const { sql, steps } = counts(['ward', 'month', 'category'], { borough: ['E09000015', 'E09000005', 'E09000003'] });
    expect(sql).toMatch(/FROM monthly_counts f/);
    // The grouping names the table's whole primary key, so each row is a group already.
    expect(sql).not.toMatch(/GROUP BY/);
    expect(sql).toMatch(/f\.count AS n/);
    expect(steps).toMatch(/SEARCH f USING PRIMARY KEY \(dataset_id=\? AND borough_id=\? AND month>\? AND month<\?\)/);
    expect(steps).not.toMatch(/TEMP B-TREE/);
  });

  it('a borough × month × category pivot of wards still adds up, in key order', () => {
    const { sql, steps } = counts(['borough', 'month', 'category'], { borough: ['E09000015'] });
    expect(sql).toMatch(/FROM monthly_totals f|GROUP BY f\.borough_id, f\.month, f\.category_id/);
    expect(sql).toMatch(/sum\(f\.count\)/);
    expect(steps).not.toMatch(/TEMP B-TREE/);
  });

  it.each([
    [['borough', 'month'], {}],
    [['borough', 'year'], { borough: ['E09000015'] }],
    [['category', 'financial-year'], { category: ['burglary/burglary-residential'] }],
    [['major', 'quarter'], { borough: ['E09000015', 'E09000005'] }],
  ] as const)('%j without wards reads the borough totals by dataset and month', (dims, filters) => {
    const { sql, steps } = plan({ ...base, firstMonth: 201604, kind: 'counts', dimensions: [...dims], filters: filters as Partial<Record<Dimension, string[]>> });
    expect(sql).toMatch(/FROM monthly_totals f/);
    expect(steps).toMatch(/SEARCH f USING PRIMARY KEY \(dataset_id=\? AND month>\? AND month<\?\)/);
    expect(steps).not.toMatch(/SCAN f\b/);
  });

  it.each([
    [['borough', 'category', 'year'], {}],
    [['major', 'year'], { borough: ['E09000015'] }],
  ] as const)('%j over whole years reads the yearly borough totals', (dims, filters) => {
    const { sql, steps } = counts([...dims], filters as Partial<Record<Dimension, string[]>>);
    expect(sql).toMatch(/FROM yearly_totals f/);
    expect(steps).toMatch(/SEARCH f USING PRIMARY KEY \(dataset_id=\? AND year>\? AND year<\?\)/);
    expect(steps).not.toMatch(/SCAN f\b/);
  });

  it('all wards × crime type over whole years of incidents reads the yearly incident summary', () => {
    const { sql, steps } = plan({ ...base, kind: 'incidents', dimensions: ['ward', 'crime-type'], incidentSummaries: true });
    expect(sql).toMatch(/FROM incident_yearly f/);
    expect(sql).not.toMatch(/incident_places/);
    expect(steps).toMatch(/SEARCH f USING PRIMARY KEY \(dataset_id=\? AND year>\? AND year<\?\)/);
  });

  it('incidents not yet placed in wards (no summaries built) read the base rows', () => {
    expect(plan({ ...base, kind: 'incidents', dimensions: ['ward', 'crime-type'] }).sql).toMatch(/FROM current_incidents f/);
  });

  it('incident wards by month and outcome read the monthly incident summary', () => {
    const { sql, steps } = plan({ ...base, firstMonth: 201603, kind: 'incidents', dimensions: ['ward', 'month', 'outcome'], incidentSummaries: true });
    expect(sql).toMatch(/FROM incident_summary f/);
    expect(steps).toMatch(/SEARCH f USING PRIMARY KEY \(dataset_id=\? AND month>\? AND month<\?\)/);
  });

  it('“as of” an earlier extract reads current and superseded figures through the month map, never a summary', () => {
    expect(plan({ ...base, kind: 'counts', dimensions: ['borough'], asOfImport: 1 }).sql).toMatch(/FROM all_monthly_counts f JOIN \(/);
    expect(plan({ ...base, kind: 'incidents', dimensions: ['ward'], asOfImport: 1, incidentSummaries: true }).sql).toMatch(/FROM incidents f JOIN \(/);
  });

  it('incidents by LSOA and crime type search the dataset-month index', () => {
    const { steps } = plan({ ...base, kind: 'incidents', dimensions: ['lsoa', 'crime-type'] });
    expect(steps).toMatch(/SEARCH i USING (COVERING )?INDEX incidents_by_dataset_month \(dataset_id=\? AND month>\? AND month<\?\)/);
    expect(steps).not.toMatch(/SCAN i\b/);
  });

  it('binds every filter value as a parameter', () => {
    const { sql, params } = buildAggregateSql({ ...base, kind: 'counts', dimensions: ['ward'], filters: { ward: ["'); DROP TABLE imports;--"] } });
    expect(sql).not.toContain('DROP TABLE');
    expect(params).toContain("'); DROP TABLE imports;--");
  });
});
