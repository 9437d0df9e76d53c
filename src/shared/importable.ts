/**
 * The files the Import view reads, by their names: the file picker's list, and what is taken
 * from a folder (a police.uk download is a folder of monthly folders of CSVs; a README or a
 * hidden `.DS_Store` beside them is no file to import).
 */
export const IMPORTABLE = [
  '.csv',
  '.xlsx',
  '.xlsm',
  '.txt',
  '.zip',
  '.geojson',
  '.json',
  '.shp',
  '.dbf',
  '.prj',
  '.cpg',
];

export const importable = (name: string): boolean =>
  !name.startsWith('.') && IMPORTABLE.some((ext) => name.toLowerCase().endsWith(ext));

/** A folder's entries in the order a file manager lists them ("2017-2" before "2017-10"). */
export const byName = (a: string, b: string): number => a.localeCompare(b, 'en-GB', { numeric: true });
