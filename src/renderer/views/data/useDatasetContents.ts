/** The areas and categories a dataset holds (datasets/contents), asked again when the dataset changes. */
import { useEffect, useState } from 'react';
import type { DatasetContents } from '../../../shared/datasetContents';
import type { ApiError } from '../../../shared/errors';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';

export function useDatasetContents(dataset: string, generation: string): { contents: DatasetContents | null; error: ApiError | null } {
  const { client } = useWorkbench();
  const [state, setState] = useState<{ contents: DatasetContents | null; error: ApiError | null }>({ contents: null, error: null });
  useEffect(() => {
    let live = true;
    client
      .invoke('datasets/contents', { dataset })
      .then((contents) => live && setState({ contents, error: null }))
      .catch((err) => live && setState({ contents: null, error: asApiError(err) }));
    return () => {
      live = false;
    };
  }, [client, dataset, generation]);
  return state;
}
