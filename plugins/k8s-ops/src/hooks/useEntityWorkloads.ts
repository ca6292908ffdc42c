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

/** How long an answer another view kept live is shown while loading anew. */
const RECENT_MS = 30_000;

/**
 * The last answer of each entity, as a view that followed it live last
 * held it, per API instance: the entity's tab opened from its overview
 * page (whose card followed the same answer a moment ago) shows it at once,
 * and its own load replaces it.
 */
const recentAnswers = new WeakMap<
  object,
  Map<string, { value: WorkloadsResponse; at: number }>
>();

function recentAnswer(api: object, key: string) {
  const recent = recentAnswers.get(api)?.get(key);
  return recent && Date.now() - recent.at < RECENT_MS
    ? recent.value
    : undefined;
}

function keepAnswer(api: object, key: string, value: WorkloadsResponse) {
  let answers = recentAnswers.get(api);
  if (!answers) {
    answers = new Map();
    recentAnswers.set(api, answers);
  }
  answers.set(key, { value, at: Date.now() });
}

type State = { loading: boolean; error?: Error; value?: WorkloadsResponse };

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
  const key = `${labelSelector}|${namespace ?? ''}`;
  const initial = (): State => {
    const value = labelSelector ? recentAnswer(api, key) : undefined;
    return value ? { loading: false, value } : { loading: true };
  };
  const [state, setStateNow] = useState<State>(initial);

  useEffect(() => {
    if (!labelSelector) {
      setStateNow({ loading: false });
      return undefined;
    }
    // Every answer shown is kept for the next view of the entity, as long
    // as it is followed live.
    const setState = (next: State | ((current: State) => State)) =>
      setStateNow(current => {
        const after = typeof next === 'function' ? next(current) : next;
        if (after.value && after.value !== current.value) {
          keepAnswer(api, key, after.value);
        }
        return after;
      });
    setStateNow(initial());
    let active = true;
    let stop: (() => void) | undefined;
    // The tab shows summaries; a row opened reads its whole object.
    const load = () =>
      api.getWorkloads({ labelSelector, namespace, view: 'summary' });
    const follow = (loaded?: WorkloadsResponse) => {
      stop = followLive({
        api,
        changes: {
          resources: [
            ...WORKLOAD_RESOURCES,
            ...(loaded ? customResourcesOf(loaded) : []),
          ],
          namespace,
          labelSelector,
        },
        load,
        initial: loaded,
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
      // Left while live: the answer is current as of now.
      const recent = recentAnswers.get(api)?.get(key);
      if (recent) recent.at = Date.now();
    };
    // `initial` reads the same api and key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, labelSelector, namespace]);

  return state;
}
