import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { k8sOpsApiRef } from '../api/K8sOpsApi';

/**
 * Every cluster the person may see, with its last health check; `retry`
 * reads them again, after a change or a check.
 */
export function useClusters() {
  const api = useApi(k8sOpsApiRef);
  return useAsyncRetry(async () => (await api.listClusters()).items, [api]);
}
