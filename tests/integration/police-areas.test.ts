// Boroughs counted as boroughs: the names the MPS files crimes under that are not London boroughs
// ("Unknown", the airports, "Aviation Security (SO18)") are counted apart as police areas, both in
// the workspace's figures (the Data view's tiles, `wardlens info`) and in one dataset's areas.
// "Unknown" is among them but is no area: it is the MPS's label for crimes with no borough recorded,
// and the Data view says so rather than list it as a police area.
// The expected figures are read here from the raw files: the boroughs are the ONS E09 codes of the
// GLA's borough population table, the police areas every borough-column name that is not one of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infoText } from '../../src/cli/format';
import { dispatch } from '../../src/core/handlers';
import type { WorkspaceInfo } from '../../src/shared/workspace';
import { notBoroughsText } from '../../src/shared/notBoroughs';
import { areaCountText } from '../../src/renderer/views/data/areaCounts';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { readCsv } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

// Spelt loosely on purpose: "Barking & Dagenham" and "Barking and Dagenham" are one borough.
const loose = (name: string) =>
  name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]/g, '');

const population = readCsv(data.populationBorough);
const londonBoroughs = new Map(
  population.rows
    .filter((r) => /^E09\d{6}$/.test(r[population.col('Code')] ?? ''))
    .map((r) => [loose(r[population.col('Name')]!), r[population.col('Code')]!]),
);

/** The distinct names in a raw file's borough column. */
function boroughColumn(file: string, column: string): Set<string> {
  const t = readCsv(file);
  return new Set(t.rows.map((r) => r[t.col(column)]!.trim()));
}

/** Names in the borough column that are not London boroughs. */
const notBoroughs = (names: Set<string>) => [...names].filter((n) => !londonBoroughs.has(loose(n)));

const files = [
  { file: data.mpsNewcatHistorical, column: 'BoroughName' },
  { file: data.mpsNewcatRecent, column: 'BoroughName' },
  { file: data.mpsWard2022Recent, column: 'LookUp_BoroughName' },
];

describe('boroughs and police areas on the real MPS files', () => {
  let ws: Workspace;
  let info: WorkspaceInfo;

  beforeAll(async () => {
    ws = tempWorkspace();
    await dispatch({ workspace: ws }, 'import/files', { paths: files.map((f) => f.file) });
    info = await dispatch({ workspace: ws }, 'workspace/info', {});
  }, 120_000);

  afterAll(() => {
    ws.close();
    cleanupTempDirs();
  });

  it('counts London’s 33 boroughs (the 32 and the City) as boroughs, and the police’s own areas apart', () => {
    expect(londonBoroughs.size).toBe(33);
    const police = new Set(files.flatMap(({ file, column }) => notBoroughs(boroughColumn(file, column))));
    // Unknown and the airports (borough files), Aviation Security (SO18) (ward file).
    expect(police.size).toBe(3);
    expect(info.areas.boroughs).toBe(londonBoroughs.size);
    expect(info.areas.policeAreas).toEqual([...police].sort());
    const borough = ws.db.prepare("SELECT count(*) AS n FROM areas WHERE kind = 'borough'").get() as {
      n: number;
    };
    // Nothing dropped: every borough-level area is one or the other.
    expect(info.areas.boroughs + info.areas.policeAreas.length).toBe(borough.n);
    // `wardlens info` says the same.
    const words = infoText(info);
    expect(words).toContain(`Areas: ${londonBoroughs.size} boroughs,`);
    expect(words).toContain(`Not boroughs: ${notBoroughsText([...police].sort())}`);
  });

  it('lists a borough dataset’s police areas without an ONS code, its boroughs with theirs', async () => {
    const names = new Set([
      ...boroughColumn(data.mpsNewcatHistorical, 'BoroughName'),
      ...boroughColumn(data.mpsNewcatRecent, 'BoroughName'),
    ]);
    const dataset = info.datasets.find((d) => d.areaLevel === 'borough')!;
    const contents = await dispatch({ workspace: ws }, 'datasets/contents', { dataset: dataset.key });
    const uncoded = contents.areas.filter((a) => a.kind === 'borough' && !a.code);
    const coded = contents.areas.filter((a) => a.kind === 'borough' && a.code);
    expect(uncoded.map((a) => a.name).sort()).toEqual(notBoroughs(names).sort());
    expect(coded.length).toBe(names.size - notBoroughs(names).length);
    for (const a of coded) expect(a.code).toBe(londonBoroughs.get(loose(a.name)));
    // The card's count: the airports are a police area; "Unknown" is said to be no borough recorded.
    const places = notBoroughs(names).filter((n) => n !== 'Unknown');
    expect(notBoroughs(names)).toContain('Unknown');
    // The borough files' one police area: London Heathrow and London City Airports.
    expect(places).toHaveLength(1);
    expect(areaCountText(contents.areas)).toBe(
      `${coded.length} boroughs, ${places.length} police area and “Unknown” (no borough recorded)`,
    );
  });

  it('titles the Data view’s tile “Not boroughs” and says what “Unknown” is, not calling it a police area', () => {
    const police = [
      ...new Set(files.flatMap(({ file, column }) => notBoroughs(boroughColumn(file, column)))),
    ].sort();
    const places = police.filter((n) => n !== 'Unknown');
    expect(notBoroughsText(info.areas.policeAreas)).toBe(
      `police areas ${places.map((n) => `“${n}”`).join(', ')}; “Unknown”: crimes with no borough recorded`,
    );
  });
});
