import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { k8sOpsDeployApiRef } from '../api/K8sOpsDeployApi';

/** The jobs of a cluster, live and kept; `retry` reads them again. */
export function useJobs(cluster: string, namespace?: string) {
  const api = useApi(k8sOpsDeployApiRef);
  return useAsyncRetry(
    () => api.listJobs({ cluster, namespace }),
    [api, cluster, namespace],
  );
}
