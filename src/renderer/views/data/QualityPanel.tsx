/**
 * The data-quality report for one dataset: each finding with how serious it is, what it means
 * for the figures and what the analyst can do — the "health warning" readers asked for.
 * Checks that found nothing are listed in one line, so the findings that matter stand out.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { QualityFinding, QualityReport } from '../../../shared/quality';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatWhen } from '../../format/months';
import { plural } from '../../format/numbers';
import { onShowQuality } from './qualityLink';
import { cellText, heading } from './qualityTable';
import { SEVERITY, SEVERITY_ORDER } from './severity';

const MAX_ITEMS = 200; // the table scrolls; the engine caps its longest lists

/** Findings quote commands between backticks (the CLI prints them so): shown here as code. */
function Text({ children }: { children: string }) {
  const parts = children.split(/`([^`]+)`/);
  return <>{parts.map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}</>;
}

function Figures({ f }: { f: QualityFinding }) {
  const columns = [...new Set(f.items.flatMap((i) => Object.keys(i)))];
  return (
    <details>
      <summary>The figures ({plural(f.items.length, 'row')})</summary>
      <div className="quality-figures">
        <table className="compact-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {heading(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {f.items.slice(0, MAX_ITEMS).map((item, n) => (
              <tr key={n}>
                {columns.map((c) => (
                  <td key={c} className={typeof item[c] === 'number' ? 'num' : undefined}>
                    {cellText(item[c], c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {f.items.length > MAX_ITEMS && (
        <p className="hint">
          The first {MAX_ITEMS} of {plural(f.items.length, 'row')}; <code>wardlens check --json</code> lists
          them all.
        </p>
      )}
    </details>
  );
}

function Finding({ f }: { f: QualityFinding }) {
  const s = SEVERITY[f.severity];
  return (
    <li className={`quality-finding quality-${f.severity}`}>
      <p className="quality-title">
        <span className={`badge ${s.badge}`}>
          <span aria-hidden="true">{s.mark} </span>
          {s.word}
        </span>{' '}
        <strong>{f.title}</strong>
      </p>
      <p>
        <Text>{f.detail}</Text>
      </p>
      <dl className="quality-advice">
        <dt>What it means</dt>
        <dd>
          <Text>{f.meaning}</Text>
        </dd>
        <dt>What to do</dt>
        <dd>
          <Text>{f.action}</Text>
        </dd>
      </dl>
      {f.items.length > 0 && <Figures f={f} />}
    </li>
  );
}

function Clear({ findings }: { findings: QualityFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <div className="quality-clear">
      <span className="badge badge-good">
        <span aria-hidden="true">✓ </span>Clear
      </span>
      <ul>
        {findings.map((f) => (
          <li key={f.check} title={f.detail}>
            {f.title}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Runs the check when the dataset changes, or when asked again; `generation` changes with every import. */
function useQualityReport(dataset: string, generation: unknown) {
  const { client } = useWorkbench();
  const [again, setAgain] = useState(0);
  const asked = `${dataset}|${String(generation)}|${again}`;
  const [answer, setAnswer] = useState<{
    asked: string;
    report: QualityReport | null;
    error: ApiError | null;
  } | null>(null);
  useEffect(() => {
    let stale = false;
    client.invoke('quality/check', { dataset }).then(
      (report) => !stale && setAnswer({ asked, report, error: null }),
      (err) => !stale && setAnswer({ asked, report: null, error: asApiError(err) }),
    );
    return () => {
      stale = true;
    };
  }, [client, dataset, asked]);
  // The last report stays on screen while a new check runs.
  return { answer, checking: answer?.asked !== asked, checkAgain: () => setAgain((n) => n + 1) };
}

export function QualityPanel({ dataset, generation }: { dataset: string; generation: unknown }) {
  const { answer, checking, checkAgain } = useQualityReport(dataset, generation);
  const panel = useRef<HTMLElement>(null);
  const [shown, setShown] = useState(false);

  // "Show the quality report" from an import result: bring this panel into view once the Data view is showing.
  useEffect(
    () =>
      onShowQuality((key) => {
        if (key !== dataset) return;
        setShown(true);
        // Frame by frame until the panel is drawn: the Data view shows its cards a frame after
        // it opens (see useFramesShown), and a panel not yet drawn can take no focus.
        const bringIntoView = (frames: number) =>
          requestAnimationFrame(() => {
            const el = panel.current;
            if (!el) return;
            if (frames < 2 || (!el.checkVisibility({ contentVisibilityAuto: true }) && frames < 60))
              return void bringIntoView(frames + 1);
            el.scrollIntoView({ block: 'start' });
            el.focus({ preventScroll: true });
          });
        bringIntoView(1);
      }),
    [dataset],
  );

  const report = answer?.report;
  const findings = report
    ? [...report.findings].sort(
        (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
      )
    : [];
  const count = (severity: QualityFinding['severity']) =>
    findings.filter((f) => f.severity === severity).length;
  return (
    <section
      ref={panel}
      tabIndex={-1}
      className={`quality-panel${shown ? ' is-shown' : ''}`}
      aria-label="Data quality"
      data-dataset={dataset}
    >
      <div className="quality-header">
        <h3>Data quality</h3>
        {report && (
          <span className="muted">
            {plural(count('warning'), 'warning')}, {plural(count('note'), 'note')} · checked{' '}
            {formatWhen(report.checkedAt)}
          </span>
        )}
        <button type="button" className="button button-small" onClick={checkAgain} disabled={checking}>
          {checking && answer ? 'Checking…' : 'Check again'}
        </button>
      </div>
      {!answer && <p className="status-line">Checking the data…</p>}
      {answer?.error && <ErrorNotice error={answer.error} title="The data could not be checked." />}
      {report && (
        <>
          <ul className="quality-list">
            {findings
              .filter((f) => f.severity !== 'ok')
              .map((f) => (
                <Finding key={f.check} f={f} />
              ))}
          </ul>
          <Clear findings={findings.filter((f) => f.severity === 'ok')} />
        </>
      )}
    </section>
  );
}
