import { useApi } from '@backstage/frontend-plugin-api';
import {
  K8sOpsObjectRef,
  stringifyK8sOpsObjectRef,
} from '@k8s-ops/plugin-k8s-ops-common';
import { useCallback, useRef, useState } from 'react';
import { k8sOpsApiRef } from '../api/K8sOpsApi';
import { SecretValue, secretValues } from '../lib/secretValues';

interface State {
  loading: boolean;
  error?: Error;
  values?: SecretValue[];
}

/**
 * The values of a Secret, asked for only when `reveal` is called (the
 * backend audits each reveal). `version` is the object's resourceVersion:
 * values revealed for another object or an older version are hidden again.
 */
export function useRevealSecret(ref: K8sOpsObjectRef, version?: string) {
  const api = useApi(k8sOpsApiRef);
  const { cluster, resource, namespace, name } = ref;
  const key = `${stringifyK8sOpsObjectRef(ref)}@${version ?? ''}`;
  const [state, setState] = useState<State>({ loading: false });
  const [stateFor, setStateFor] = useState(key);
  if (stateFor !== key) {
    setStateFor(key);
    setState({ loading: false });
  }
  // An answer for what is no longer shown is dropped.
  const current = useRef(key);
  current.current = key;

  const reveal = useCallback(async () => {
    const asked = key;
    setState({ loading: true });
    try {
      const secret = await api.revealSecret({
        cluster,
        resource,
        namespace,
        name,
      });
      if (current.current === asked) {
        setState({ loading: false, values: secretValues(secret) });
      }
    } catch (error) {
      if (current.current === asked) {
        setState({ loading: false, error: error as Error });
      }
    }
  }, [api, key, cluster, resource, namespace, name]);

  const hide = useCallback(() => setState({ loading: false }), []);

  return { ...state, reveal, hide };
}
