import { useApi } from '@backstage/frontend-plugin-api';
import { K8sOpsObjectRef } from '@k8s-ops/plugin-k8s-ops-common';
import useAsync from 'react-use/esm/useAsync';
import { k8sOpsApiRef } from '../api/K8sOpsApi';

/**
 * The graph around an object, from the backend's cache; loaded again when
 * the object (its uid) or the depth changes.
 */
export function useRelations(
  ref: K8sOpsObjectRef,
  depth: number,
  uid: string | undefined,
) {
  const api = useApi(k8sOpsApiRef);
  const { cluster, resource, namespace, name } = ref;
  return useAsync(
    () => api.getRelations({ cluster, resource, namespace, name }, { depth }),
    [api, cluster, resource, namespace, name, depth, uid],
  );
}
