/**
 * The workbench shell: a left-hand list of views, the workspace in use, and the view itself.
 * Views stay mounted when hidden, so an import keeps running and a pivot keeps its state
 * while the analyst looks elsewhere.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { WorkspaceInfo } from '../shared/workspace';
import type { EngineClient } from './api/client';
import { WorkbenchContext, type Workbench } from './api/context';
import { asApiError } from './api/errors';
import { ErrorNotice } from './components/ErrorNotice';
import { Sidebar, type ViewName } from './components/Sidebar';
import { useViewScroll } from './components/viewScroll';
import type { ApiError } from '../shared/errors';
import { DataView } from './views/data/DataView';
import { ImportView, type IncomingPaths } from './views/import/ImportView';
import { PivotView } from './views/pivot/PivotView';
import { AssessmentView } from './views/assessment/AssessmentView';
import { MapView } from './views/map/MapView';
import { HotspotsView } from './views/hotspots/HotspotsView';
import { RevisionsView } from './views/revisions/RevisionsView';
import { onShowQuality } from './views/data/qualityLink';
import { onShowMap } from './views/import/mapLink';

export function App({ client }: { client: EngineClient }) {
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [chosen, setView] = useState<ViewName | null>(null);
  const [incoming, setIncoming] = useState<IncomingPaths | null>(null);

  const refresh = useCallback(async () => {
    try {
      setInfo(await client.invoke('workspace/info', {}));
      setError(null);
    } catch (err) {
      setError(asApiError(err));
    }
  }, [client]);

  // Open on Pivot when there is data, on Import when there is none; after that the analyst chooses.
  useEffect(() => {
    client.invoke('workspace/info', {}).then(
      (first) => {
        setInfo(first);
        setView((v) => v ?? (first.datasets.length > 0 ? 'pivot' : 'import'));
      },
      (err) => setError(asApiError(err)),
    );
  }, [client]);

  // The desktop app's File menu: Import… hands over chosen paths; a new workspace means new facts.
  useEffect(() => {
    let seq = 0;
    return window.wardlens?.onMenu((action, payload) => {
      if (action === 'import' && Array.isArray(payload)) {
        setIncoming({ seq: ++seq, paths: payload.filter((p): p is string => typeof p === 'string') });
        setView('import');
      } else if (action === 'workspace-changed') void refresh();
    });
  }, [refresh]);

  const workbench: Workbench = useMemo(() => ({ client, info, refresh }), [client, info, refresh]);
  const view: ViewName = chosen ?? 'import';
  // Each view opens at its top the first time, and where it was left on a return.
  useViewScroll(view);
  const toImport = useCallback(() => setView('import'), []);
  // An import result's "Show the quality report": the Data view, where the panel scrolls itself into view.
  useEffect(() => onShowQuality(() => setView('data')), []);
  // A boundary import's "Open the Map view".
  useEffect(() => onShowMap(() => setView('map')), []);

  return (
    <WorkbenchContext.Provider value={workbench}>
      <div className="shell">
        <Sidebar view={view} onView={setView} info={info} mode={client.mode} />
        <main className="main" id="main">
          {error && <ErrorNotice error={error} title="Wardlens cannot reach its workspace." />}
          {!info && !error && <p className="status-line">Opening the workspace…</p>}
          {info && (
            <>
              <ViewSlot shown={view === 'import'}>
                <ImportView incoming={incoming} />
              </ViewSlot>
              <ViewSlot shown={view === 'data'}>
                <DataView onImport={toImport} />
              </ViewSlot>
              <ViewSlot shown={view === 'pivot'}>
                <PivotView active={view === 'pivot'} onImport={toImport} />
              </ViewSlot>
              <ViewSlot shown={view === 'assessment'}>
                <AssessmentView active={view === 'assessment'} onImport={toImport} />
              </ViewSlot>
              <ViewSlot shown={view === 'map'}>
                <MapView active={view === 'map'} onImport={toImport} />
              </ViewSlot>
              <ViewSlot shown={view === 'hotspots'}>
                <HotspotsView active={view === 'hotspots'} onImport={toImport} />
              </ViewSlot>
              <ViewSlot shown={view === 'revisions'}>
                <RevisionsView />
              </ViewSlot>
            </>
          )}
        </main>
      </div>
    </WorkbenchContext.Provider>
  );
}

/**
 * A view kept mounted while another is shown. It is parked with `content-visibility: hidden`,
 * not `display: none`: the browser keeps its styles and layout, so showing it again costs a
 * paint, not a fresh layout of the whole view (a pivot table, an assessment of six blocks).
 * `inert` and `aria-hidden` keep it out of reach of Tab and screen readers, as `hidden` did.
 */
function ViewSlot({ shown, children }: { shown: boolean; children: ReactNode }) {
  return (
    <div
      className={shown ? 'view-slot' : 'view-slot is-parked'}
      inert={!shown}
      aria-hidden={shown ? undefined : true}
    >
      {children}
    </div>
  );
}
