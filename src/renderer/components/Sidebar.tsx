/** The list of views, and which workspace is open. Real buttons, so Tab and Enter reach everything. */
import type { WorkspaceInfo } from '../../shared/workspace';
import { formatCount, plural } from '../format/numbers';

export type ViewName = 'import' | 'data' | 'pivot' | 'assessment' | 'map' | 'hotspots' | 'revisions';

const VIEWS: { name: ViewName; label: string; hint: string }[] = [
  { name: 'import', label: 'Import', hint: 'Bring in extracts and spreadsheets' },
  { name: 'data', label: 'Data', hint: 'Datasets, files and months held' },
  { name: 'pivot', label: 'Pivot', hint: 'Tables and charts by ward, month, category' },
  { name: 'assessment', label: 'Assessment', hint: 'The Strategic Assessment’s blocks' },
  { name: 'map', label: 'Map', hint: 'Ward and borough heat maps' },
  { name: 'hotspots', label: 'Hotspots', hint: 'Clusters of incidents across boundaries' },
  { name: 'revisions', label: 'Revisions', hint: 'What changed between extracts' },
];

export function Sidebar({
  view,
  onView,
  info,
  mode,
}: {
  view: ViewName;
  onView(v: ViewName): void;
  info: WorkspaceInfo | null;
  mode: 'desktop' | 'browser';
}) {
  const rows = info?.datasets.reduce((n, d) => n + d.currentRows, 0) ?? 0;
  return (
    <aside className="sidebar">
      <a className="skip-link" href="#main">
        Skip to the view
      </a>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◧
        </span>
        <span className="brand-name">Wardlens</span>
      </div>
      <nav aria-label="Views">
        <ul className="nav-list">
          {VIEWS.map((v) => (
            <li key={v.name}>
              <button
                type="button"
                className="nav-button"
                aria-current={view === v.name ? 'page' : undefined}
                onClick={() => onView(v.name)}
              >
                <span className="nav-label">{v.label}</span>
                <span className="nav-hint">{v.hint}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="workspace" aria-label="Workspace">
        <div className="workspace-title">Workspace</div>
        {info ? (
          <>
            <div className="workspace-path" title={info.path}>
              {info.path}
            </div>
            <div className="workspace-stats">
              {/* Figures, as the Data view counts them: not the files' rows, which hold a month per column. */}
              {plural(info.datasets.length, 'dataset')} · {formatCount(rows)} figures
            </div>
          </>
        ) : (
          <div className="workspace-path">Opening…</div>
        )}
        <div className="workspace-mode">
          {mode === 'browser' ? 'Browser mode · this computer only' : 'Offline · nothing is sent anywhere'}
        </div>
      </div>
    </aside>
  );
}
