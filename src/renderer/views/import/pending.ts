/**
 * Files waiting to be imported: each is previewed as soon as it arrives, and an
 * unrecognised one carries the column mapping the analyst is building for it.
 */
import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { ColumnMapping } from '../../../shared/importing';
import type { FilePreview } from '../../../shared/preview';
import { asApiError } from '../../api/errors';
import { useWorkbench } from '../../api/context';
import { boundaryFileKind, isShapefilePart, newChoice, type BoundaryChoice } from './boundary';

export interface PendingFile {
  id: number;
  name: string;
  path: string;
  preview: FilePreview | null;
  checking: boolean;
  error: ApiError | null;
  /** Set once the analyst starts mapping an unrecognised file. */
  mapping: ColumnMapping | null;
  /** The preview through the mapping: null until the mapping is complete enough to try. */
  mapped: FilePreview | null;
  datasetName: string;
  /** A boundary file: imported through boundaries/import, with no preview or mapping. */
  boundary: BoundaryChoice | null;
}

/** A mapping complete enough to ask the engine about. */
export function mappingComplete(m: ColumnMapping | null): m is ColumnMapping {
  if (!m || m.area === '' || m.area === undefined) return false;
  const category = m.category !== undefined && m.category !== '' ? true : Boolean(m.categoryValue?.trim());
  const months = m.monthsAcrossColumns
    ? true
    : m.month !== undefined && m.month !== '' && m.count !== undefined && m.count !== '';
  return category && months;
}

/** Ready to import: recognised, or mapped without a problem. */
export function isReady(f: PendingFile): boolean {
  if (f.boundary) return true;
  if (f.checking || f.error || !f.preview) return false;
  if (f.preview.format) return true;
  return Boolean(f.mapping && f.mapped && f.mapped.format === 'mapped' && !f.mapped.problem);
}

let nextId = 1;

export function usePendingFiles() {
  const { client } = useWorkbench();
  const [files, setFiles] = useState<PendingFile[]>([]);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const patch = useCallback((id: number, change: Partial<PendingFile>) => {
    setFiles((all) => all.map((f) => (f.id === id ? { ...f, ...change } : f)));
  }, []);

  const preview = useCallback(
    async (id: number, path: string, sheet?: string) => {
      patch(id, { checking: true, error: null });
      try {
        const p = await client.invoke('import/preview', sheet ? { path, sheet } : { path });
        patch(id, { preview: p, checking: false });
      } catch (err) {
        patch(id, { checking: false, error: asApiError(err) });
      }
    },
    [client, patch],
  );

  /** Adds files by path (desktop menu, or after a browser upload) and previews each. */
  const addPaths = useCallback(
    (entries: { name: string; path: string }[]) => {
      const names = entries.map((e) => e.name);
      const added = entries
        .filter((e) => !isShapefilePart(e.name, names))
        .map((e) => {
          const kind = boundaryFileKind(e.name);
          return {
            id: nextId++,
            name: e.name,
            path: e.path,
            preview: null,
            checking: kind === null,
            error: null,
            mapping: null,
            mapped: null,
            datasetName: e.name.replace(/\.[^.]+$/, ''),
            boundary: kind ? newChoice(kind) : null,
          };
        });
      setFiles((all) => [...all, ...added]);
      for (const f of added) if (!f.boundary) void preview(f.id, f.path);
    },
    [preview],
  );

  /** Browser files: uploaded first in browser mode, then previewed. */
  const addFiles = useCallback(
    async (list: File[]) => {
      // A shapefile's .dbf and .prj are read from beside its .shp: no need to hand them over on their own.
      const names = list.map((f) => f.name);
      const wanted = list.filter((f) => !isShapefilePart(f.name, names));
      if (wanted.length === 0) return;
      const paths = await client.pathsFor(wanted);
      addPaths(wanted.map((f, i) => ({ name: f.name, path: paths[i]! })));
    },
    [client, addPaths],
  );

  /** A new mapping: checked with the engine after a short pause, so typing stays smooth. */
  const setMapping = useCallback(
    (file: PendingFile, mapping: ColumnMapping) => {
      patch(file.id, { mapping, mapped: null });
      clearTimeout(timers.current.get(file.id));
      if (!mappingComplete(mapping)) return;
      timers.current.set(
        file.id,
        setTimeout(() => {
          client.invoke('import/preview', { path: file.path, mapping }).then(
            (mapped) => patch(file.id, { mapped }),
            (err) =>
              patch(file.id, {
                mapped: { ...(file.preview as FilePreview), format: null, problem: asApiError(err).message },
              }),
          );
        }, 250),
      );
    },
    [client, patch],
  );

  const remove = useCallback(
    (ids: number[]) => setFiles((all) => all.filter((f) => !ids.includes(f.id))),
    [],
  );

  return { files, addFiles, addPaths, preview, setMapping, patch, remove };
}
