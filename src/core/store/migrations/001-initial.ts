/**
 * 001: the first workspace schema.
 * Months are INTEGER yyyymm (202201): compact for millions of incidents, sortable, and
 * year / quarter arithmetic stays simple. The DTOs turn them into "2022-01".
 */
export const sql = `
CREATE TABLE areas (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('borough', 'ward', 'lsoa')),
  -- ONS code (E09 borough, E05 ward, E01 LSOA); NULL for areas the police name but ONS does
  -- not (e.g. "London Heathrow and London City Airports", "Unknown").
  code TEXT,
  name TEXT NOT NULL,
  -- lower case, '&' as 'and', punctuation and spacing folded: what names are matched on
  match_name TEXT NOT NULL,
  parent_id INTEGER REFERENCES areas(id)
);
CREATE UNIQUE INDEX areas_by_code ON areas(kind, code) WHERE code IS NOT NULL;
CREATE UNIQUE INDEX areas_uncoded_by_name ON areas(kind, match_name) WHERE code IS NULL;
CREATE INDEX areas_by_match_name ON areas(kind, match_name);

-- The ward boundary sets a ward belongs to ('2014', '2018', '2022').
CREATE TABLE area_vintages (
  area_id INTEGER NOT NULL REFERENCES areas(id),
  vintage TEXT NOT NULL,
  PRIMARY KEY (area_id, vintage)
) WITHOUT ROWID;

CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('counts', 'incidents', 'population')),
  area_level TEXT NOT NULL CHECK (area_level IN ('borough', 'ward', 'lsoa')),
  category_scheme TEXT,
  boundary_vintage TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  file_name TEXT NOT NULL,
  file_path TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  rows_stored INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  first_month INTEGER,
  last_month INTEGER,
  months_count INTEGER NOT NULL DEFAULT 0,
  warnings TEXT NOT NULL DEFAULT '[]',
  unmatched_names TEXT NOT NULL DEFAULT '[]',
  started_at TEXT NOT NULL,
  finished_at TEXT,
  -- an import row only ever exists complete: a failed import is rolled back whole
  status TEXT NOT NULL CHECK (status IN ('complete'))
);
CREATE INDEX imports_by_dataset ON imports(dataset_id);

-- Categories as a scheme defines them. key is stable across spellings (case, abbreviations,
-- renamings between extracts); spellings records every way a source wrote it.
CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  scheme TEXT NOT NULL,
  key TEXT NOT NULL,
  major TEXT NOT NULL,
  minor TEXT NOT NULL,
  UNIQUE (scheme, key)
);
CREATE TABLE category_spellings (
  category_id INTEGER NOT NULL REFERENCES categories(id),
  major TEXT NOT NULL,
  minor TEXT NOT NULL,
  PRIMARY KEY (category_id, major, minor)
) WITHOUT ROWID;

-- For every month of a dataset, the import whose figures are current. Older imports of the
-- same month stay in the fact tables, so revisions between extracts can be shown.
CREATE TABLE dataset_months (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  month INTEGER NOT NULL,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  PRIMARY KEY (dataset_id, month)
) WITHOUT ROWID;

CREATE TABLE monthly_counts (
  import_id INTEGER NOT NULL REFERENCES imports(id),
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  -- the most detailed area the row is for (a ward in a ward file) ...
  area_id INTEGER NOT NULL REFERENCES areas(id),
  -- ... and the borough the source files it under, which for airport crime is not the
  -- ward's own borough ("Aviation Security (SO18)")
  borough_id INTEGER NOT NULL REFERENCES areas(id),
  month INTEGER NOT NULL,
  category_id INTEGER NOT NULL REFERENCES categories(id),
  count INTEGER NOT NULL CHECK (count >= 0),
  -- clustered the way pivots read it: one dataset, a run of months
  PRIMARY KEY (dataset_id, month, category_id, area_id, borough_id, import_id)
) WITHOUT ROWID;

-- police.uk street-level rows. Repeating text is stored once (lsoas, outcomes, locations)
-- so a million rows stay small and fast to write.
-- forces, locations and outcomes exist only to compress incidents: the police.uk importer
-- is their one writer, takes every id from them inside the import's own transaction, and
-- nothing deletes from them. So those three columns are not declared as foreign keys:
-- SQLite checks each declared key with a lookup per row, and these four lookups cost
-- about 7% of a million-row import. Shared tables (imports, datasets, areas, categories)
-- keep their foreign keys.
CREATE TABLE outcomes (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE locations (id INTEGER PRIMARY KEY, description TEXT NOT NULL UNIQUE);
CREATE TABLE forces (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  crime_id TEXT,
  month INTEGER NOT NULL,
  reported_by_id INTEGER NOT NULL, -- forces(id)
  falls_within_id INTEGER NOT NULL, -- forces(id)
  longitude REAL,
  latitude REAL,
  location_id INTEGER, -- locations(id)
  lsoa_id INTEGER REFERENCES areas(id),
  category_id INTEGER NOT NULL REFERENCES categories(id),
  outcome_id INTEGER, -- outcomes(id)
  context TEXT
);
CREATE INDEX incidents_by_dataset_month ON incidents(dataset_id, month, import_id);

CREATE TABLE populations (
  import_id INTEGER NOT NULL REFERENCES imports(id),
  area_id INTEGER NOT NULL REFERENCES areas(id),
  year INTEGER NOT NULL,
  population REAL NOT NULL CHECK (population >= 0),
  source TEXT,
  PRIMARY KEY (area_id, year, import_id)
) WITHOUT ROWID;

-- What the analysis reads: only the figures of each month's current extract.
CREATE VIEW current_monthly_counts AS
  SELECT c.* FROM monthly_counts c
  JOIN dataset_months m ON m.dataset_id = c.dataset_id AND m.month = c.month AND m.import_id = c.import_id;
CREATE VIEW current_incidents AS
  SELECT i.* FROM incidents i
  JOIN dataset_months m ON m.dataset_id = i.dataset_id AND m.month = i.month AND m.import_id = i.import_id;
-- The latest import's figure for each area and year.
CREATE VIEW current_populations AS
  SELECT p.* FROM populations p
  WHERE p.import_id = (SELECT max(q.import_id) FROM populations q WHERE q.area_id = p.area_id AND q.year = p.year);
`;
