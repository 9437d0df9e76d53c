/**
 * A heat map's question and answer, for every view that draws one (the Map view, the
 * Assessment's ward map): the engine is asked whenever the question or the data changes, an
 * answer to an earlier question is dropped (and its request cancelled), and a click on an
 * area opens that area's figures as a drill-down, kept answers and all.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { ChoroplethResult } from '../../../shared/geo';
import type { PivotSpec } from '../../../shared/pivot';
import type { DatasetSummary } from '../../../shared/workspace';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';
import type { ChartClick } from '../../charts/PlotlyChart';
import type { Drill } from '../pivot/drill';
import { keptAnswers, type PivotOptions } from '../pivot/usePivot';
import { areaDrill } from './areaDrill';

export interface ChoroplethAnswer {
  question: string;
  map: ChoroplethResult | null;
  error: ApiError | null;
}

/** An area opened from the map: what AreaDetail needs to show it. */
export interface OpenedArea {
  drill: Drill;
  /** Answers kept across this map's drill-downs: going back to an area already seen is instant. */
  kept: NonNullable<PivotOptions['kept']>;
  close(): void;
}

/**
 * Area figures are small (the period's months by category), so more are kept than the Pivot
 * view keeps of its large tables: enough to click round a borough's wards and back.
 */
const KEPT_DRILLS = 12;

export function useChoropleth(spec: PivotSpec | null, dataset: DatasetSummary | null, active: boolean) {
  const { client, info } = useWorkbench();
  // The question as text: a new map only when it changes, not each time the caller builds it anew.
  const question = spec ? JSON.stringify(spec) : null;
  const [last, setLast] = useState<ChoroplethAnswer | null>(null);
  useEffect(() => {
    if (!question || !active) return;
    let stale = false;
    // A newer question makes this one stale: the engine drops it if it has not started yet.
    const controller = new AbortController();
    // Outlines simplified for the screen (within half a pixel): the same map, fewer points to draw.
    const args = { pivot: JSON.parse(question) as PivotSpec, detail: 'screen' as const };
    client.invoke('map/choropleth', args, { signal: controller.signal }).then(
      (map) => !stale && setLast({ question, map, error: null }),
      (err) => !stale && setLast({ question, map: null, error: asApiError(err) }),
    );
    return () => {
      stale = true;
      controller.abort();
    };
    // `info` changes when an import changes the data: the same question is asked again.
  }, [client, question, active, info]);

  const current = last !== null && last.question === question;
  // Codes to names of the areas drawn, for the drill's titles.
  const names = useMemo(
    () => new Map((last?.map?.features.features ?? []).map((f) => [f.properties.code, f.properties.name])),
    [last],
  );

  // The area clicked, with the question it belongs to: a new question closes it.
  const [clicked, setClicked] = useState<{ question: string | null; drill: Drill | null }>({
    question: null,
    drill: null,
  });
  const [kept] = useState(() => ({ current: keptAnswers(KEPT_DRILLS) }));
  const drill = clicked.question === question ? clicked.drill : null;
  const openArea = (click: ChartClick) => {
    // Only an area of the map that answers the question now (an outline drawn over it, such
    // as the borough's, is no area of the map).
    const area = current
      ? last.map?.features.features.find((f) => f.properties.code === click.location)
      : undefined;
    if (!spec || !dataset || !area) return;
    setClicked({
      question,
      drill: areaDrill(spec, { code: area.properties.code, name: area.properties.name }, dataset),
    });
  };
  const opened: OpenedArea | null = drill && {
    drill,
    kept,
    close: () => setClicked({ question, drill: null }),
  };

  return {
    /** The answer to the question asked now; null while it is on its way. */
    map: current ? last.map : null,
    error: current ? last.error : null,
    /** The latest answer, to whichever question: what a view keeps on screen while the next comes. */
    last,
    loading: question !== null && !current,
    names,
    openArea,
    opened,
  };
}
