/**
 * Synthetic but realistic input files for the benchmark, generated deterministically from a
 * seed so every run measures the same bytes:
 *  - police.uk street-level CSVs, shaped like the real downloads (see
 *    ../shared/data/policeuk_street_cityoflondon): one force, months in order, 64-hex crime
 *    ids (blank for anti-social behaviour), ~3,000 "On or near …" map points in real-looking
 *    LSOAs, 14 crime types in roughly national proportions, ~6% rows with no location;
 *  - MPS ward-level wide files (MajorText, MinorText, WardName, WardCode, LookUp_BoroughName,
 *    then one yyyymm column per month) for the 2022 London wards Wardlens ships in its
 *    gazetteer, ~30 categories with mostly small counts and many zeros, as CSV and xlsx.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import * as XLSX from 'xlsx';
import gazetteer from '../resources/gazetteer/london-areas.json';

/** mulberry32: small, fast, good enough for test data, and reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from weighted choices with one random number. */
function weighted<T>(items: readonly (readonly [T, number])[]): (r: number) => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const [, w] of items) cumulative.push((acc += w / total));
  return (r) => {
    for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]!) return items[i]![0];
    return items[items.length - 1]![0];
  };
}

/** Writes text through a large buffer: generating a million rows should take seconds. */
class Writer {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 4 * 1024 * 1024) this.flush();
  }
  private flush(): void {
    const buffer = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, buffer);
    this.bytes += buffer.length;
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

// ---------------------------------------------------------------------------------------
// police.uk street-level crime

export const POLICE_UK_HEADER =
  'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

/** Roughly the national mix of police.uk crime types (share of all rows, ASB included). */
const CRIME_TYPES = [
  ['Violence and sexual offences', 31],
  ['Anti-social behaviour', 20],
  ['Other theft', 9.5],
  ['Vehicle crime', 8],
  ['Criminal damage and arson', 6.5],
  ['Public order', 5.5],
  ['Burglary', 5],
  ['Shoplifting', 5],
  ['Theft from the person', 2.5],
  ['Drugs', 2.5],
  ['Robbery', 1.8],
  ['Bicycle theft', 1.5],
  ['Other crime', 1.2],
  ['Possession of weapons', 0.8],
] as const;

/** Last outcome categories of crimes (ASB rows have none), weighted as in the City of London files. */
const OUTCOMES = [
  ['Investigation complete; no suspect identified', 5970],
  ['Status update unavailable', 2998],
  ['Unable to prosecute suspect', 1092],
  ['Under investigation', 552],
  ['Court result unavailable', 351],
  ['Offender given a caution', 284],
  ['Awaiting court outcome', 265],
  ['Local resolution', 231],
  ['Offender sent to prison', 183],
  ['Offender given a drugs possession warning', 181],
  ['Offender fined', 129],
  ['Further investigation is not in the public interest', 115],
  ['Formal action is not in the public interest', 103],
  ['Offender given community sentence', 83],
  ['Offender given suspended prison sentence', 59],
  ['Offender given conditional discharge', 52],
  ['Offender given penalty notice', 47],
  ['Defendant found not guilty', 32],
  ['Action to be taken by another organisation', 31],
  ['Court case unable to proceed', 29],
  ['Offender otherwise dealt with', 12],
  ['Offender deprived of property', 8],
  ['Suspect charged as part of another case', 3],
  ['Defendant sent to Crown Court', 3],
  ['Offender ordered to pay compensation', 2],
] as const;

