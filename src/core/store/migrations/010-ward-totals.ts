/**
 * 010: ward_totals, each ward's current figures summed over the crime categories by month.
 * A ward pivot that does not split or filter by category (all wards × every month of the
 * history, the commonest first question) read and sorted every ward × category × month
 * figure: 2.3 million rows and two seconds for the 2022-ward files. This table holds a
 * fiftieth of that. Kept exact on import by store/counts.ts (summed on the way, like
 * monthly_totals) and re-summed for months whose extract changes (store/revisions.ts).
 */
export const sql = `
CREATE TABLE ward_totals (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  borough_id INTEGER NOT NULL REFERENCES areas(id),
  area_id INTEGER NOT NULL REFERENCES areas(id),
  month INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (dataset_id, borough_id, area_id, month)
) WITHOUT ROWID;
INSERT INTO ward_totals
  SELECT dataset_id, borough_id, area_id, month, sum(count) FROM monthly_counts
  GROUP BY dataset_id, borough_id, area_id, month;
`;
