/**
 * 009: the crime types and LSOAs each police.uk import's rows use, written by the importer
 * from what it already holds (importers/formats/policeUk.ts). A dataset's category and area
 * counts (dataset_summary) are then a union of a few thousand rows per import, where
 * counting them from the incidents read every one of a million rows again inside the
 * import's transaction, a seventh of the whole import.
 */
export const sql = `
CREATE TABLE import_crime_types (
  import_id INTEGER NOT NULL REFERENCES imports(id),
  category_id INTEGER NOT NULL REFERENCES categories(id),
  PRIMARY KEY (import_id, category_id)
) WITHOUT ROWID;
CREATE TABLE import_lsoas (
  import_id INTEGER NOT NULL REFERENCES imports(id),
  area_id INTEGER NOT NULL REFERENCES areas(id),
  PRIMARY KEY (import_id, area_id)
) WITHOUT ROWID;
INSERT INTO import_crime_types SELECT DISTINCT import_id, category_id FROM incidents;
INSERT INTO import_lsoas SELECT DISTINCT import_id, lsoa_id FROM incidents WHERE lsoa_id IS NOT NULL;
`;
