/**
 * 007: summaries that answer the big pivots from far fewer rows, kept exact on import by
 * store/summaries.ts (and built here for workspaces made before 007).
 *  - yearly_totals: the borough totals (monthly_totals) summed by calendar year, for pivots
 *    over whole years that do not go down to wards (33 boroughs × categories × years);
 *  - incident_summary: current police.uk incidents counted by ward × month × crime type ×
 *    outcome, so ward pivots of a million incidents read tens of thousands of rows and no
 *    longer join each incident to its placed location;
 *  - incident_yearly: the same by ward × year × crime type, for whole-year pivots;
 *  - dataset_summary: each crime dataset's row, category and area counts, for workspace/info;
 *  - summarised_incidents: which incident datasets have their summaries (all, after 007).
 * Ward ids in the incident summaries: the ward an incident's location was placed in, or
 * -1 no coordinates, -2 location not yet placed, -3 placed but outside every ward. Outcome 0
 * is "no outcome recorded". Both are integers so every key column is small and NOT NULL.
 * Only current figures are summarised: "as of" pivots read the full history instead.
 * The filling statements are written out here, not shared with store/summaries.ts, so this
 * migration stays as released whatever later becomes of that module.
 */
export const sql = `
CREATE TABLE yearly_totals (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  year INTEGER NOT NULL,
  category_id INTEGER NOT NULL,
  borough_id INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (dataset_id, year, category_id, borough_id)
) WITHOUT ROWID;

CREATE TABLE incident_summary (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  month INTEGER NOT NULL,
  category_id INTEGER NOT NULL,
  ward_id INTEGER NOT NULL,
  outcome_id INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (dataset_id, month, category_id, ward_id, outcome_id)
) WITHOUT ROWID;

CREATE TABLE incident_yearly (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  year INTEGER NOT NULL,
  category_id INTEGER NOT NULL,
  ward_id INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (dataset_id, year, category_id, ward_id)
) WITHOUT ROWID;

-- The incident datasets whose summaries are built and kept. A police.uk dataset is summarised
-- once its locations are placed in wards (the summaries count by ward); until then pivots read
-- its base rows, and a first million-row import does not pay for re-reading every row.
CREATE TABLE summarised_incidents (
  dataset_id INTEGER PRIMARY KEY REFERENCES datasets(id)
);
INSERT INTO summarised_incidents SELECT id FROM datasets WHERE kind = 'incidents';

-- What workspace/info shows for each crime dataset, so it never counts millions of rows.
CREATE TABLE dataset_summary (
  dataset_id INTEGER PRIMARY KEY REFERENCES datasets(id),
  current_rows INTEGER NOT NULL,
  all_rows INTEGER NOT NULL,
  categories INTEGER NOT NULL,
  areas INTEGER NOT NULL
);
INSERT INTO dataset_summary (dataset_id, current_rows, all_rows, categories, areas)
  SELECT d.id,
         (SELECT count(*) FROM monthly_counts WHERE dataset_id = d.id),
         (SELECT count(*) FROM monthly_counts WHERE dataset_id = d.id) + (SELECT count(*) FROM superseded_counts WHERE dataset_id = d.id),
         (SELECT count(DISTINCT category_id) FROM monthly_counts WHERE dataset_id = d.id),
         (SELECT count(DISTINCT area_id) FROM monthly_counts WHERE dataset_id = d.id)
  FROM datasets d WHERE d.kind = 'counts';
INSERT INTO dataset_summary (dataset_id, current_rows, all_rows, categories, areas)
  SELECT d.id,
         (SELECT count(*) FROM current_incidents WHERE dataset_id = d.id),
         (SELECT count(*) FROM incidents WHERE dataset_id = d.id),
         (SELECT count(DISTINCT category_id) FROM incidents WHERE dataset_id = d.id),
         (SELECT count(DISTINCT lsoa_id) FROM incidents WHERE dataset_id = d.id)
  FROM datasets d WHERE d.kind = 'incidents';

INSERT INTO yearly_totals (dataset_id, year, category_id, borough_id, count)
  SELECT dataset_id, month / 100, category_id, borough_id, sum(count) FROM monthly_totals
  GROUP BY dataset_id, month / 100, category_id, borough_id;

INSERT INTO incident_summary (dataset_id, month, category_id, ward_id, outcome_id, count)
  SELECT f.dataset_id, f.month, f.category_id,
         CASE WHEN f.longitude IS NULL OR f.latitude IS NULL THEN -1 WHEN ip.dataset_id IS NULL THEN -2 ELSE coalesce(ip.ward_id, -3) END,
         coalesce(f.outcome_id, 0), count(*)
  FROM incidents f
  JOIN dataset_months m ON m.dataset_id = f.dataset_id AND m.month = f.month AND m.import_id = f.import_id
  LEFT JOIN incident_places ip ON ip.dataset_id = f.dataset_id AND ip.longitude = f.longitude AND ip.latitude = f.latitude
  GROUP BY 1, 2, 3, 4, 5;

INSERT INTO incident_yearly (dataset_id, year, category_id, ward_id, count)
  SELECT dataset_id, month / 100, category_id, ward_id, sum(count) FROM incident_summary
  GROUP BY dataset_id, month / 100, category_id, ward_id;
`;
