/**
 * What the Map view shows before it can draw anything: no crime data, or no boundaries to
 * draw it on, each said plainly with the way to the Import view.
 */
export function MapEmpty({
  noData,
  noBoundaries,
  onImport,
}: {
  noData: boolean;
  noBoundaries: boolean;
  onImport?(): void;
}) {
  return (
    <div className="card empty map-empty">
      {noData && (
        <p>
          <strong>No crime data yet:</strong> import the MPS ward or borough monthly files (or police.uk
          street-level CSVs) in the Import view.
        </p>
      )}
      {noBoundaries && (
        <p>
          <strong>No boundaries yet:</strong> import ward boundaries (GeoJSON or zipped shapefile) in the Import
          view, and borough boundaries for borough maps. Maps are drawn only from boundaries held in this
          workspace.
        </p>
      )}
      {onImport && (
        <button type="button" className="button button-primary" onClick={onImport}>
          Go to the Import view
        </button>
      )}
    </div>
  );
}
