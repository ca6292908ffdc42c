import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { k8sOpsDeployApiRef } from '../api/K8sOpsDeployApi';

/** The deploy history, newest first; `retry` reads it again. */
export function useDeploys(query: {
  cluster?: string;
  namespace?: string;
  service?: string;
}) {
  const api = useApi(k8sOpsDeployApiRef);
  const { cluster, namespace, service } = query;
  return useAsyncRetry(
    () => api.listDeploys({ cluster, namespace, service }),
    [api, cluster, namespace, service],
  );
}
