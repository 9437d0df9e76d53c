/**
 * The London gazetteer Wardlens ships (resources/gazetteer): ONS codes and names of the 33
 * boroughs and of the wards of the 2014, 2018 and 2022 boundary sets. Seeded into every new
 * workspace so names can be matched and a ward file's boundary vintage told offline.
 */
import gazetteer from '../../../resources/gazetteer/london-areas.json';
import { matchName } from './areas';
import type { Db } from './workspace';

interface GazetteerWard {
  code: string;
  name: string;
  boroughCode: string;
  vintages: string[];
}

export function seedGazetteer(db: Db): void {
  const insert = db.prepare(
    'INSERT INTO areas (kind, code, name, match_name, parent_id) VALUES (?, ?, ?, ?, ?) RETURNING id',
  );
  const vintage = db.prepare('INSERT INTO area_vintages (area_id, vintage) VALUES (?, ?)');
  const boroughIds = new Map<string, number>();
  for (const b of gazetteer.boroughs) {
    const { id } = insert.get('borough', b.code, b.name, matchName(b.name), null) as { id: number };
    boroughIds.set(b.code, id);
  }
  for (const w of gazetteer.wards as GazetteerWard[]) {
    const { id } = insert.get('ward', w.code, w.name, matchName(w.name), boroughIds.get(w.boroughCode) ?? null) as {
      id: number;
    };
    for (const v of w.vintages) vintage.run(id, v);
  }
}
