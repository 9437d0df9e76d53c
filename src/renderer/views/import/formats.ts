/** File formats in the analyst's words. */
import type { FileFormat } from '../../../shared/workspace';

export const FORMAT_LABELS: Record<FileFormat, string> = {
  'mps-borough-old': 'MPS borough counts (older categories)',
  'mps-borough': 'MPS borough counts',
  'mps-ward': 'MPS ward counts',
  'policeuk-street': 'police.uk street-level crimes',
  population: 'Population figures',
  mapped: 'Spreadsheet, mapped by hand',
  boundaries: 'Boundaries (ward, borough or LSOA polygons)',
};
