import { useApi } from '@backstage/frontend-plugin-api';
import {
  applyWorkloadChange,
  customResourcesOf,
  WORKLOAD_RESOURCES,
  WorkloadsResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { useEffect, useState } from 'react';
import { k8sOpsApiRef } from '../api/K8sOpsApi';
import { followLive } from './followLive';

/**
 * An entity's workloads and custom resources on every cluster, kept
 * current by the backend's change stream rather than by polling (see
 * {@link followLive}).
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
    setState({ loading: true });
    let active = true;
    let stop: (() => void) | undefined;
    // The tab shows summaries; a row opened reads its whole object.
    const load = () =>
      api.getWorkloads({ labelSelector, namespace, view: 'summary' });
    const follow = (initial?: WorkloadsResponse) => {
      stop = followLive({
        api,
        changes: {
          resources: [
            ...WORKLOAD_RESOURCES,
            ...(initial ? customResourcesOf(initial) : []),
          ],
          namespace,
          labelSelector,
        },
        load,
        initial,
        fold: applyWorkloadChange,
        onValue: value => setState({ loading: false, value }),
        onChange: change =>
          setState(current =>
            current.value
              ? {
                  ...current,
                  value: applyWorkloadChange(current.value, change),
                }
              : current,
          ),
        onError: error =>
          setState(current => ({ ...current, loading: false, error })),
      });
    };
    // The first answer names the custom kinds the entity's clusters list:
    // their changes are followed beside the workloads'.
    load().then(
      value => {
        if (!active) return;
        setState({ loading: false, value });
        follow(value);
      },
      error => {
        if (!active) return;
        setState({ loading: false, error });
        follow();
      },
    );
    return () => {
      active = false;
      stop?.();
    };
  }, [api, labelSelector, namespace]);

  return state;
}