const STREET_NAMES = [
  'High',
  'Church',
  'Station',
  'Park',
  'Victoria',
  'Green',
  'Manor',
  'Kings',
  'Queens',
  'Albert',
  'Mill',
  'London',
  'New',
  'Grange',
  'School',
  'Springfield',
  'Chestnut',
  'Elm',
  'Oak',
  'Cedar',
  'Windsor',
  'York',
  'Cambridge',
  'Oxford',
  'Richmond',
  'Stanley',
  'Gordon',
  'Alexandra',
  'Grove',
  'Highfield',
  'Mount Pleasant',
  'Orchard',
  'Beech',
  'Willow',
  'Clarence',
  'Cromwell',
  'Nelson',
  'Wellington',
  'Balmoral',
  'Brunswick',
  'Carlton',
  'Derby',
  'Essex',
  'Fairfield',
  'Glebe',
  'Hamilton',
  'Harrow',
  'Hillside',
  'Kingsway',
  'Lansdowne',
  'Marlborough',
  'Melbourne',
  'Milton',
  'Napier',
  'North',
  'Palmerston',
  'Percy',
  'Portland',
  'Prince',
  'Ravenscourt',
  'Regent',
  'Rosebery',
  "St John's",
  "St Mary's",
  "St Martin'S Le",
  'Salisbury',
  'Shaftesbury',
  'South',
  'Spencer',
  'Stafford',
  'Sutherland',
  'Tavistock',
  'Trinity',
  'Upper',
  'Vicarage',
  'Warwick',
  'Waterloo',
  'West',
  'Westbourne',
  'Whitehall',
  'Wimbledon',
  'Woodland',
  'Ashburnham',
  'Belsize',
  'Bishops',
  'Camberwell',
  'Coldharbour',
  'Dalston',
  'Eversholt',
  'Finchley',
  'Grosvenor',
  'Holloway',
  'Islington',
  'Kennington',
  'Lordship',
  'Mare',
  'Pentonville',
  'Queensway',
  'Seven Sisters',
  'Tottenham',
];
const STREET_KINDS = [
  'Street',
  'Road',
  'Lane',
  'Avenue',
  'Close',
  'Gardens',
  'Place',
  'Square',
  'Court',
  'Way',
  'Hill',
  'Grove',
  'Terrace',
  'Crescent',
  'Walk',
  'Mews',
  'Row',
  'Park',
  'Rise',
  'Drive',
  'Parade',
  'View',
  'Yard',
  'Passage',
  'Approach',
  'Circus',
  'Embankment',
  'Broadway',
  'Market',
  'Vale',
  'Wharf',
  'Hill Road',
  'Park Road',
  'Gate',
  'Green',
  'End',
  'Street North',
  'Street South',
  'Road East',
  'Road West',
];
const PLACE_KINDS = [
  'Parking Area',
  'Petrol Station',
  'Supermarket',
  'Nightclub',
  'Sports/Recreation Area',
  'Shopping Area',
  'Further/Higher Educational Building',
  'Hospital',
  'Police Station',
  'Theatre/Concert Hall',
  'Pedestrian Subway',
  'Bus/Coach Station',
  'Conference/Exhibition Centre',
];

interface MapPoint {
  longitude: string;
  latitude: string;
  text: string;
}

/** ~4,800 LSOAs named after London boroughs, e.g. E01000914 "Camden 028B". */
function lsoas(): { code: string; name: string }[] {
  const boroughs = gazetteer.boroughs.map((b) => b.name);
  const out: { code: string; name: string }[] = [];
  let code = 1;
  for (const borough of boroughs) {
    const count = borough === 'City of London' ? 6 : 150;
    for (let i = 0; i < count; i++) {
      const msoa = String(Math.floor(i / 5) + 1).padStart(3, '0');
      out.push({
        code: `E01${String(code++).padStart(6, '0')}`,
        name: `${borough} ${msoa}${'ABCDE'[i % 5]}`,
      });
    }
  }
  return out;
}

/** ~3,000 distinct anonymised map points, each in one LSOA, most of them streets. */
function mapPoints(random: () => number, count: number): MapPoint[] {
  const areas = lsoas();
  const names = new Set<string>();
  while (names.size < count) {
    const street = STREET_NAMES[Math.floor(random() * STREET_NAMES.length)]!;
    const kind = STREET_KINDS[Math.floor(random() * STREET_KINDS.length)]!;
    // Most points are streets; a few are places ("On or near Supermarket").
    names.add(
      random() < 0.01
        ? `On or near ${PLACE_KINDS[Math.floor(random() * PLACE_KINDS.length)]!}`
        : `On or near ${street} ${kind}`,
    );
  }
  return [...names].map((name) => {
    const area = areas[Math.floor(random() * areas.length)]!;
    const longitude = (-0.5 + random() * 0.8).toFixed(6);
    const latitude = (51.3 + random() * 0.4).toFixed(6);
    return { longitude, latitude, text: `${longitude},${latitude},${name},${area.code},${area.name}` };
  });
}

export interface PoliceUkOptions {
  rows: number;
  seed?: number;
  force?: string;
  /** First month of the file, yyyy-mm; rows are spread evenly over `months` months from it. */
  firstMonth?: string;
  months?: number;
  locations?: number;
}

