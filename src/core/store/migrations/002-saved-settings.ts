/**
 * 002: what analysts save for reuse — column mappings for partner spreadsheets, and
 * named pivot views. Stored as JSON documents: their shape belongs to the contract in
 * src/shared, not to SQL.
 */
export const sql = `
CREATE TABLE saved_mappings (
  name TEXT PRIMARY KEY,
  mapping TEXT NOT NULL CHECK (json_valid(mapping)),
  saved_at TEXT NOT NULL
);
CREATE TABLE saved_views (
  name TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  state TEXT NOT NULL CHECK (json_valid(state)),
  saved_at TEXT NOT NULL
);
`;
