/** What the desktop app remembers between runs: window size and place, the last and recent workspaces. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface AppState {
  bounds?: { x?: number; y?: number; width: number; height: number };
  maximised?: boolean;
  lastWorkspace?: string;
  recentWorkspaces: string[];
}

/**
 * The file is ours, but it sits in the user's profile: anything odd in it (hand-edited,
 * truncated, from another version) is dropped rather than handed to the window or the engine.
 */
export function loadState(file: string): AppState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { recentWorkspaces: [] };
  }
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const state: AppState = {
    recentWorkspaces: Array.isArray(r.recentWorkspaces)
      ? r.recentWorkspaces.filter(isPath).slice(0, MAX_RECENT)
      : [],
  };
  const bounds = windowBounds(r.bounds);
  if (bounds) state.bounds = bounds;
  if (typeof r.maximised === 'boolean') state.maximised = r.maximised;
  if (isPath(r.lastWorkspace)) state.lastWorkspace = r.lastWorkspace;
  return state;
}

const MAX_RECENT = 10;
/** No screen is this large; a larger figure is a damaged file. */
const MAX_PIXELS = 100_000;

const isPath = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && !v.includes('\0');
const isPixels = (v: unknown, min: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= MAX_PIXELS;

function windowBounds(v: unknown): AppState['bounds'] | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const b = v as Record<string, unknown>;
  if (!isPixels(b.width, 200) || !isPixels(b.height, 200)) return undefined;
  const place =
    isPixels(b.x, -MAX_PIXELS) && isPixels(b.y, -MAX_PIXELS) ? { x: b.x, y: b.y } : {};
  return { ...place, width: b.width, height: b.height };
}

export function saveState(file: string, state: AppState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2));
}

export function rememberWorkspace(state: AppState, path: string): AppState {
  return { ...state, lastWorkspace: path, recentWorkspaces: [path, ...state.recentWorkspaces.filter((p) => p !== path)].slice(0, MAX_RECENT) };
}
