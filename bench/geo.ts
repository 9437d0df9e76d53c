/**
 * The maps-and-hotspots part of `npm run bench`: placing 1,000,000 police.uk points in the ~700
 * London 2022 ward polygons (target under 10 s) and a Gi* hotspot run over a three-borough area,
 * Harrow, Brent and Barnet (target under 2 s). Uses the real boundaries in ../shared/data; the
 * points are generated: snap points scattered over London (a few outside it, as police.uk has),
 * each carrying a skewed number of incidents, 5% of rows without coordinates.
 *
 * Run alone with `node dist/bench/run.js --geo [--quick] [--points N] [--runs N]`; writes
 * bench/results/geo-<time>.{json,md} and geo-latest.{json,md}.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assignAreas } from '../src/core/geo/assignAreas';
import { polygonsOf } from '../src/core/geo/boundaryStore';
import { runHotspots } from '../src/core/geo/hotspots';
import { importBoundaries } from '../src/core/geo/importBoundaries';
import { PolygonIndex } from '../src/core/geo/polygonIndex';
import { openWorkspace, type Db } from '../src/core/store/workspace';
import { log, median } from './report';

interface GeoCase {
  name: string;
  target: number;
  seconds: number[];
  /** CPU seconds of this process (user + system) per run: steadier than wall time on a shared machine. */
  cpuSeconds: number[];
  median: number;
  pass: boolean;
  detail: string;
}


/** Inserts `n` incidents straight into the store (the import itself is benchmarked elsewhere). */
function seedIncidents(db: Db, n: number, london: PolygonIndex): void {
  let seed = 20240601;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  // Snap points inside London's wards, bar about 1 in 50 outside (as police.uk data has).
  const snaps: (readonly [number, number])[] = [];
  while (snaps.length < Math.max(1000, Math.floor(n / 15))) {
    const p = [-0.51 + random() * 0.85, 51.28 + random() * 0.42] as const;
    if (london.locate(p[0], p[1]).area >= 0 || random() < 0.02) snaps.push(p);
  }
  db.exec(`
    INSERT INTO datasets (key, name, kind, area_level, category_scheme, created_at) VALUES ('bench-points', 'Bench points', 'incidents', 'lsoa', 'policeuk', '2024-01-01');
    INSERT INTO imports (dataset_id, file_name, file_path, file_size, sha256, format, rows_read, rows_stored, rows_rejected, started_at, status)
      VALUES (1, 'bench.csv', '/bench.csv', 0, 'bench', 'policeuk-street', ${n}, ${n}, 0, '2024-01-01', 'complete');
    INSERT INTO forces (name) VALUES ('Metropolitan Police Service');
    INSERT INTO categories (scheme, key, major, minor) VALUES ('policeuk', 'burglary', 'Burglary', 'Burglary');
    INSERT INTO dataset_months (dataset_id, month, import_id) VALUES (1, 202401, 1);
  `);
  const insert = db.prepare('INSERT INTO incidents (import_id, dataset_id, month, reported_by_id, falls_within_id, longitude, latitude, category_id) VALUES (1, 1, 202401, 1, 1, ?, ?, 1)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      if (random() < 0.05) insert.run(null, null);
      else {
        // Squaring the draw piles incidents onto the first snap points, as busy streets do.
        const s = snaps[Math.floor(random() ** 2 * snaps.length)]!;
        insert.run(s[0], s[1]);
      }
    }
  })();
}

function time<T>(f: () => T): [T, number, number] {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const r = f();
  const c = process.cpuUsage(c0);
  return [r, Number(process.hrtime.bigint() - t0) / 1e9, (c.user + c.system) / 1e6];
}

