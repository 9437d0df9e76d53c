// Guarding the workspace: a copy before any schema upgrade, online backups, and a clear
// message (never a corrupt file) when another process is writing.
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/core/importers/importFiles';
import { seedGazetteer } from '../../src/core/store/gazetteer';
import { latestVersion, migrations } from '../../src/core/store/migrations';
import { backupWorkspace, openWorkspace } from '../../src/core/store/workspace';
import { toApiError } from '../../src/core/errors';
import { data } from '../support/data';
import { cleanupTempDirs, sha256File, tempDir } from '../support/workspace';

afterAll(cleanupTempDirs);

describe('the workspace is guarded', () => {
  it('saves a copy of an older workspace before upgrading it', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = new Database(file);
    old.transaction(() => {
      old.exec(migrations[0]!.sql);
      seedGazetteer(old);
      old.pragma('user_version = 1');
    })();
    old.close();
    const before = sha256File(file);
    const ws = openWorkspace(file);
    expect(ws.db.pragma('user_version', { simple: true })).toBe(latestVersion);
    ws.close();
    const copy = `${file}.version-1.backup`;
    expect(existsSync(copy)).toBe(true);
    const kept = new Database(copy, { readonly: true });
    expect(kept.pragma('user_version', { simple: true })).toBe(1);
    expect((kept.prepare("SELECT count(*) AS n FROM areas WHERE kind = 'borough'").get() as { n: number }).n).toBe(33);
    kept.close();
    expect(before).not.toBe(sha256File(file));
  });

  it('backs up a workspace in use with SQLite’s online backup, and never over a file', async () => {
    const dir = tempDir();
    const ws = openWorkspace(path.join(dir, 'w.sqlite'));
    await importFiles(ws, [data.mpsBoroughRecent]);
    const { path: copy, bytes } = await backupWorkspace(ws, path.join(dir, 'copy.sqlite'));
    expect(bytes).toBeGreaterThan(0);
    const reopened = openWorkspace(copy);
    expect((reopened.db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n).toBe(1);
    reopened.close();
    await expect(backupWorkspace(ws, copy)).rejects.toThrow(/already exists/);
    ws.close();
  });

  it('tells a second writer plainly that the workspace is busy', () => {
    const file = path.join(tempDir(), 'busy.sqlite');
    const first = openWorkspace(file);
    const second = openWorkspace(file);
    second.db.pragma('busy_timeout = 50');
    first.db.exec('BEGIN IMMEDIATE');
    let error: unknown;
    try {
      second.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      error = err;
    }
    first.db.exec('ROLLBACK');
    expect(toApiError(error).message).toMatch(/Another Wardlens .* is writing to this workspace/);
    first.close();
    second.close();
    expect(new Database(file).pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a file that is not a workspace without writing to it', () => {
    const file = path.join(tempDir(), 'notes.sqlite');
    writeFileSync(file, 'These are my notes, not a database.\n'.repeat(200));
    const before = sha256File(file);
    expect(() => openWorkspace(file)).toThrow(/could not be opened as a Wardlens workspace/);
    expect(sha256File(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
