// Where the real test data lives: ../shared/data beside the repository (never copied into it).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dataDir = path.resolve(repoRoot, '..', 'shared', 'data');

const at = (...parts: string[]) => path.join(dataDir, ...parts);

export const data = {
  mpsBoroughDir: at('mps_borough'),
  mpsBoroughHistoric: at('mps_borough', 'MPS_Borough_Level_Crime_Historic.csv'),
  mpsBoroughRecent: at('mps_borough', 'MPS Borough Level Crime (most recent 24 months).csv'),
  mpsNewcatHistorical: at('mps_borough_newcat', 'MPS Borough Level Crime (Historical).csv'),
  mpsNewcatRecent: at('mps_borough_newcat', 'MPS Borough Level Crime (most recent 24 months).csv'),
  mpsWard2018: at('mps_ward', '2018wards_202009-202208', 'MPS Ward Level Crime (most recent 24 months).csv'),
  mpsWard2022Historical: at(
    'mps_ward',
    '2022wards_201004-202402_from_parquet',
    'recorded-crime-ward-historical.csv',
  ),
  mpsWard2022Recent: at(
    'mps_ward',
    '2022wards_202401-202512',
    'MPS Ward Level Crime (most recent 24 months).csv',
  ),
  policeUkDir: at('policeuk_street_cityoflondon'),
  populationBorough: at('population', 'housing-density-borough.csv'),
  wardsId2019Xlsx: at('xlsx', 'London wards id2019 summary measures.xlsx'),
  gazetteer: path.join(repoRoot, 'resources', 'gazetteer', 'london-areas.json'),
};
