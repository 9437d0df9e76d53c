/** Things analysts save by name: pivot (and other) view states. */
export interface SavedView {
  name: string;
  kind: 'pivot' | 'assessment' | 'map';
  /** The view's own state, as the renderer stores it (for a pivot, its PivotSpec). */
  state: unknown;
  savedAt?: string;
}