/** Writes a police.uk street-level CSV; returns its size in bytes. */
export function writePoliceUkCsv(path: string, options: PoliceUkOptions): number {
  const random = rng(options.seed ?? 20170101);
  const force = options.force ?? 'Metropolitan Police Service';
  const months = options.months ?? 12;
  const [y0, m0] = (options.firstMonth ?? '2023-01').split('-').map(Number) as [number, number];
  const points = mapPoints(random, options.locations ?? 3000);
  // Busy places are busy: a few points take many crimes (a Zipf-like pick).
  const pickPoint = () => points[Math.floor(points.length * random() ** 2.2)]!;
  const crimeType = weighted(CRIME_TYPES);
  const outcome = weighted(OUTCOMES);
  const forceCells = `${force},${force}`;
  const out = new Writer(path);
  out.write(`${POLICE_UK_HEADER}\n`);
  const hex = Buffer.alloc(32);
  const perMonth = Math.ceil(options.rows / months);
  for (let i = 0; i < options.rows; i++) {
    const k = Math.floor(i / perMonth);
    const y = y0 + Math.floor((m0 - 1 + k) / 12);
    const m = ((m0 - 1 + k) % 12) + 1;
    const month = `${y}-${String(m).padStart(2, '0')}`;
    const type = crimeType(random());
    let id = '';
    let result = '';
    if (type !== 'Anti-social behaviour') {
      for (let b = 0; b < 32; b += 4) hex.writeUInt32LE((random() * 4294967296) >>> 0, b);
      id = hex.toString('hex');
      result = outcome(random());
    }
    const place = random() < 0.06 ? ',,No Location,,' : pickPoint().text;
    out.write(`${id},${month},${forceCells},${place},${type},${result},\n`);
  }
  out.close();
  return out.bytes;
}

// ---------------------------------------------------------------------------------------
// MPS ward-level wide files

/** ~30 Home Office categories as the MPS ward files spell them, with their mean monthly count per ward. */
const MPS_CATEGORIES: [string, string, number][] = [
  ['Arson and Criminal Damage', 'Arson', 0.25],
  ['Arson and Criminal Damage', 'Criminal Damage', 6.6],
  ['Burglary', 'Burglary Business and Community', 1.8],
  ['Burglary', 'Domestic Burglary', 5.2],
  ['Drug Offences', 'Drug Trafficking', 0.7],
  ['Drug Offences', 'Possession of Drugs', 5.3],
  ['Miscellaneous Crimes Against Society', 'Handling Stolen Goods', 0.11],
  ['Miscellaneous Crimes Against Society', 'Obscene Publications', 0.44],
  ['Miscellaneous Crimes Against Society', 'Offender Management Act', 0.75],
  ['Miscellaneous Crimes Against Society', 'Other Notifiable Offences', 0.26],
  ['Miscellaneous Crimes Against Society', 'Soliciting for Prostitution', 0.46],
  ['Miscellaneous Crimes Against Society', 'Threat or Possession With Intent to Commit Crimina', 0.32],
  ['Possession of Weapons', 'Possession of Article with Blade or Point', 0.37],
  ['Possession of Weapons', 'Possession of Other Weapon', 0.33],
  ['Public Order Offences', 'Other Offences Against the State, or Public Order', 0.8],
  ['Public Order Offences', 'Public Fear Alarm or Distress', 5.25],
  ['Public Order Offences', 'Racially or Religiously Aggravated Public Fear, Al', 1.47],
  ['Robbery', 'Robbery of Business Property', 0.29],
  ['Robbery', 'Robbery of Personal Property', 2.9],
  ['Sexual Offences', 'Other Sexual Offences', 1.8],
  ['Sexual Offences', 'Rape', 1.0],
  ['Theft', 'Bicycle Theft', 2.8],
  ['Theft', 'Other Theft', 12.5],
  ['Theft', 'Shoplifting', 4.6],
  ['Theft', 'Theft from Person', 5.45],
  ['Vehicle Offences', 'Interfering with a Motor Vehicle', 1.5],
  ['Vehicle Offences', 'Theft from a Motor Vehicle', 8.2],
  ['Vehicle Offences', 'Theft or Taking of a Motor Vehicle', 3.7],
  ['Violence Against the Person', 'Violence with Injury', 9.4],
  ['Violence Against the Person', 'Violence without Injury', 20.7],
];

