/** Where files arrive: dropped from the desktop (files or folders), or chosen with the system's picker. */
import { useRef, useState, type DragEvent } from 'react';
import { IMPORTABLE } from '../../../shared/importable';
import { filesFromDrop, filesOfFolder } from './droppedFiles';

// React's typings lack the attribute that makes a file input choose a folder.
const FOLDER_INPUT = { webkitdirectory: '' } as Record<string, string>;

export function DropZone({ onFiles, disabled }: { onFiles(files: File[]): void; disabled: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  function drop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    void filesFromDrop(e.dataTransfer).then((files) => files.length > 0 && onFiles(files));
  }

  return (
    <div
      className={`drop-zone${over ? ' is-over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <p className="drop-title">Drop files or a folder here</p>
      <p className="hint">
        MPS ward or borough extracts (CSV), police.uk street-level CSVs, population tables, or any spreadsheet
        (CSV or Excel) you map yourself. Ward, borough or LSOA boundaries as GeoJSON or a zipped ESRI
        shapefile.
      </p>
      <div className="drop-actions">
        <label className="button button-primary">
          Choose files…
          <input
            ref={input}
            className="visually-hidden"
            type="file"
            multiple
            accept={IMPORTABLE.join(',')}
            disabled={disabled}
            data-testid="import-input"
            onChange={(e) => {
              onFiles([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
        </label>
        <label className="button">
          Choose a folder…
          <input
            className="visually-hidden"
            type="file"
            {...FOLDER_INPUT}
            disabled={disabled}
            data-testid="import-folder-input"
            onChange={(e) => {
              // A police.uk download: a folder of monthly folders of CSVs.
              const files = filesOfFolder([...(e.target.files ?? [])]);
              if (files.length > 0) onFiles(files);
              e.target.value = '';
            }}
          />
        </label>
      </div>
    </div>
  );
}
