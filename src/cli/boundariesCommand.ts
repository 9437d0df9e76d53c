/** `wardlens boundaries`: list the boundary sets a workspace holds, or import one with options (vintage, code column). */
import type { Command } from 'commander';
import type { BoundaryImportResult, BoundarySet } from '../shared/geo';
import { dispatch } from '../core/handlers';
import { defaultWorkspacePath, openWorkspace } from '../core/store/workspace';
import { n } from './geoOutput';
import { counted } from '../shared/counted';

export function boundarySetsText(sets: BoundarySet[]): string {
  if (sets.length === 0) return 'No boundaries yet: import a ward or borough GeoJSON (wardlens boundaries import FILE).';
  return [
    'Boundary sets:',
    ...sets.map((s) => `  #${s.id} ${s.name}: ${n(s.polygons)} ${s.kind} polygon(s)${s.vintage ? `, ${s.vintage} set` : ''}; from ${s.sourceCrs}; imported ${s.importedAt.slice(0, 16).replace('T', ' ')}`),
  ].join('\n');
}

export function boundaryImportText(r: BoundaryImportResult): string {
  if (r.status === 'already-imported') return `= ${r.file}: ${r.warnings[0] ?? 'already imported.'}`;
  const s = r.set;
  const lines = [
    `✓ ${r.file}`,
    `  ${counted(r.features, 'feature')} read (${s.sourceCrs}); codes from "${r.codeProperty}"${r.nameProperty ? `, names from "${r.nameProperty}"` : ''}`,
    `  ${counted(r.areasLinked, `${s.kind} polygon`)} stored${s.vintage ? ` as the ${s.vintage} set` : ''}${r.areasAdded ? `; ${counted(r.areasAdded, 'new area')} added` : ''}`,
  ];
  if (r.unmatchedCodes.length) {
    lines.push(`  ${counted(r.unmatchedCodes.length, 'code')} ${r.unmatchedCodes.length === 1 ? 'matches' : 'match'} no ${s.kind} of this workspace and ${r.unmatchedCodes.length === 1 ? 'was' : 'were'} left out:`);
    for (const u of r.unmatchedCodes.slice(0, 15)) lines.push(`    - feature ${u.feature}: ${u.code}${u.name ? ` ${u.name}` : ''}`);
    if (r.unmatchedCodes.length > 15) lines.push(`    … and ${n(r.unmatchedCodes.length - 15)} more (see --json)`);
  }
  if (r.areasWithoutPolygon.length) {
    lines.push(`  ${n(r.areasWithoutPolygon.length)} ${s.kind}(s) still have no polygon: ${r.areasWithoutPolygon.slice(0, 10).map((a) => `${a.code} ${a.name}`).join(', ')}${r.areasWithoutPolygon.length > 10 ? ', …' : ''}`);
  }
  for (const w of r.warnings) lines.push(`  note: ${w}`);
  return lines.join('\n');
}

export function addBoundariesCommand(program: Command): void {
  const boundaries = program.command('boundaries').description('Ward, borough and LSOA boundaries: list them, or import a GeoJSON or shapefile with options.');
  boundaries
    .command('list', { isDefault: true })
    .description('List the boundary sets in the workspace.')
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .option('--json', 'print as JSON')
    .action(async (o: { db?: string; json?: boolean }) => {
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath(), { mustExist: true });
      try {
        const sets = await dispatch({ workspace }, 'boundaries/list', {});
        console.log(o.json ? JSON.stringify(sets, null, 2) : boundarySetsText(sets));
      } finally {
        workspace.close();
      }
    });
  boundaries
    .command('import')
    .description('Import a boundary file (.geojson/.json in WGS84 or British National Grid, a .shp, or a zipped shapefile).')
    .argument('<file>', 'the boundary file')
    .option('--db <file>', 'the workspace file (default: your data folder)')
    .option('--vintage <year>', "the ward set's year (2011, 2014, 2018, 2022…); detected from the codes when omitted")
    .option('--code-property <name>', "the property holding each feature's ONS code (detected when omitted)")
    .option('--name-property <name>', "the property holding each feature's name (detected when omitted)")
    .option('--name <text>', 'a name for the set (default: the file name)')
    .option('--add-areas', 'create areas for codes the workspace does not know (an older ward set with --vintage)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, o: { db?: string; vintage?: string; codeProperty?: string; nameProperty?: string; name?: string; addAreas?: boolean; json?: boolean }) => {
      const workspace = openWorkspace(o.db ?? defaultWorkspacePath());
      try {
        const result = await dispatch({ workspace }, 'boundaries/import', {
          path: file,
          options: { vintage: o.vintage, codeProperty: o.codeProperty, nameProperty: o.nameProperty, name: o.name, addAreas: o.addAreas },
        });
        console.log(o.json ? JSON.stringify(result, null, 2) : boundaryImportText(result));
      } finally {
        workspace.close();
      }
    });
}
