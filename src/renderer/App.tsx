import { useEffect, useState } from 'react';
import type { WorkspaceInfo } from '../shared/workspace';
import type { EngineClient } from './api/client';

export function App({ client }: { client: EngineClient }) {
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.invoke('workspace/info', {}).then(setInfo, (e: Error) => setError(e.message));
  }, [client]);
  return (
    <main className="app">
      <h1>Wardlens</h1>
      {error && <p role="alert">{error}</p>}
      {info && <p>{info.datasets.length.toLocaleString('en-GB')} datasets in {info.path}</p>}
    </main>
  );
}
