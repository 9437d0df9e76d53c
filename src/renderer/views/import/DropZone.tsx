/** Where files arrive: dropped from the desktop, or chosen with the system's file picker. */
import { useRef, useState, type DragEvent } from 'react';

export function DropZone({ onFiles, disabled }: { onFiles(files: File[]): void; disabled: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  function drop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    if (!disabled) onFiles([...e.dataTransfer.files]);
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
      <p className="drop-title">Drop files here</p>
      <p className="hint">
        MPS ward or borough extracts (CSV), police.uk street-level CSVs, population tables, or any spreadsheet
        (CSV or Excel) you map yourself. Ward, borough or LSOA boundaries as GeoJSON or a zipped ESRI
        shapefile.
      </p>
      <label className="button button-primary">
        Choose files…
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          multiple
          accept=".csv,.xlsx,.xlsm,.txt,.zip,.geojson,.json,.shp,.dbf,.prj,.cpg"
          disabled={disabled}
          data-testid="import-input"
          onChange={(e) => {
            onFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </label>
    </div>
  );
}
