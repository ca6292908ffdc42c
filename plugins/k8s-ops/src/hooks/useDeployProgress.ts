import { useApi } from '@backstage/frontend-plugin-api';
import { DeployEvent } from '@k8s-ops/plugin-k8s-ops-common';
import { useEffect, useState } from 'react';
import { k8sOpsDeployApiRef } from '../api/K8sOpsDeployApi';

/** The events of a rollout as they come, the last one available or failed. */
export function useDeployProgress(id: string | undefined) {
  const api = useApi(k8sOpsDeployApiRef);
  const [events, setEvents] = useState<DeployEvent[]>([]);
  const [error, setError] = useState<Error>();
  useEffect(() => {
    setEvents([]);
    setError(undefined);
    if (!id) {
      return undefined;
    }
    return api.followDeploy(
      id,
      event => setEvents(previous => [...previous, event]),
      setError,
    );
  }, [api, id]);
  const last = events[events.length - 1];
  return {
    events,
    error,
    done: Boolean(last && last.status !== 'progressing'),
    last,
  };
}