export const MPS_CATEGORY_COUNT = MPS_CATEGORIES.length;

/** Knuth's Poisson sampler; the means here are small. */
function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

function monthHeaders(first: number, count: number): string[] {
  const out: string[] = [];
  let y = Math.floor(first / 100);
  let m = first % 100;
  for (let i = 0; i < count; i++) {
    out.push(`${y}${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export interface MpsWardOptions {
  rows: number;
  months?: number;
  firstMonth?: number;
  seed?: number;
}

/** The rows of an MPS ward file: wards (2022 boundaries, outside the City) × categories, cut at `rows`. */
export function mpsWardTable(options: MpsWardOptions): { header: string[]; rows: (string | number)[][] } {
  const random = rng(options.seed ?? 202209);
  const boroughName = new Map(gazetteer.boroughs.map((b) => [b.code, b.name]));
  const wards = gazetteer.wards.filter((w) => w.vintages.includes('2022') && w.boroughCode !== 'E09000001');
  const months = monthHeaders(options.firstMonth ?? 201401, options.months ?? 120);
  const header = ['MajorText', 'MinorText', 'WardName', 'WardCode', 'LookUp_BoroughName', ...months];
  const rows: (string | number)[][] = [];
  // Beyond wards × categories (about 20,400 rows) the file repeats with a second, made-up
  // set of ward codes so any size can be asked for without duplicate keys.
  for (let pass = 0; rows.length < options.rows; pass++) {
    for (const [w, ward] of wards.entries()) {
      const busy = 0.3 + random() * 1.6; // some wards have far more crime than others
      const code = pass === 0 ? ward.code : `E05${String(900000 + pass * 1000 + w).padStart(6, '0')}`;
      for (const [major, minor, mean] of MPS_CATEGORIES) {
        if (rows.length >= options.rows) break;
        const counts = months.map(() => poisson(random, mean * busy));
        rows.push([major, minor, ward.name, code, boroughName.get(ward.boroughCode) ?? 'Unknown', ...counts]);
      }
      if (rows.length >= options.rows) break;
    }
  }
  return { header, rows };
}

const csvCell = (v: string | number) =>
  typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v);

/** Writes an MPS ward file as CSV (CRLF, as the MPS publishes); returns its size in bytes. */
export function writeMpsWardCsv(
  path: string,
  table: { header: string[]; rows: (string | number)[][] },
): number {
  const out = new Writer(path);
  out.write(table.header.join(',') + '\r\n');
  for (const row of table.rows) out.write(row.map(csvCell).join(',') + '\r\n');
  out.close();
  return out.bytes;
}

/** Writes an MPS ward file as an xlsx workbook with one sheet; returns its size in bytes. */
export function writeMpsWardXlsx(
  path: string,
  table: { header: string[]; rows: (string | number)[][] },
): number {
  const sheet = XLSX.utils.aoa_to_sheet([table.header, ...table.rows], { dense: true });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Ward Level Crime');
  // Shared strings, as Excel writes them.
  const buffer = XLSX.write(book, {
    type: 'buffer',
    bookType: 'xlsx',
    compression: true,
    bookSST: true,
  }) as Buffer;
  const fd = openSync(path, 'w');
  writeSync(fd, buffer);
  closeSync(fd);
  return buffer.length;
}

// ---------------------------------------------------------------------------------------
// The whole-London ward workspace of the pivot bench

/**
 * The MPS ward files' full Home Office category list, spelt as the 2022-ward historical file
 * spells it (../shared/data/mps_ward/2022wards_201004-202402_from_parquet), less "NFIB", which
 * the file gives for one row only. Means are monthly crimes per ward, roughly the file's.
 */
export const MPS_WARD_CATEGORIES: [string, string, number][] = [
  ['ARSON AND CRIMINAL DAMAGE', 'ARSON', 0.4],
  ['ARSON AND CRIMINAL DAMAGE', 'CRIMINAL DAMAGE', 6.6],
  ['BURGLARY', 'BURGLARY BUSINESS AND COMMUNITY', 1.8],
  ['BURGLARY', 'DOMESTIC BURGLARY', 5.2],
  ['BURGLARY', 'RES BURGLARY OF A HOME', 4.1],
  ['BURGLARY', 'RES BURGLARY OF UNCONNECTED BUILDING', 0.5],
  ['DRUG OFFENCES', 'POSSESSION OF DRUGS', 5.3],
  ['DRUG OFFENCES', 'TRAFFICKING OF DRUGS', 0.7],
  ['FRAUD AND FORGERY', 'FRAUD AND FORGERY', 0.3],
  ['MISCELLANEOUS CRIMES AGAINST SOCIETY', 'MISC CRIMES AGAINST SOCIETY', 1.3],
  ['POSSESSION OF WEAPONS', 'POSSESSION OF WEAPONS', 0.7],
  ['PUBLIC ORDER OFFENCES', 'OTHER OFFENCES PUBLIC ORDER', 0.8],
  ['PUBLIC ORDER OFFENCES', 'PUBLIC FEAR ALARM OR DISTRESS', 5.25],
  ['PUBLIC ORDER OFFENCES', 'RACE OR RELIGIOUS AGG PUBLIC FEAR', 1.47],
  ['PUBLIC ORDER OFFENCES', 'VIOLENT DISORDER', 0.2],
  ['ROBBERY', 'ROBBERY OF BUSINESS PROPERTY', 0.29],
  ['ROBBERY', 'ROBBERY OF PERSONAL PROPERTY', 2.9],
  ['SEXUAL OFFENCES', 'OTHER SEXUAL OFFENCES', 1.8],
  ['SEXUAL OFFENCES', 'RAPE', 1.0],
  ['THEFT', 'BICYCLE THEFT', 2.8],
  ['THEFT', 'OTHER THEFT', 12.5],
  ['THEFT', 'SHOPLIFTING', 4.6],
  ['THEFT', 'THEFT FROM THE PERSON', 5.45],
  ['VEHICLE OFFENCES', 'AGGRAVATED VEHICLE TAKING', 0.2],
  ['VEHICLE OFFENCES', 'INTERFERING WITH A MOTOR VEHICLE', 1.5],
  ['VEHICLE OFFENCES', 'THEFT FROM A VEHICLE', 8.2],
  ['VEHICLE OFFENCES', 'THEFT OR UNAUTH TAKING OF A MOTOR VEH', 3.7],
  ['VIOLENCE AGAINST THE PERSON', 'DEATH SERIOUS INJURY ILLEGAL DRIVING', 0.05],
  ['VIOLENCE AGAINST THE PERSON', 'HOMICIDE', 0.03],
  ['VIOLENCE AGAINST THE PERSON', 'STALKING AND HARASSMENT', 4.4],
  ['VIOLENCE AGAINST THE PERSON', 'VIOLENCE WITH INJURY', 9.4],
  ['VIOLENCE AGAINST THE PERSON', 'VIOLENCE WITHOUT INJURY', 20.7],
];

export interface LondonWardOptions {
  /** Borough names to include (default: every borough the MPS polices, i.e. all but the City). */
  boroughs?: string[];
  months: number;
  firstMonth: number;
  seed?: number;
}

/**
 * An MPS ward file for every 2022 ward of the chosen boroughs × the full category list ×
 * `months` months. Every cell is at least 1, so each becomes one stored row (the importer
 * keeps no zeros): all London gives 679 × 32 × 120 = 2,607,360 rows.
 */
export function londonWardTable(options: LondonWardOptions): { header: string[]; rows: (string | number)[][] } {
  const random = rng(options.seed ?? 20140101);
  const boroughName = new Map(gazetteer.boroughs.map((b) => [b.code, b.name]));
  const wanted = options.boroughs ? new Set(options.boroughs) : null;
  const wards = gazetteer.wards.filter(
    (w) =>
      w.vintages.includes('2022') &&
      w.boroughCode !== 'E09000001' &&
      (!wanted || wanted.has(boroughName.get(w.boroughCode) ?? '')),
  );
  const months = monthHeaders(options.firstMonth, options.months);
  const header = ['MajorText', 'MinorText', 'WardName', 'WardCode', 'LookUp_BoroughName', ...months];
  const rows: (string | number)[][] = [];
  for (const ward of wards) {
    const busy = 0.3 + random() * 1.6;
    for (const [major, minor, mean] of MPS_WARD_CATEGORIES) {
      const counts = months.map(() => 1 + poisson(random, mean * busy));
      rows.push([major, minor, ward.name, ward.code, boroughName.get(ward.boroughCode)!, ...counts]);
    }
  }
  return { header, rows };
}
