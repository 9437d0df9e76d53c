/**
 * 003: the months each import supplied, whether or not they are current. This is what lets
 * any figure be reproduced "as of" an earlier extract, and revisions be listed month by
 * month. Workspaces from before 003 get their imports' month ranges filled in.
 */
export const sql = `
CREATE TABLE import_months (
  import_id INTEGER NOT NULL REFERENCES imports(id),
  month INTEGER NOT NULL,
  PRIMARY KEY (import_id, month)
) WITHOUT ROWID;

INSERT INTO import_months (import_id, month)
  WITH RECURSIVE span(import_id, month, last) AS (
    SELECT id, first_month, last_month FROM imports WHERE first_month IS NOT NULL
    UNION ALL
    SELECT import_id, CASE WHEN month % 100 = 12 THEN month + 89 ELSE month + 1 END, last FROM span WHERE month < last
  )
  SELECT import_id, month FROM span;
`;
