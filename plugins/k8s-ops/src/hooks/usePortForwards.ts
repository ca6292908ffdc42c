import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { k8sOpsApiRef } from '../api/K8sOpsApi';

/**
 * The person's port-forwards, or everyone's (`all`, for admins); `retry`
 * reads them again, after a stop.
 */
export function usePortForwards(all: boolean) {
  const api = useApi(k8sOpsApiRef);
  return useAsyncRetry(() => api.listPortForwards({ all }), [api, all]);
}
