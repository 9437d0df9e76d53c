/** What the desktop app remembers between runs: window size and place, the last and recent workspaces. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface AppState {
  bounds?: { x?: number; y?: number; width: number; height: number };
  maximised?: boolean;
  lastWorkspace?: string;
  recentWorkspaces: string[];
}

export function loadState(file: string): AppState {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as AppState;
    return { ...state, recentWorkspaces: Array.isArray(state.recentWorkspaces) ? state.recentWorkspaces.slice(0, 10) : [] };
  } catch {
    return { recentWorkspaces: [] };
  }
}

export function saveState(file: string, state: AppState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2));
}

export function rememberWorkspace(state: AppState, path: string): AppState {
  return { ...state, lastWorkspace: path, recentWorkspaces: [path, ...state.recentWorkspaces.filter((p) => p !== path)].slice(0, 10) };
}
