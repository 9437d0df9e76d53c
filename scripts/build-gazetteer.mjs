// Regenerates resources/gazetteer/london-areas.json: the ONS codes and names of London's
// boroughs and of its wards in the 2014, 2018 and 2022 boundary sets, which Wardlens ships
// so it can match area names and tell a ward file's boundary vintage offline.
// Usage: node scripts/build-gazetteer.mjs DIR  (DIR holds the ONS / London Datastore
// boundary GeoJSON files named below; only codes and names are kept, no geometry).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/build-gazetteer.mjs BOUNDARIES_DIR');
const features = (file) => JSON.parse(readFileSync(join(dir, file), 'utf8')).features.map((f) => f.properties);

const boroughs = features('london_boroughs/london_boroughs.geojson')
  .map((p) => ({ code: p.GSS_CODE, name: p.NAME }))
  .sort((a, b) => a.code.localeCompare(b.code));

const sets = [
  ['2014', 'london_wards_2014_mapinfo/London_Ward_CityMerged_2014_wgs84_simplified10m.geojson', (p) => [p.GSS_Code, p.Name, p.LB_GSS_Code]],
  ['2018', 'london_wards_2018_mapinfo/London_Ward_CityMerged_2018_wgs84_simplified10m.geojson', (p) => [p.GSS_CODE, p.NAME, p.LAGSSCODE]],
  ['2022', 'london_wards_2022_merged.geojson', (p) => [p.WD25CD, p.WD25NM, p.LAD25CD]],
];
// Each ward once, by code (codes stay the key): `name` is its name in the newest set holding
// it, and `earlierNames` its name in any older set where that differed (ONS renamed a few
// wards without changing their code, e.g. E05009331 St. Peter's → Bethnal Green West, and
// E05011483's 2018 "Shirly South" was a misspelling), so a sheet of either set's names matches.
const wards = new Map();
for (const [vintage, file, pick] of sets.toReversed()) {
  for (const p of features(file)) {
    const [code, name, boroughCode] = pick(p);
    const ward = wards.get(code) ?? { code, name, boroughCode, vintages: [] };
    ward.vintages.unshift(vintage);
    if (name !== ward.name) ward.earlierNames = { [vintage]: name, ...ward.earlierNames };
    wards.set(code, ward);
  }
}
const out = { source: 'ONS / London Datastore ward and borough boundaries (codes and names only)', boroughs, wards: [...wards.values()].sort((a, b) => a.code.localeCompare(b.code)) };
writeFileSync('resources/gazetteer/london-areas.json', JSON.stringify(out) + '\n');
const renamed = out.wards.filter((w) => w.earlierNames).length;
console.log(`${boroughs.length} boroughs, ${out.wards.length} wards (${renamed} named differently in an older set)`);
