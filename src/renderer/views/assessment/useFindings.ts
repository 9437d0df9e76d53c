/** Builds the assessment's findings whenever the question changes; the newest answer wins. */
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { FactsSpec, Findings } from '../../../shared/findings';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';
import { categoryChoices, type CategoryChoices } from './choices';

interface Answer {
  spec: FactsSpec;
  generation: unknown;
  findings: Findings | null;
  error: ApiError | null;
}

export function useFindings(spec: FactsSpec | null, generation: unknown) {
  const { client } = useWorkbench();
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    if (!spec) return;
    let stale = false;
    const controller = new AbortController();
    client.invoke('facts/build', spec, { signal: controller.signal }).then(
      (findings) => !stale && setAnswer({ spec, generation, findings, error: null }),
      (err) => !stale && setAnswer({ spec, generation, findings: null, error: asApiError(err) }),
    );
    return () => {
      stale = true;
      controller.abort();
    };
  }, [client, spec, generation]);

  const current = answer !== null && answer.spec === spec && answer.generation === generation;
  return {
    findings: spec && answer ? answer.findings : null,
    error: current ? answer.error : null,
    loading: spec !== null && !current,
  };
}

/** The boroughs a dataset holds (names as the engine spells them), asked of the pivot once per dataset. */
export function useBoroughs(dataset: string | null, generation: unknown): string[] {
  const { client } = useWorkbench();
  const [boroughs, setBoroughs] = useState<{ key: string | null; names: string[] }>({ key: null, names: [] });
  useEffect(() => {
    if (!dataset) return;
    let stale = false;
    client.invoke('pivot/run', { dataset, rows: ['borough'], columns: [] }).then(
      (r) => {
        if (stale) return;
        // London's 32 boroughs carry ONS codes (E09…); "Heathrow and the airports" and the like do not.
        const coded = r.rows.filter((h) => /^E09/.test(h.keys[0] ?? ''));
        const rows = coded.length ? coded : r.rows;
        const names = rows.map((h) => h.labels[0] ?? h.keys[0] ?? '').filter(Boolean);
        setBoroughs({ key: dataset, names: names.sort((a, b) => a.localeCompare(b, 'en-GB')) });
      },
      () => !stale && setBoroughs({ key: dataset, names: [] }),
    );
    return () => {
      stale = true;
    };
  }, [client, dataset, generation]);
  return boroughs.key === dataset ? boroughs.names : [];
}

/** The crime types a dataset itself holds, asked of the pivot once per dataset (null until known). */
export function useCategoryChoices(dataset: string | null, generation: unknown): CategoryChoices | null {
  const { client } = useWorkbench();
  const [answer, setAnswer] = useState<{ key: string | null; choices: CategoryChoices | null }>({
    key: null,
    choices: null,
  });
  useEffect(() => {
    if (!dataset) return;
    let stale = false;
    client.invoke('pivot/run', { dataset, rows: ['major', 'category'], columns: [] }).then(
      (r) => !stale && setAnswer({ key: dataset, choices: categoryChoices(r) }),
      () => !stale && setAnswer({ key: dataset, choices: { majors: [], minors: [] } }),
    );
    return () => {
      stale = true;
    };
  }, [client, dataset, generation]);
  return answer.key === dataset ? answer.choices : null;
}
