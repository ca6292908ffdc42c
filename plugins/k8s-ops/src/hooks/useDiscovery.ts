import { useApi } from '@backstage/frontend-plugin-api';
import { DiscoveryResponse } from '@k8s-ops/plugin-k8s-ops-common';
import { useEffect, useState } from 'react';
import { K8sOpsApi, k8sOpsApiRef } from '../api/K8sOpsApi';

/** As long as the backend keeps its own discovery before asking again. */
export const DISCOVERY_FRESH_MS = 5 * 60_000;

interface Entry {
  promise: Promise<DiscoveryResponse>;
  value?: DiscoveryResponse;
  at: number;
}

// Per API instance, so an app (or a test) with its own API has its own.
const entries = new WeakMap<K8sOpsApi, Map<string, Entry>>();

function clustersOf(api: K8sOpsApi): Map<string, Entry> {
  let clusters = entries.get(api);
  if (!clusters) {
    clusters = new Map();
    entries.set(api, clusters);
  }
  return clusters;
}

/** A cluster's discovery while it is fresh, or undefined. */
function freshValue(
  api: K8sOpsApi,
  cluster: string,
): DiscoveryResponse | undefined {
  const entry = clustersOf(api).get(cluster);
  return entry?.value && Date.now() - entry.at < DISCOVERY_FRESH_MS
    ? entry.value
    : undefined;
}

/**
 * The request for a cluster's discovery: the one under way, or a fresh
 * answer, or a new one. A failure is not kept, so the next view asks again.
 */
function discoveryOf(api: K8sOpsApi, cluster: string): Entry {
  const clusters = clustersOf(api);
  const cached = clusters.get(cluster);
  if (cached && (!cached.value || freshValue(api, cluster))) {
    return cached;
  }
  const entry: Entry = { promise: api.getDiscovery(cluster), at: Date.now() };
  clusters.set(cluster, entry);
  entry.promise.then(
    value => {
      entry.value = value;
      entry.at = Date.now();
    },
    () => {
      if (clusters.get(cluster) === entry) {
        clusters.delete(cluster);
      }
    },
  );
  return entry;
}

interface State {
  loading: boolean;
  error?: Error;
  value?: DiscoveryResponse;
}

/**
 * The kinds a cluster serves, fetched once for every view of the cluster
 * that shows at the same time or within a few minutes: the cluster page,
 * its object drawers, the drawers of an entity's tab.
 */
export function useDiscovery(cluster: string): State {
  const api = useApi(k8sOpsApiRef);
  const [state, setState] = useState<
    State & { api: K8sOpsApi; cluster: string }
  >(() => {
    const value = freshValue(api, cluster);
    return { api, cluster, loading: !value, value };
  });

  useEffect(() => {
    const entry = discoveryOf(api, cluster);
    const known = entry.value;
    if (known) {
      setState(s =>
        s.api === api && s.cluster === cluster && s.value === known
          ? s
          : { api, cluster, loading: false, value: known },
      );
      return undefined;
    }
    let active = true;
    entry.promise.then(
      value => active && setState({ api, cluster, loading: false, value }),
      error => active && setState({ api, cluster, loading: false, error }),
    );
    return () => {
      active = false;
    };
  }, [api, cluster]);

  if (state.api !== api || state.cluster !== cluster) {
    // Another cluster than the one the state is about, until its answer.
    const value = freshValue(api, cluster);
    return { loading: !value, value };
  }
  const { loading, error, value } = state;
  return { loading, error, value };
}
