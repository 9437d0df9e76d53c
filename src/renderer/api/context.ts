/** The engine client and the workspace summary, for any view that needs them. */
import { createContext, useContext } from 'react';
import type { WorkspaceInfo } from '../../shared/workspace';
import type { EngineClient } from './client';

export interface Workbench {
  client: EngineClient;
  info: WorkspaceInfo | null;
  /** Asks the engine again (after an import, say). */
  refresh(): Promise<void>;
}

export const WorkbenchContext = createContext<Workbench | null>(null);

export function useWorkbench(): Workbench {
  const wb = useContext(WorkbenchContext);
  if (!wb) throw new Error('useWorkbench outside <WorkbenchContext>');
  return wb;
}
