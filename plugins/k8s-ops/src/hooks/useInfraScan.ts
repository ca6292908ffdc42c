import { useApi } from '@backstage/frontend-plugin-api';
import { InfraScan } from '@k8s-ops/plugin-k8s-ops-common';
import { useCallback, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { k8sOpsApiRef } from '../api/K8sOpsApi';

/**
 * The stored infrastructure scan of a cluster's namespace (or of every
 * namespace, without one), and `scan` to run it again; the new scan
 * replaces the stored one on screen.
 */
export function useInfraScan(cluster?: string, namespace?: string) {
  const api = useApi(k8sOpsApiRef);
  const [latest, setLatest] = useState<InfraScan>();
  const stored = useAsync(async () => {
    if (!cluster) {
      return undefined;
    }
    const { items } = await api.listInfraScans({
      cluster,
      namespace,
      allNamespaces: namespace ? undefined : true,
    });
    return items[0];
  }, [api, cluster, namespace]);
  useEffect(() => setLatest(undefined), [cluster, namespace]);
  const [scanning, run] = useAsyncFn(async () => {
    if (!cluster) {
      return undefined;
    }
    const scan = await api.scanInfrastructure(
      cluster,
      namespace ? { namespace } : { allNamespaces: true },
    );
    setLatest(scan);
    return scan;
  }, [api, cluster, namespace]);
  const scan = useCallback(() => run(), [run]);
  return {
    scan: latest ?? stored.value,
    loading: stored.loading,
    loadError: stored.error,
    scanning: scanning.loading,
    scanError: scanning.error,
    runScan: scan,
  };
}

/** How many infrastructure services the stored scans found, per cluster. */
export function useInfraScans() {
  const api = useApi(k8sOpsApiRef);
  return useAsync(async () => (await api.listInfraScans()).items, [api]);
}
