/**
 * What a boundary import did, in plain words: features read, polygons stored at which level
 * and for which ward set, codes that matched no area (listed, with their feature numbers),
 * areas still without a polygon, the engine's warnings, and the way to the Map view. A refused
 * file shows the engine's own words, with the file and the feature, and says nothing changed.
 */
import type { ApiError } from '../../../shared/errors';
import type { BoundaryImportResult } from '../../../shared/geo';
import { formatCount, plural } from '../../format/numbers';
import { askedFor, LEVEL_WORDS } from './boundary';
import { showMap } from './mapLink';
import type { BoundaryOutcome } from './run';

const capital = (word: string) => word[0]!.toUpperCase() + word.slice(1);

/** Enough to find them in QGIS; the rest are counted. */
const LISTED = 200;

export function BoundaryResults({ outcomes }: { outcomes: BoundaryOutcome[] }) {
  if (outcomes.length === 0) return null;
  return (
    <section className="results" aria-labelledby="boundary-results-title">
      <h2 id="boundary-results-title" tabIndex={-1}>
        Boundary results
      </h2>
      {outcomes.map((o, i) => (
        <article
          key={`${o.file}-${i}`}
          className={`card result-card result-${o.result ? o.result.status : 'failed'}`}
          aria-label={`Boundary result for ${o.file}`}
        >
          <header className="card-header">
            <h3>{o.file}</h3>
            <span className={`badge ${o.result ? 'badge-good' : 'badge-bad'}`}>
              {o.result
                ? o.result.status === 'imported'
                  ? 'Boundaries stored'
                  : 'Already imported'
                : 'Not imported'}
            </span>
          </header>
          {o.result ? <Stored r={o.result} /> : <Refused error={o.error!} />}
        </article>
      ))}
    </section>
  );
}

function Stored({ r }: { r: BoundaryImportResult }) {
  const level = LEVEL_WORDS[r.set.kind];
  if (r.status === 'already-imported') {
    return (
      <p className="result-summary">
        {r.warnings[0] ?? 'This file was already imported; nothing was changed.'}
      </p>
    );
  }
  return (
    <>
      <p className="result-summary">
        {plural(r.features, 'feature')} read ({r.set.sourceCrs});{' '}
        {plural(r.areasLinked, `${level.one} polygon`)} stored
        {r.set.vintage ? ` as the ${r.set.vintage} ${r.set.kind === 'ward' ? 'ward set' : 'set'}` : ''}.
        {r.areasAdded > 0 && ` ${plural(r.areasAdded, `new ${level.one}`, `new ${level.many}`)} added.`}
      </p>
      <dl className="facts">
        <dt>Level</dt>
        <dd>{capital(level.many)}</dd>
        <dt>Ward set</dt>
        <dd>{r.set.vintage ?? (r.set.kind === 'ward' ? 'not known' : 'does not apply')}</dd>
        <dt>Codes from</dt>
        <dd>
          “{r.codeProperty}”{r.nameProperty && `, names from “${r.nameProperty}”`}
        </dd>
        <dt>Codes matching no area</dt>
        <dd data-testid="unmatched-count">{formatCount(r.unmatchedCodes.length)}</dd>
        <dt>{capital(level.many)} with no polygon</dt>
        <dd data-testid="without-polygon-count">{formatCount(r.areasWithoutPolygon.length)}</dd>
      </dl>
      {r.unmatchedCodes.length > 0 && <Unmatched r={r} />}
      {r.areasWithoutPolygon.length > 0 && (
        <details className="result-line">
          <summary>
            {plural(r.areasWithoutPolygon.length, level.one, level.many)} of these boroughs still have no
            polygon (not drawn on the map)
          </summary>
          <p>{r.areasWithoutPolygon.map((a) => `${a.name} (${a.code})`).join(', ')}</p>
        </details>
      )}
      {r.warnings.length > 0 && (
        <ul className="warnings">
          {r.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <p className="result-line">
        <button type="button" className="button" onClick={showMap}>
          Open the Map view
        </button>{' '}
        <span className="hint">The heat maps draw on these {level.many} from now on.</span>
      </p>
    </>
  );
}

function Unmatched({ r }: { r: BoundaryImportResult }) {
  const shown = r.unmatchedCodes.slice(0, LISTED);
  return (
    <div className="result-line">
      <strong>Codes that match no {LEVEL_WORDS[r.set.kind].one} of this workspace</strong> (left out, never
      guessed):
      <div className="boundary-unmatched">
        <table className="compact-table" aria-label="Codes that match no area">
          <thead>
            <tr>
              <th scope="col" className="num">
                Feature
              </th>
              <th scope="col">Code</th>
              <th scope="col">Name in the file</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={`${u.feature}-${u.code}`}>
                <td className="num">{formatCount(u.feature)}</td>
                <td>{u.code}</td>
                <td>{u.name ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.unmatchedCodes.length > LISTED && (
        <p className="hint">… and {formatCount(r.unmatchedCodes.length - LISTED)} more.</p>
      )}
    </div>
  );
}

/** The engine's words (they name the file and the feature), then where, then what to do. */
function Refused({ error }: { error: ApiError }) {
  const d = error.details;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">The boundaries were not imported; the workspace is unchanged.</p>
      <p>{error.message}</p>
      {(d?.file || d?.row !== undefined) && (
        <dl className="error-where">
          {d.file && (
            <>
              <dt>File</dt>
              <dd>{d.file}</dd>
            </>
          )}
          {d.row !== undefined && (
            <>
              <dt>Feature</dt>
              <dd>{formatCount(d.row)}</dd>
            </>
          )}
          {d.column && (
            <>
              <dt>Part</dt>
              <dd>{d.column}</dd>
            </>
          )}
        </dl>
      )}
      <p className="notice-hint">
        What to do:{' '}
        {askedFor(error)
          ? 'make the choice the message asks for in the file’s card above, and import it again.'
          : 'mend the file (in QGIS: Vector ▸ Geometry Tools ▸ Check Validity, then Fix Geometries) and drop it again.'}
      </p>
    </div>
  );
}
