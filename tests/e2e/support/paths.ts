// Where things are: the repository, the real data beside it (never copied in), and where
// screenshots go (test-results/, git-ignored).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const dataDir = path.resolve(repoRoot, '..', 'shared', 'data');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

export const realFiles = {
  /** MPS ward counts, 2022 wards, Jan 2024 – Dec 2025: the "2022-ward file". */
  ward2022: path.join(
    dataDir,
    'mps_ward',
    '2022wards_202401-202512',
    'MPS Ward Level Crime (most recent 24 months).csv',
  ),
  /** The same wards, Apr 2010 – Feb 2024: 21,118 rows × 167 months, long enough to cancel. */
  ward2022Historical: path.join(
    dataDir,
    'mps_ward',
    '2022wards_201004-202402_from_parquet',
    'recorded-crime-ward-historical.csv',
  ),
};

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `wardlens-e2e-${prefix}-`));
}

export function ensureScreenshotDir(): string {
  mkdirSync(screenshotDir, { recursive: true });
  return screenshotDir;
}
