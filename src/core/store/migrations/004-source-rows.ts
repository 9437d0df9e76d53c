/**
 * 004: the spreadsheet row each monthly figure came from, so any figure can be traced to
 * its source cell (file, row, month column). NULL for figures imported before 004.
 */
export const sql = `
ALTER TABLE monthly_counts ADD COLUMN source_row INTEGER;
`;
