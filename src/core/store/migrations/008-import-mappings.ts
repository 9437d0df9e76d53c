/**
 * 008: the column mapping an import was read with. An import is the file (its SHA-256) read
 * one way: the same file with a corrected mapping is a new reading of it that replaces the
 * earlier one, while the same file with the same mapping changes nothing. NULL for files
 * Wardlens recognised without a mapping, and for imports made before 008.
 */
export const sql = `
ALTER TABLE imports ADD COLUMN mapping TEXT CHECK (mapping IS NULL OR json_valid(mapping));
`;
