/** Runs the hotspot analysis whenever the question changes; the newest answer wins, older runs are cancelled. */
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { HotspotArgs, HotspotResult } from '../../../shared/geo';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';

interface Answer {
  question: string;
  result: HotspotResult | null;
  error: ApiError | null;
}

export function useHotspots(args: HotspotArgs | null, active: boolean) {
  const { client, info } = useWorkbench();
  // The question as text: a new run only when it really changes.
  const question = args ? JSON.stringify(args) : null;
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    if (!question || !active) return;
    let stale = false;
    const controller = new AbortController();
    client.invoke('hotspots/run', JSON.parse(question) as HotspotArgs, { signal: controller.signal }).then(
      (result) => !stale && setAnswer({ question, result, error: null }),
      (err) => !stale && setAnswer({ question, result: null, error: asApiError(err) }),
    );
    return () => {
      stale = true;
      controller.abort();
    };
  }, [client, question, active, info]);
  const current = answer !== null && answer.question === question;
  return {
    result: answer?.result ?? null,
    error: current ? answer.error : null,
    loading: question !== null && !current,
  };
}
