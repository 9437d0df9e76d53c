/**
 * 005: boundary polygons and where each police.uk incident location falls.
 * Polygons are keyed by area (ONS codes are reissued whenever a boundary changes, so one
 * code is one shape): a ward's polygon serves every vintage the ward belongs to, and 2022
 * ward codes can only ever be drawn on 2022 polygons. Geometry is GeoJSON text in WGS84,
 * with its bounding box in an R*Tree for the spatial pre-filter.
 */
export const sql = `
CREATE TABLE boundary_sets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('borough', 'ward', 'lsoa')),
  vintage TEXT,
  source_file TEXT NOT NULL,
  source_crs TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  -- the file's hash with the options that shape the set (vintage, code property, adding
  -- areas): the same file imported the same way twice is refused, another vintage is not
  identity TEXT NOT NULL UNIQUE,
  code_property TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

CREATE TABLE boundary_polygons (
  id INTEGER PRIMARY KEY,
  set_id INTEGER NOT NULL REFERENCES boundary_sets(id),
  area_id INTEGER NOT NULL REFERENCES areas(id),
  -- the 1-based feature number(s) in the source file, for tracing a shape to its source
  source_feature INTEGER NOT NULL,
  geometry TEXT NOT NULL,
  min_lon REAL NOT NULL,
  min_lat REAL NOT NULL,
  max_lon REAL NOT NULL,
  max_lat REAL NOT NULL,
  UNIQUE (set_id, area_id)
);
CREATE INDEX boundary_polygons_by_area ON boundary_polygons(area_id, set_id);

CREATE VIRTUAL TABLE boundary_polygons_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);

-- Where each incident location of a dataset falls. police.uk snaps crimes to shared points,
-- so a million incidents sit on tens of thousands of locations: placing and storing each
-- location once is ~15 times less work than a row per incident, and pivots reach an
-- incident's ward by its own coordinates. A location with ward_id NULL was placed and fell
-- in no polygon; an incident whose location has no row has not been placed yet.
CREATE TABLE incident_places (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  longitude REAL NOT NULL,
  latitude REAL NOT NULL,
  ward_id INTEGER REFERENCES areas(id),
  borough_id INTEGER REFERENCES areas(id),
  PRIMARY KEY (dataset_id, longitude, latitude)
) WITHOUT ROWID;

-- What was assigned, when, with which ward set: the "which vintage" a dataset's wards are.
CREATE TABLE incident_assignments (
  dataset_id INTEGER PRIMARY KEY REFERENCES datasets(id),
  vintage TEXT NOT NULL,
  borough_from TEXT NOT NULL,
  incidents INTEGER NOT NULL,
  assigned INTEGER NOT NULL,
  no_location INTEGER NOT NULL,
  outside INTEGER NOT NULL,
  assigned_at TEXT NOT NULL
);
`;
