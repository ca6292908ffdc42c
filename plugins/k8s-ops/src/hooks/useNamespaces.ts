import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { k8sOpsApiRef } from '../api/K8sOpsApi';

/** The names of a cluster's namespaces the person may see. */
export function useNamespaces(cluster: string | undefined) {
  const api = useApi(k8sOpsApiRef);
  return useAsync(
    async () =>
      cluster
        ? (
            await api.listResources(cluster, 'namespaces', { limit: 10_000 })
          ).items
            .map(n => n.metadata.name ?? '')
            .filter(Boolean)
        : [],
    [api, cluster],
  );
}
