/** What the Revisions view says when no dataset has two extracts sharing a month. */
import type { WorkspaceInfo } from '../../../shared/workspace';
import { plural } from '../../format/numbers';
import { extractSpans, extractsOf, separateExtracts } from './revisable';

export function NoRevisions({ info }: { info: WorkspaceInfo }) {
  const separate = separateExtracts(info);
  if (separate.length === 0) {
    return (
      <div className="card empty">
        <p>No dataset has two extracts yet. Import a newer extract of the same series to see its revisions.</p>
      </div>
    );
  }
  return (
    <div className="card empty">
      <p>
        No dataset has two extracts that share a month, so no figure has been revised yet. Revisions show
        once a newer extract repeats months an older one held.
      </p>
      <ul className="revision-separate">
        {separate.map((d) => (
          <li key={d.key}>
            <strong>{d.name}</strong>: {plural(d.imports, 'extract')}. The extracts of this dataset cover
            different months ({extractSpans(extractsOf(info, d))}).
          </li>
        ))}
      </ul>
    </div>
  );
}
