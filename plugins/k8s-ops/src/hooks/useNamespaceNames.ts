import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { k8sOpsApiRef } from '../api/K8sOpsApi';

/** The names of a cluster's namespaces the person may see; none without a cluster. */
export function useNamespaceNames(cluster: string | undefined) {
  const api = useApi(k8sOpsApiRef);
  return useAsync(async () => {
    if (!cluster) {
      return [];
    }
    const list = await api.listResources(cluster, 'namespaces', {
      limit: 10_000,
    });
    return list.items
      .map(n => n.metadata.name ?? '')
      .filter(Boolean)
      .sort((a, b) => a.localeCompare(b));
  }, [api, cluster]);
}
