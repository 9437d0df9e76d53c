/** What a workspace holds, for `wardlens info` and the app's Data view. */
import type { CategorySummary, DatasetSummary, ImportSummary, WorkspaceInfo } from '../../shared/workspace';
import { monthRange, toIsoMonth } from '../months';
import { misnamedWards, populationBases } from './populationAreas';
import type { Workspace, Db } from './workspace';

const iso = (m: number | null) => (m === null ? null : toIsoMonth(m));

interface DatasetRow {
  id: number;
  key: string;
  name: string;
  kind: DatasetSummary['kind'];
  areaLevel: DatasetSummary['areaLevel'];
  categoryScheme: string | null;
  boundaryVintage: string | null;
}

function datasetSummary(db: Db, d: DatasetRow): DatasetSummary {
  const imports = db.prepare('SELECT id, first_month AS f, last_month AS l FROM imports WHERE dataset_id = ?').all(d.id) as { id: number; f: number | null; l: number | null }[];
  const current = db.prepare('SELECT month, import_id AS importId FROM dataset_months WHERE dataset_id = ? ORDER BY month').all(d.id) as { month: number; importId: number }[];
  let currentRows = 0;
  let allRows = 0;
  let categories = 0;
  let areas = 0;
  if (d.kind !== 'population') {
    // Kept on import by store/summaries.ts: counting millions of rows here made every info call slow.
    const s = db.prepare('SELECT current_rows AS currentRows, all_rows AS allRows, categories, areas FROM dataset_summary WHERE dataset_id = ?').get(d.id) as
      | { currentRows: number; allRows: number; categories: number; areas: number }
      | undefined;
    if (s) ({ currentRows, allRows, categories, areas } = s);
  } else {
    currentRows = allRows = (db.prepare('SELECT count(*) AS n FROM populations p JOIN imports i ON i.id = p.import_id WHERE i.dataset_id = ?').get(d.id) as { n: number }).n;
    areas = (db.prepare('SELECT count(DISTINCT area_id) AS n FROM populations p JOIN imports i ON i.id = p.import_id WHERE i.dataset_id = ?').get(d.id) as { n: number }).n;
  }
  const months = current.map((c) => c.month);
  const held = new Set(months);
  const first = months[0] ?? null;
  const last = months.at(-1) ?? null;
  const missing = first !== null && last !== null ? monthRange(first, last).filter((m) => !held.has(m)) : [];
  const revised = current
    .filter((c) => imports.some((i) => i.id !== c.importId && i.f !== null && i.l !== null && i.f <= c.month && c.month <= i.l))
    .map((c) => c.month);
  return {
    ...d,
    imports: imports.length,
    currentRows,
    supersededRows: allRows - currentRows,
    months: { first: iso(first), last: iso(last), count: months.length },
    missingMonths: missing.map(toIsoMonth),
    revisedMonths: revised.map(toIsoMonth),
    categories,
    areas,
  };
}

function importSummaries(db: Db): ImportSummary[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.file_name AS fileName, i.file_size AS fileSize, i.sha256, i.format, d.name AS dataset,
              i.rows_read AS rowsRead, i.rows_stored AS rowsStored, i.rows_rejected AS rowsRejected,
              i.first_month AS f, i.last_month AS l, i.months_count AS n, i.started_at AS startedAt,
              i.finished_at AS finishedAt, i.status
       FROM imports i JOIN datasets d ON d.id = i.dataset_id ORDER BY i.id`,
    )
    .all() as (Omit<ImportSummary, 'months'> & { f: number | null; l: number | null; n: number })[];
  return rows.map(({ f, l, n, ...r }) => ({ ...r, months: { first: iso(f), last: iso(l), count: n } }));
}

function categorySummaries(db: Db): Record<string, CategorySummary[]> {
  const rows = db
    .prepare(
      `SELECT c.scheme, c.key, c.major, c.minor, json_group_array(s.minor) AS spellings
       FROM categories c JOIN category_spellings s ON s.category_id = c.id GROUP BY c.id ORDER BY c.scheme, c.key`,
    )
    .all() as { scheme: string; key: string; major: string; minor: string; spellings: string }[];
  const out: Record<string, CategorySummary[]> = {};
  for (const r of rows) {
    (out[r.scheme] ??= []).push({ key: r.key, major: r.major, minor: r.minor, spellings: [...new Set(JSON.parse(r.spellings) as string[])] });
  }
  return out;
}

export function workspaceInfo(ws: Workspace): WorkspaceInfo {
  const { db } = ws;
  const datasets = (db
    .prepare(
      `SELECT id, key, name, kind, area_level AS areaLevel, category_scheme AS categoryScheme,
              boundary_vintage AS boundaryVintage FROM datasets ORDER BY id`,
    )
    .all() as DatasetRow[]).map((d) => datasetSummary(db, d));
  const count = (kind: string) => (db.prepare('SELECT count(*) AS n FROM areas WHERE kind = ?').get(kind) as { n: number }).n;
  // A borough has an ONS code (E09: the 32 boroughs and the City). The names the police file crimes
  // under without one (the airports, "Aviation Security (SO18)", and "Unknown", its label for crimes with
  // no borough recorded) are listed apart as not boroughs; the Data view says which is which.
  const boroughs = (db.prepare("SELECT count(*) AS n FROM areas WHERE kind = 'borough' AND code IS NOT NULL").get() as { n: number }).n;
  const policeAreas = (db.prepare("SELECT name FROM areas WHERE kind = 'borough' AND code IS NULL ORDER BY name").all() as { name: string }[]).map((a) => a.name);
  const vintages = (db.prepare('SELECT DISTINCT vintage FROM area_vintages ORDER BY vintage').all() as { vintage: string }[]).map((v) => v.vintage);
  const pop = db.prepare('SELECT count(*) AS rows, count(DISTINCT area_id) AS areas FROM populations').get() as { rows: number; areas: number };
  const years = (db.prepare('SELECT DISTINCT year FROM populations ORDER BY year').all() as { year: number }[]).map((y) => y.year);
  return {
    path: ws.path,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    datasets,
    imports: importSummaries(db),
    areas: { boroughs, policeAreas, wards: count('ward'), lsoas: count('lsoa'), wardVintages: vintages },
    populations: { rows: pop.rows, areas: pop.areas, years, bases: populationBases(db), misnamedWards: misnamedWards(db).length },
    categories: categorySummaries(db),
  };
}
