/**
 * The one typed contract between the engine and every transport (IPC, HTTP, CLI).
 * Methods are named `domain/verb`; each transport is generic over this map, so a renamed
 * method or a changed argument breaks the build, not the analyst.
 */
import type {
  ExportPackArgs,
  ExportPackResult,
  ExportTableArgs,
  ExportTableResult,
  PackChartsArgs,
  PackChartsResult,
} from './export';
import type { ColumnMapping, DeletedImport, ImportFileResult, ImportOptions } from './importing';
import type { DatasetContents } from './datasetContents';
import type { FactsSpec, Findings } from './findings';
import type {
  AssignAreasArgs,
  AssignAreasResult,
  BoundaryImportOptions,
  BoundaryImportResult,
  BoundarySet,
  ChoroplethArgs,
  ChoroplethResult,
  HotspotArgs,
  HotspotResult,
} from './geo';
import type { FilePreview } from './preview';
import type { QualityReport } from './quality';
import type { RevisionReport, RevisionSpec } from './revisions';
import type { SavedView } from './saved';
import type { CellTrail, TrailSpec } from './trail';
import type { PivotResult, PivotSpec } from './pivot';
import type { WorkspaceInfo } from './workspace';

export interface Handlers {
  'workspace/info': { args: Record<string, never>; result: WorkspaceInfo };
  'boundaries/list': { args: Record<string, never>; result: BoundarySet[] };
  'boundaries/import': { args: { path: string; options?: BoundaryImportOptions }; result: BoundaryImportResult };
  'incidents/assign-areas': { args: AssignAreasArgs; result: AssignAreasResult };
  'map/choropleth': { args: ChoroplethArgs; result: ChoroplethResult };
  'hotspots/run': { args: HotspotArgs; result: HotspotResult };
  /** Boroughs a hotspot grid can cover (those with borough or ward polygons), by name. */
  'hotspots/areas': { args: Record<string, never>; result: { code: string; name: string }[] };
  /** The areas and categories one dataset holds (the Data view's lists). */
  'datasets/contents': { args: { dataset: string }; result: DatasetContents };
  'export/pack': { args: ExportPackArgs; result: ExportPackResult };
  'export/pack-charts': { args: PackChartsArgs; result: PackChartsResult };
  'export/table': { args: ExportTableArgs; result: ExportTableResult };
  'facts/build': { args: FactsSpec; result: Findings };
  'import/files': { args: { paths: string[]; options?: ImportOptions }; result: ImportFileResult[] };
  'import/preview': { args: { path: string; sheet?: string; mapping?: ColumnMapping }; result: FilePreview };
  /** Removes an import's rows and gives back the months it had superseded to the earlier extract, in one transaction. */
  'imports/delete': { args: { importId: number }; result: DeletedImport };
  'mappings/list': { args: Record<string, never>; result: { name: string; mapping: ColumnMapping; savedAt: string }[] };
  'mappings/save': { args: { name: string; mapping: ColumnMapping }; result: { saved: true } };
  'pivot/run': { args: PivotSpec; result: PivotResult };
  'pivot/explain': { args: TrailSpec; result: CellTrail };
  'quality/check': { args: { dataset: string }; result: QualityReport };
  'revisions/report': { args: RevisionSpec; result: RevisionReport };
  'views/list': { args: Record<string, never>; result: SavedView[] };
  'views/save': { args: SavedView; result: { saved: true } };
  'views/delete': { args: { name: string }; result: { deleted: true } };
}

export type MethodName = keyof Handlers;
export type Args<K extends MethodName> = Handlers[K]['args'];
export type Result<K extends MethodName> = Handlers[K]['result'];

/** A client of the API, whatever carries the calls. */
export interface ApiClient {
  invoke<K extends MethodName>(method: K, args: Args<K>): Promise<Result<K>>;
}