export async function runGeoBench(argv: string[]): Promise<void> {
  const value = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
  const quick = argv.includes('--quick') || process.env.WARDLENS_BENCH_QUICK === '1';
  const points = Number(value('points') ?? (quick ? 100_000 : 1_000_000));
  const runs = Number(value('runs') ?? (quick ? 1 : 3));
  const boundaries = resolve('..', 'shared', 'data', 'boundaries');
  if (!existsSync(boundaries)) {
    log(`Geo bench skipped: the real boundaries are not at ${boundaries}.`);
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'wardlens-geo-bench-'));
  const cases: GeoCase[] = [];
  try {
    const ws = openWorkspace(join(scratch, 'geo.wardlens.sqlite'));
    importBoundaries(ws, join(boundaries, 'london_wards_2022_merged.geojson'));
    importBoundaries(ws, join(boundaries, 'london_boroughs', 'london_boroughs.geojson'));
    const wards = polygonsOf(ws.db, 'ward', '2022');
    const [, seeded] = time(() => seedIncidents(ws.db, points, new PolygonIndex(wards)));
    log(`Geo bench: ${points.toLocaleString('en-GB')} points seeded in ${seeded.toFixed(1)} s`);

    // The raw index on distinct points (each jittered by up to ~50 m): no help from repeated snap points.
    const coords = (ws.db.prepare('SELECT longitude, latitude FROM incidents WHERE longitude IS NOT NULL').raw().all() as [number, number][]).map(
      ([lon, lat], i) => [lon + ((i % 997) / 997 - 0.5) * 0.0014, lat + ((i % 991) / 991 - 0.5) * 0.0009] as [number, number],
    );
    const pip: number[][] = [[], []];
    const assign: number[][] = [[], []];
    const hot: number[][] = [[], []];
    let assignDetail = '';
    let hotDetail = '';
    for (let i = 0; i < runs; i++) {
      const [, lookup, lookupCpu] = time(() => {
        const index = new PolygonIndex(wards);
        let hits = 0;
        for (const [lon, lat] of coords) if (index.locate(lon, lat).area >= 0) hits++;
        return hits;
      });
      pip[0]!.push(lookup);
      pip[1]!.push(lookupCpu);
      const [a, seconds, cpu] = time(() => assignAreas(ws.db, { dataset: 'bench-points', vintage: '2022' }));
      assign[0]!.push(seconds);
      assign[1]!.push(cpu);
      assignDetail = `${a.assigned.toLocaleString('en-GB')} in wards, ${a.outside.toLocaleString('en-GB')} outside, ${a.noLocation.toLocaleString('en-GB')} without coordinates`;
      const [h, hs, hsCpu] = time(() => runHotspots(ws.db, { dataset: 'bench-points', area: ['Harrow', 'Brent', 'Barnet'] }));
      hot[0]!.push(hs);
      hot[1]!.push(hsCpu);
      hotDetail = `${h.summary.points.toLocaleString('en-GB')} incidents in ${h.summary.cells.toLocaleString('en-GB')} cells of 250 m`;
      log(`  run ${i + 1}/${runs}: point-in-polygon ${lookup.toFixed(2)} s (CPU ${lookupCpu.toFixed(2)}), assign and store ${seconds.toFixed(2)} s (CPU ${cpu.toFixed(2)}), hotspots ${hs.toFixed(2)} s (CPU ${hsCpu.toFixed(2)})`);
    }
    ws.close();
    const add = (name: string, target: number, [seconds, cpuSeconds]: number[][], detail: string) =>
      cases.push({ name, target, seconds: seconds!, cpuSeconds: cpuSeconds!, median: median(seconds!), pass: median(seconds!) < target, detail });
    add(`Point-in-polygon only, ${coords.length.toLocaleString('en-GB')} distinct points × ${wards.length} wards`, 10, pip, 'spatial index and exact test, no database, no repeated points');
    add(`Assign ${points.toLocaleString('en-GB')} incidents to ${wards.length} 2022 wards and boroughs (read, place, store)`, 10, assign, assignDetail);
    add('Gi* hotspots over Harrow, Brent and Barnet (grid, counts, kernel density, Gi*, GeoJSON)', 2, hot, hotDetail);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const md = [
    '## Maps and hotspots',
    '',
    `Load average when done: ${loadavg().map((x) => x.toFixed(1)).join(', ')} on ${cpus().length} cores (wall times stretch on a busy machine; CPU times less so).`,
    '',
    '| Case | Median s | Runs (s) | CPU s | Target | Pass | Detail |',
    '| --- | ---: | --- | --- | ---: | --- | --- |',
    ...cases.map(
      (c) =>
        `| ${c.name} | ${c.median.toFixed(2)} | ${c.seconds.map((s) => s.toFixed(2)).join(', ')} | ${c.cpuSeconds.map((s) => s.toFixed(2)).join(', ')} | < ${c.target} s | ${c.pass ? 'yes' : 'NO'} | ${c.detail} |`,
    ),
    '',
  ].join('\n');
  const out = resolve(value('out') ?? 'bench/results');
  mkdirSync(out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = JSON.stringify({ points, runs, loadAverage: loadavg(), cases }, null, 2);
  for (const name of [`geo-${stamp}`, 'geo-latest']) {
    writeFileSync(join(out, `${name}.json`), json);
    writeFileSync(join(out, `${name}.md`), md);
  }
  process.stdout.write(`\n${md}`);
}
