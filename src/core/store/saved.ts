/** Saved column mappings and named views, kept in the workspace so they travel with it. */
import type { ColumnMapping } from '../../shared/importing';
import type { SavedView } from '../../shared/saved';
import { WardlensError } from '../errors';
import type { Db } from './workspace';

const now = () => new Date().toISOString();

function requireName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw new WardlensError('bad-request', 'Give it a name.');
  return name.trim();
}

export function saveMapping(db: Db, name: string, mapping: ColumnMapping): void {
  db.prepare('INSERT INTO saved_mappings (name, mapping, saved_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at').run(
    requireName(name),
    JSON.stringify(mapping),
    now(),
  );
}

export function listMappings(db: Db): { name: string; mapping: ColumnMapping; savedAt: string }[] {
  return (db.prepare('SELECT name, mapping, saved_at AS savedAt FROM saved_mappings ORDER BY name').all() as { name: string; mapping: string; savedAt: string }[]).map((r) => ({
    ...r,
    mapping: JSON.parse(r.mapping) as ColumnMapping,
  }));
}

export function saveView(db: Db, view: SavedView): void {
  db.prepare('INSERT INTO saved_views (name, kind, state, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, state = excluded.state, saved_at = excluded.saved_at').run(
    requireName(view.name),
    view.kind,
    JSON.stringify(view.state),
    now(),
  );
}

export function listViews(db: Db): SavedView[] {
  return (db.prepare('SELECT name, kind, state, saved_at AS savedAt FROM saved_views ORDER BY name').all() as { name: string; kind: SavedView['kind']; state: string; savedAt: string }[]).map((r) => ({
    ...r,
    state: JSON.parse(r.state) as unknown,
  }));
}

export function deleteView(db: Db, name: string): void {
  db.prepare('DELETE FROM saved_views WHERE name = ?').run(name);
}
