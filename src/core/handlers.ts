/**
 * One function per API method, over (workspace, args). Every transport (IPC, HTTP, CLI)
 * calls these and nothing else, so the app, browser mode and the CLI cannot disagree.
 */
import type { Args, Handlers, MethodName, Result } from '../shared/api';
import type { ImportProgress } from '../shared/importing';
import { WardlensError } from './errors';
import { buildFindings } from './analysis/findings/build';
import { exportPack, packCharts } from './export/pack';
import { exportTable } from './export/exportTable';
import { runPivotInSlices } from './analysis/pivot/run';
import { qualityReport } from './analysis/trust/quality';
import { revisionReport } from './analysis/trust/revisions';
import { cellTrail } from './analysis/trust/trail';
import { importFiles } from './importers/importFiles';
import { assignAreas } from './geo/assignAreas';
import { listSets } from './geo/boundaryStore';
import { choropleth } from './geo/choropleth';
import { runHotspots } from './geo/hotspots';
import { hotspotAreas } from './geo/hotspotArea';
import { importBoundaries } from './geo/importBoundaries';
import { previewFile } from './importers/preview';
import { deleteView, listMappings, listViews, saveMapping, saveView } from './store/saved';
import { workspaceInfo } from './store/info';
import { deleteImport } from './store/imports';
import { datasetContents } from './store/datasetContents';
import type { Workspace } from './store/workspace';

export interface HandlerContext {
  workspace: Workspace;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

type HandlerFn<K extends MethodName> = (ctx: HandlerContext, args: Args<K>) => Result<K> | Promise<Result<K>>;
export type HandlerMap = { [K in MethodName]: HandlerFn<K> };

export const handlers: HandlerMap = {
  'workspace/info': (ctx) => workspaceInfo(ctx.workspace),
  'boundaries/list': (ctx) => listSets(ctx.workspace.db),
  'boundaries/import': (ctx, args) => {
    if (typeof args?.path !== 'string' || args.path === '') throw new WardlensError('bad-request', 'Give the boundary file to import.');
    return importBoundaries(ctx.workspace, args.path, args.options ?? {});
  },
  'incidents/assign-areas': (ctx, args) => assignAreas(ctx.workspace.db, args),
  'map/choropleth': (ctx, args) => choropleth(ctx.workspace.db, args),
  'hotspots/run': (ctx, args) => runHotspots(ctx.workspace.db, args),
  'hotspots/areas': (ctx) => hotspotAreas(ctx.workspace.db),
  'datasets/contents': (ctx, args) => {
    if (typeof args?.dataset !== 'string' || args.dataset === '') throw new WardlensError('bad-request', 'Give the dataset whose areas and categories to list.');
    return datasetContents(ctx.workspace.db, args.dataset);
  },
  'export/pack': (ctx, args) => exportPack(ctx.workspace.db, args, { signal: ctx.signal, onProgress: ctx.onProgress }),
  'export/pack-charts': (ctx, args) => packCharts(ctx.workspace.db, args),
  'export/table': (ctx, args) => exportTable(ctx.workspace.db, args),
  'facts/build': (ctx, spec) => buildFindings(ctx.workspace.db, spec),
  'import/files': (ctx, args) => {
    if (!Array.isArray(args.paths) || args.paths.length === 0 || args.paths.some((p) => typeof p !== 'string')) {
      throw new WardlensError('bad-request', 'Give one or more files or folders to import.');
    }
    return importFiles(ctx.workspace, args.paths, args.options ?? {}, { signal: ctx.signal, onProgress: ctx.onProgress });
  },
  'import/preview': (ctx, args) => previewFile(ctx.workspace, args.path, args.sheet, args.mapping),
  'imports/delete': (ctx, args) => deleteImport(ctx.workspace.db, Number(args?.importId)),
  'mappings/list': (ctx) => listMappings(ctx.workspace.db),
  'mappings/save': (ctx, args) => {
    saveMapping(ctx.workspace.db, args.name, args.mapping);
    return { saved: true };
  },
  // In slices, so that a cancel (the analyst asked a newer question) stops a long pivot part-way.
  'pivot/run': (ctx, spec) => runPivotInSlices(ctx.workspace.db, spec, { signal: ctx.signal }),
  'pivot/explain': (ctx, spec) => cellTrail(ctx.workspace.db, spec),
  'quality/check': (ctx, args) => qualityReport(ctx.workspace.db, args.dataset),
  'revisions/report': (ctx, spec) => revisionReport(ctx.workspace.db, spec),
  'views/list': (ctx) => listViews(ctx.workspace.db),
  'views/save': (ctx, view) => {
    saveView(ctx.workspace.db, view);
    return { saved: true };
  },
  'views/delete': (ctx, args) => {
    deleteView(ctx.workspace.db, args.name);
    return { deleted: true };
  },
};

export function isMethod(name: string): name is MethodName {
  return Object.hasOwn(handlers, name);
}

/** Calls a method by name (for transports that receive names as strings). */
export async function dispatch<K extends MethodName>(ctx: HandlerContext, method: K, args: Args<K>): Promise<Handlers[K]['result']> {
  return (handlers[method] as HandlerFn<K>)(ctx, args);
}
