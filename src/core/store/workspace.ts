/**
 * Opening a workspace: one SQLite file, WAL, foreign keys on, migrated to this version of
 * Wardlens in numbered transactional steps. A workspace from a newer Wardlens is refused
 * rather than opened half-understood.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { WardlensError } from '../errors';
import { latestVersion, migrations } from './migrations';
import { seedGazetteer } from './gazetteer';

export type Db = Database.Database;

export interface Workspace {
  readonly db: Db;
  readonly path: string;
  close(): void;
}

export interface OpenOptions {
  /** Path to better-sqlite3's native module built for Electron's ABI (the desktop app sets it). */
  nativeBinding?: string;
  /** Refuse to create a new workspace: for commands that only read one. */
  mustExist?: boolean;
}

/** Where the workspace lives when no path is given: the user's data folder, as desktop apps do. */
export function defaultWorkspacePath(): string {
  const home = homedir();
  const base =
    process.env.WARDLENS_HOME ??
    (process.platform === 'win32'
      ? join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Wardlens')
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Application Support', 'Wardlens')
        : join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'wardlens'));
  return join(base, 'workspace.wardlens.sqlite');
}

export function openWorkspace(path: string, options: OpenOptions = {}): Workspace {
  if (options.mustExist && !existsSync(path)) {
    throw new WardlensError('not-found', `There is no workspace at ${path}. Import files into it first.`);
  }
  mkdirSync(dirname(path), { recursive: true });
  const db = openDatabase(path, options);
  try {
    migrate(db, path);
  } catch (err) {
    db.close();
    throw err;
  }
  return { db, path, close: () => closeDatabase(db) };
}

function openDatabase(path: string, options: OpenOptions): Db {
  let db: Db | undefined;
  try {
    db = new Database(path, { nativeBinding: options.nativeBinding });
    // Reading the schema first: a file that is not a Wardlens workspace is refused before
    // anything (even the journal mode) is written to it.
    assertWorkspaceOrEmpty(db, path);
    db.pragma('journal_mode = WAL');
  } catch (err) {
    if (db?.open) db.close();
    if (err instanceof WardlensError) throw err;
    throw new WardlensError(
      'workspace-invalid',
      `${path} could not be opened as a Wardlens workspace: ${(err as Error).message}`,
    );
  }
  db.pragma('foreign_keys = ON');
  // NORMAL is durable across application crashes in WAL mode; only a power cut can lose
  // the last transactions, never corrupt the file.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // 256 MB of page cache (the default is 16 MB): an import touches many pages at once.
  db.pragma('cache_size = -262144');
  return db;
}

function closeDatabase(db: Db): void {
  if (!db.open) return;
  db.pragma('optimize');
  db.close();
}

/** Brings the schema up to date, one transaction per migration. */
export function migrate(db: Db, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latestVersion) {
    throw new WardlensError(
      'workspace-too-new',
      `${path} was made by a newer version of Wardlens (workspace version ${current}; this version understands up to ${latestVersion}). Update Wardlens to open it.`,
    );
  }
  assertWorkspaceOrEmpty(db, path);
  const pending = migrations.filter((m) => m.version > current);
  // An analyst's years of work are in this file: keep a copy as it was before changing its schema.
  if (current > 0 && pending.length > 0 && path !== ':memory:') backupBeforeMigration(db, path, current);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      if (migration.version === 1) seedGazetteer(db);
      migration.run?.(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/** A consistent copy beside the workspace, named for the version it holds. */
function backupBeforeMigration(db: Db, path: string, version: number): void {
  const target = `${path}.version-${version}.backup`;
  if (existsSync(target)) return;
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } catch (err) {
    throw new WardlensError('workspace-invalid', `Wardlens must upgrade ${path}, but could not first save a copy of it to ${target}: ${(err as Error).message}. Nothing was changed.`);
  }
}

/** A copy of the workspace made with SQLite's online backup, safe while the workspace is in use. */
export async function backupWorkspace(ws: Workspace, target: string): Promise<{ path: string; bytes: number }> {
  if (existsSync(target)) throw new WardlensError('bad-request', `${target} already exists; choose another name (a backup never replaces a file).`);
  await ws.db.backup(target);
  return { path: target, bytes: statSync(target).size };
}

function assertWorkspaceOrEmpty(db: Db, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === 0 && !isEmpty(db)) {
    throw new WardlensError('workspace-invalid', `${path} is an SQLite file but not a Wardlens workspace.`);
  }
}

function isEmpty(db: Db): boolean {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as {
    n: number;
  };
  return row.n === 0;
}
