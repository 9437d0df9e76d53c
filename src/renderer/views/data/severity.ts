/** How each severity of a quality finding is shown, in the Data view and in import results alike. */
import type { QualitySeverity } from '../../../shared/quality';

export const SEVERITY: Record<QualitySeverity, { word: string; badge: string; mark: string }> = {
  warning: { word: 'Warning', badge: 'badge-bad', mark: '!' },
  note: { word: 'Note', badge: 'badge-warn', mark: 'i' },
  ok: { word: 'OK', badge: 'badge-good', mark: '✓' },
};

export const SEVERITY_ORDER: QualitySeverity[] = ['warning', 'note', 'ok'];
