/**
 * Import: files in (dropped, chosen, or from the desktop app's File ▸ Import…), a look at
 * each, a mapping step for the unrecognised, then the import with live progress, Cancel,
 * and the result in plain words.
 */
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import { ViewHeader } from '../../components/ViewHeader';
import { asApiError } from '../../api/errors';
import type { ApiError } from '../../../shared/errors';
import { counted } from '../../../shared/counted';
import { formatCount } from '../../format/numbers';
import { DropZone } from './DropZone';
import { FileCard } from './FileCard';
import { ImportResults } from './ImportResults';
import { BoundaryResults } from './BoundaryResult';
import { askedFor } from './boundary';
import { isReady, usePendingFiles, type PendingFile } from './pending';
import { useImportRun } from './run';

/** Paths sent by the desktop menu, with a sequence number so the same paths twice still arrive. */
export interface IncomingPaths {
  seq: number;
  paths: string[];
}

// Memoised: switching views re-renders the shell, not this view.
export const ImportView = memo(function ImportView({ incoming }: { incoming: IncomingPaths | null }) {
  const pending = usePendingFiles();
  const { files, addFiles, addPaths, remove } = pending;
  const [uploadError, setUploadError] = useState<ApiError | null>(null);
  const { patch } = pending;
  const onDone = useCallback(
    (imported: PendingFile[], refused: { file: PendingFile; error: ApiError }[]) => {
      remove(imported.map((f) => f.id));
      // A refused boundary file stays, with the choice the engine asked for pointed out.
      for (const { file, error } of refused) {
        if (file.boundary) patch(file.id, { boundary: { ...file.boundary, asked: askedFor(error) } });
      }
    },
    [remove, patch],
  );
  const run = useImportRun(onDone);
  const busy = run.state.running;
  const cancelRef = useKeptInView(busy);

  useEffect(() => {
    if (incoming) addPaths(incoming.paths.map((p) => ({ name: p.split(/[\\/]/).pop() ?? p, path: p })));
  }, [incoming, addPaths]);

  const ready = files.filter(isReady);
  const waiting = files.length - ready.length;

  function choose(list: File[]) {
    setUploadError(null);
    run.clear();
    addFiles(list).catch((err) => setUploadError(asApiError(err)));
  }

  return (
    <section className="view" aria-labelledby="view-title-import">
      <ViewHeader id="view-title-import" title="Import">
        Bring in last month’s extract, or any partner spreadsheet. Nothing leaves this computer.
      </ViewHeader>
      <DropZone onFiles={choose} disabled={busy} />
      {uploadError && <ErrorNotice error={uploadError} title="The files could not be read." />}
      {/* Above the file list: with 24 files listed, progress and Cancel still show without scrolling. */}
      {busy && (
        <div className="card progress-card">
          <ProgressBar label={progressLabel(run.state)} percent={run.state.progress?.percent ?? null} />
          <button type="button" className="button" onClick={run.cancel} ref={cancelRef}>
            Cancel
          </button>
        </div>
      )}

      {files.length > 0 && (
        <section aria-label="Files to import" className="file-list">
          {files.map((f) => (
            <FileCard
              key={f.id}
              file={f}
              busy={busy}
              onRemove={() => remove([f.id])}
              onMapping={(m) => pending.setMapping(f, m)}
              onSheet={(sheet) => void pending.preview(f.id, f.path, sheet)}
              onDatasetName={(name) => pending.patch(f.id, { datasetName: name })}
              onBoundary={(boundary) => pending.patch(f.id, { boundary })}
            />
          ))}
        </section>
      )}

      {files.length > 0 && (
        <div className="action-bar">
          <button
            type="button"
            className="button button-primary"
            disabled={busy || ready.length === 0}
            aria-describedby={waiting > 0 ? 'import-waiting' : undefined}
            onClick={() => void run.start(ready)}
          >
            {importLabel(ready.length, files.length)}
          </button>
          {waiting > 0 && !busy && (
            <span className="hint" id="import-waiting">
              {waitingText(waiting, ready.length)}
            </span>
          )}
        </div>
      )}

      {run.state.failure && (
        <ErrorNotice
          error={run.state.failure}
          title={run.state.failure.code === 'cancelled' ? 'Import cancelled' : 'The import stopped.'}
        />
      )}
      {!busy && <ImportResults results={run.state.results} />}
      {!busy && <BoundaryResults outcomes={run.state.boundaries} />}
    </section>
  );
});

/**
 * The Import button sits at the foot of the file list and the progress card above it, so once an
 * import starts the card is brought into view with the focus on its Cancel (the button, now
 * disabled, would drop the focus to the page); when it ends, the focus goes to the results.
 */
function useKeptInView(busy: boolean) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const wasBusy = useRef(false);
  useEffect(() => {
    if (busy && !wasBusy.current) {
      cancelRef.current?.scrollIntoView({ block: 'center' });
      cancelRef.current?.focus({ preventScroll: true });
    } else if (!busy && wasBusy.current) {
      const heading =
        document.getElementById('results-title') ?? document.getElementById('boundary-results-title');
      heading?.scrollIntoView({ block: 'start' });
      heading?.focus({ preventScroll: true });
    }
    wasBusy.current = busy;
  }, [busy]);
  return cancelRef;
}

/** "Import 3 files", "Import the 2 ready files"; with none ready, plain "Import" (disabled, the hint says why). */
function importLabel(ready: number, all: number): string {
  if (ready === 0) return 'Import';
  return ready === all ? `Import ${counted(all, 'file')}` : `Import the ${counted(ready, 'ready file')}`;
}

function waitingText(waiting: number, ready: number): string {
  const verb = waiting === 1 ? 'still needs' : 'still need';
  const what = `${counted(waiting, 'file')} ${verb} a mapping or could not be read`;
  return ready === 0 ? `Nothing to import yet: ${what}.` : `${what}; the others can be imported now.`;
}

function progressLabel(s: ReturnType<typeof useImportRun>['state']): string {
  const step = s.steps > 1 ? ` (step ${s.step} of ${s.steps})` : '';
  if (s.current) return `Importing the boundaries in ${s.current}${step}: reading and storing the polygons…`;
  if (!s.progress) return `Starting the import${step}…`;
  const pct = s.progress.percent === null ? '' : `, ${Math.round(s.progress.percent)}%`;
  return `Importing ${s.progress.file}${step}: ${formatCount(s.progress.rows)} rows read${pct}`;
}
