/** Compares two extracts whenever the question changes; the newest answer wins. */
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { RevisionReport, RevisionSpec } from '../../../shared/revisions';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';

interface Answer {
  question: string;
  report: RevisionReport | null;
  error: ApiError | null;
}

export function useRevisionReport(spec: RevisionSpec | null) {
  const { client, info } = useWorkbench();
  // The question as text: a new comparison only when it really changes (or the workspace does).
  const question = spec ? JSON.stringify(spec) : null;
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    if (!question) return;
    let stale = false;
    const controller = new AbortController();
    client.invoke('revisions/report', JSON.parse(question) as RevisionSpec, { signal: controller.signal }).then(
      (report) => !stale && setAnswer({ question, report, error: null }),
      (err) => !stale && setAnswer({ question, report: null, error: asApiError(err) }),
    );
    return () => {
      stale = true;
      controller.abort();
    };
  }, [client, question, info]);
  const current = answer !== null && answer.question === question;
  return {
    report: current ? answer.report : null,
    error: current ? answer.error : null,
    loading: question !== null && !current,
  };
}
