/**
 * 006: current figures apart from superseded ones, and borough totals kept on import.
 * Every pivot reads the current figures; joining each of millions of rows to the month →
 * extract map made that slow. Now monthly_counts holds only the current extract's figures,
 * clustered by dataset, borough and month (an analyst's wards are one range), superseded
 * figures move to superseded_counts (revisions and "as of" still see them), and
 * monthly_totals holds the current figures summed by borough, which answers every pivot
 * that does not go down to wards.
 */
export const sql = `
CREATE TABLE monthly_counts_current (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  borough_id INTEGER NOT NULL REFERENCES areas(id),
  month INTEGER NOT NULL,
  category_id INTEGER NOT NULL REFERENCES categories(id),
  area_id INTEGER NOT NULL REFERENCES areas(id),
  import_id INTEGER NOT NULL REFERENCES imports(id),
  count INTEGER NOT NULL CHECK (count >= 0),
  source_row INTEGER,
  PRIMARY KEY (dataset_id, borough_id, month, category_id, area_id)
) WITHOUT ROWID;

CREATE TABLE superseded_counts (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  borough_id INTEGER NOT NULL REFERENCES areas(id),
  month INTEGER NOT NULL,
  category_id INTEGER NOT NULL REFERENCES categories(id),
  area_id INTEGER NOT NULL REFERENCES areas(id),
  import_id INTEGER NOT NULL REFERENCES imports(id),
  count INTEGER NOT NULL CHECK (count >= 0),
  source_row INTEGER,
  PRIMARY KEY (dataset_id, import_id, month, category_id, area_id, borough_id)
) WITHOUT ROWID;

INSERT INTO monthly_counts_current
  SELECT c.dataset_id, c.borough_id, c.month, c.category_id, c.area_id, c.import_id, c.count, c.source_row
  FROM monthly_counts c JOIN dataset_months m ON m.dataset_id = c.dataset_id AND m.month = c.month AND m.import_id = c.import_id;
INSERT INTO superseded_counts
  SELECT c.dataset_id, c.borough_id, c.month, c.category_id, c.area_id, c.import_id, c.count, c.source_row
  FROM monthly_counts c LEFT JOIN dataset_months m ON m.dataset_id = c.dataset_id AND m.month = c.month AND m.import_id = c.import_id
  WHERE m.import_id IS NULL;

DROP VIEW current_monthly_counts;
DROP TABLE monthly_counts;
ALTER TABLE monthly_counts_current RENAME TO monthly_counts;

CREATE VIEW current_monthly_counts AS SELECT * FROM monthly_counts;
CREATE VIEW all_monthly_counts AS
  SELECT * FROM monthly_counts UNION ALL SELECT * FROM superseded_counts;

CREATE TABLE monthly_totals (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  month INTEGER NOT NULL,
  category_id INTEGER NOT NULL REFERENCES categories(id),
  borough_id INTEGER NOT NULL REFERENCES areas(id),
  count INTEGER NOT NULL,
  PRIMARY KEY (dataset_id, month, category_id, borough_id)
) WITHOUT ROWID;
INSERT INTO monthly_totals
  SELECT dataset_id, month, category_id, borough_id, sum(count) FROM monthly_counts GROUP BY dataset_id, month, category_id, borough_id;
`;
