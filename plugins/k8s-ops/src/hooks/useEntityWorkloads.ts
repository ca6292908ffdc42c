import { useApi } from '@backstage/frontend-plugin-api';
import {
  applyWorkloadChange,
  WORKLOAD_RESOURCES,
  WorkloadsResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { useEffect, useState } from 'react';
import { k8sOpsApiRef } from '../api/K8sOpsApi';

/**
 * An entity's workloads on every cluster, kept current by the backend's
 * change stream rather than by polling.
 */
export function useEntityWorkloads(
  labelSelector: string | undefined,
  namespace: string | undefined,
) {
  const api = useApi(k8sOpsApiRef);
  const [state, setState] = useState<{
    loading: boolean;
    error?: Error;
    value?: WorkloadsResponse;
  }>({ loading: true });

  useEffect(() => {
    if (!labelSelector) {
      setState({ loading: false });
      return undefined;
    }
    let active = true;
    setState({ loading: true });
    api
      .getWorkloads({ labelSelector, namespace })
      .then(value => active && setState({ loading: false, value }))
      .catch(error => active && setState({ loading: false, error }));
    const unsubscribe = api.watchChanges(
      { resources: WORKLOAD_RESOURCES, namespace, labelSelector },
      change =>
        setState(current =>
          current.value
            ? { ...current, value: applyWorkloadChange(current.value, change) }
            : current,
        ),
    );
    return () => {
      active = false;
      unsubscribe();
    };
  }, [api, labelSelector, namespace]);

  return state;
}
