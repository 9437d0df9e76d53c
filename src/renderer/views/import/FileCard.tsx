/** One file waiting to be imported: what Wardlens makes of it, its first rows, and the mapping step if needed. */
import type { ApiError } from '../../../shared/errors';
import type { ColumnMapping } from '../../../shared/importing';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PreviewTable } from '../../components/PreviewTable';
import { FORMAT_LABELS } from './formats';
import { MappingForm } from './MappingForm';
import type { PendingFile } from './pending';
import { BoundaryFields } from './BoundaryFields';
import type { BoundaryChoice } from './boundary';

interface Props {
  file: PendingFile;
  busy: boolean;
  onRemove(): void;
  onMapping(m: ColumnMapping): void;
  onSheet(sheet: string): void;
  onDatasetName(name: string): void;
  onBoundary(choice: BoundaryChoice): void;
}

export function FileCard({ file, busy, onRemove, onMapping, onSheet, onDatasetName, onBoundary }: Props) {
  const p = file.preview;
  const headerRow = file.mapping?.headerRow ?? p?.headerRow ?? 1;
  return (
    <article className="card file-card" aria-label={file.name}>
      <header className="card-header">
        <h3>{file.name}</h3>
        <Status file={file} />
        <button
          type="button"
          className="link-button"
          onClick={onRemove}
          disabled={busy}
          aria-label={`Remove ${file.name} from the list`}
        >
          Remove
        </button>
      </header>
      {file.error &&
        (file.error.code === 'unreadable-file' ? (
          <Refused error={file.error} />
        ) : (
          <ErrorNotice error={file.error} title="Wardlens could not read this file." />
        ))}
      {file.boundary && <BoundaryFields choice={file.boundary} busy={busy} onChange={onBoundary} />}
      {p && (
        <>
          {p.format && (
            <dl className="facts">
              <dt>Format</dt>
              <dd>{FORMAT_LABELS[p.format]}</dd>
              <dt>Dataset</dt>
              <dd>{p.dataset}</dd>
              {p.sheet && (
                <>
                  <dt>Sheet</dt>
                  <dd>{p.sheet}</dd>
                </>
              )}
              <dt>Header row</dt>
              <dd>{p.headerRow}</dd>
            </dl>
          )}
          {!p.format && p.problem && <p className="hint">{p.problem}</p>}
          <PreviewTable preview={p} headerRow={headerRow} />
          {!p.format && (
            <MappingForm file={file} onMapping={onMapping} onSheet={onSheet} onDatasetName={onDatasetName} />
          )}
        </>
      )}
    </article>
  );
}

/** A kind of file no importer reads: said at once, with what Wardlens does read; no mapping is offered. */
function Refused({ error }: { error: ApiError }) {
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">Wardlens cannot import this kind of file.</p>
      <p>{error.message}</p>
    </div>
  );
}

function Status({ file }: { file: PendingFile }) {
  if (file.boundary) return <span className="badge badge-good">Boundary file</span>;
  if (file.checking) return <span className="badge">Reading…</span>;
  if (file.error) return <span className="badge badge-bad">Cannot read</span>;
  if (file.preview?.format) return <span className="badge badge-good">Recognised</span>;
  if (file.mapped && !file.mapped.problem) return <span className="badge badge-good">Mapped</span>;
  return <span className="badge badge-warn">Needs a mapping</span>;
}
