import { useApi } from '@backstage/frontend-plugin-api';
import {
  K8sOpsObjectRef,
  KubeObject,
  ResourceChange,
} from '@k8s-ops/plugin-k8s-ops-common';
import { useEffect, useState } from 'react';
import { k8sOpsApiRef } from '../api/K8sOpsApi';
import { followLive } from './followLive';

/** An object as the change stream last told it, and whether it is gone. */
export interface LiveObject {
  object: KubeObject;
  deleted?: boolean;
}

function isObject(object: KubeObject, ref: K8sOpsObjectRef) {
  return (
    object.metadata.name === ref.name &&
    (object.metadata.namespace ?? undefined) === (ref.namespace ?? undefined)
  );
}

/**
 * Folds a change into the object it may concern: an update replaces it, a
 * deletion marks it deleted and keeps it to show.
 */
export function applyObjectChange(
  ref: K8sOpsObjectRef,
  live: LiveObject,
  change: ResourceChange,
): LiveObject {
  if (change.resource !== ref.resource || !isObject(change.object, ref)) {
    return live;
  }
  return change.type === 'DELETED'
    ? { ...live, deleted: true }
    : { object: change.object };
}

/**
 * One object, kept current by the change stream (see {@link followLive}):
 * loaded again when the stream opens, with the changes made during a load
 * replayed on top of it.
 *
 * @param ref - with `resource` as `resource.group` (`deployments.apps`).
 */
export function useLiveObject(ref: K8sOpsObjectRef) {
  const { cluster, resource, namespace, name } = ref;
  const api = useApi(k8sOpsApiRef);
  const [state, setState] = useState<
    { loading: boolean; error?: Error } & Partial<LiveObject>
  >({ loading: true });

  useEffect(() => {
    const target = { cluster, resource, namespace, name };
    const fold = (live: LiveObject, change: ResourceChange) =>
      applyObjectChange(target, live, change);
    setState({ loading: true });
    return followLive<LiveObject>({
      api,
      changes: { resources: [resource], clusters: [cluster], namespace },
      load: async () => ({ object: await api.getResource(target) }),
      fold,
      onValue: value => setState({ loading: false, ...value }),
      onChange: change =>
        setState(s =>
          s.object
            ? { loading: false, ...fold({ ...s, object: s.object }, change) }
            : s,
        ),
      onError: error => setState(s => ({ ...s, loading: false, error })),
    });
  }, [api, cluster, resource, namespace, name]);

  return state;
}
