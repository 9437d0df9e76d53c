// Overlapping extracts of one series (small synthetic files): the newer extract's months are current whatever the import order.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/core/importers/importFile';
import { workspaceInfo } from '../../src/core/store/info';
import type { Workspace } from '../../src/core/store/workspace';
import { allCounts, cleanupTempDirs, scalar, tempDir, tempWorkspace } from '../support/workspace';

afterAll(cleanupTempDirs);

/** A small MPS borough extract (Home Office layout) for Harrow burglary, one figure per month. */
function extract(dir: string, name: string, months: Record<number, number>): string {
  const file = path.join(dir, name);
  const header = ['MajorText', 'MinorText', 'BoroughName', ...Object.keys(months)];
  writeFileSync(
    file,
    `${header.join(',')}\r\nBurglary,Burglary - Residential,Harrow,${Object.values(months).join(',')}\r\n`,
  );
  return file;
}

const current = (ws: Workspace) =>
  Object.fromEntries(
    (
      ws.db.prepare('SELECT month, sum(count) AS n FROM current_monthly_counts GROUP BY month').all() as {
        month: number;
        n: number;
      }[]
    ).map((r) => [r.month, r.n]),
  );

const older = { 202301: 1, 202302: 2, 202303: 3 };
const newer = { 202302: 20, 202303: 30, 202304: 40 };
const expected = { 202301: 1, 202302: 20, 202303: 30, 202304: 40 };

describe('overlapping extracts', () => {
  it('a newer extract imported after an older one supersedes the shared months', async () => {
    const ws = tempWorkspace();
    const dir = tempDir();
    const a = await importFile(ws, extract(dir, 'older.csv', older));
    const b = await importFile(ws, extract(dir, 'newer.csv', newer));
    expect([a.status, b.status]).toEqual(['imported', 'imported']);
    expect(a.dataset).toBe(b.dataset);
    expect(b.supersededMonths).toEqual(['2023-02', '2023-03']);
    expect(current(ws)).toEqual(expected);
    // The older figures stay, as revisions.
    expect(scalar(ws.db, `SELECT sum(count) FROM ${allCounts(ws.db)} WHERE import_id = ?`, a.importId)).toBe(
      6,
    );
    const d = workspaceInfo(ws).datasets[0]!;
    expect(d).toMatchObject({
      imports: 2,
      currentRows: 4,
      supersededRows: 2,
      revisedMonths: ['2023-02', '2023-03'],
      missingMonths: [],
    });
    expect(d.months).toEqual({ first: '2023-01', last: '2023-04', count: 4 });
    ws.close();
  });

  it('an older extract imported after a newer one does not roll the figures back', async () => {
    const ws = tempWorkspace();
    const dir = tempDir();
    const b = await importFile(ws, extract(dir, 'newer.csv', newer));
    const a = await importFile(ws, extract(dir, 'older.csv', older));
    expect([a.status, b.status]).toEqual(['imported', 'imported']);
    expect(a.supersededMonths).toEqual([]);
    expect(a.warnings.join(' ')).toMatch(/2 of this file’s months are already held from a newer extract/);
    expect(current(ws)).toEqual(expected);
    ws.close();
  });

  it('reports months missing inside a dataset’s coverage', async () => {
    const ws = tempWorkspace();
    const dir = tempDir();
    await importFile(ws, extract(dir, 'q1.csv', { 202301: 1, 202302: 1 }));
    await importFile(ws, extract(dir, 'q2.csv', { 202305: 1 }));
    expect(workspaceInfo(ws).datasets[0]!.missingMonths).toEqual(['2023-03', '2023-04']);
    ws.close();
  });
});
