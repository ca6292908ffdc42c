import { ResourceChange } from '@k8s-ops/plugin-k8s-ops-common';
import { K8sOpsApi } from '../api/K8sOpsApi';

type StreamOptions = Parameters<K8sOpsApi['watchChanges']>[2];

/**
 * A change stream for component tests: opens at once, and `emit` sends a
 * change to every subscriber.
 */
export function fakeChangeStream() {
  const subscribers = new Set<(change: ResourceChange) => void>();
  const watchChanges: K8sOpsApi['watchChanges'] = (
    _query,
    onChange,
    options,
  ) => {
    subscribers.add(onChange);
    options?.onOpen?.();
    return () => subscribers.delete(onChange);
  };
  return {
    watchChanges,
    emit: (change: ResourceChange) => subscribers.forEach(s => s(change)),
  };
}

/**
 * A {@link K8sOpsApi} for component tests: every method is a Jest mock that
 * fails with a message naming itself, unless the test gives it a behaviour.
 */
export function fakeK8sOpsApi(
  overrides: Partial<K8sOpsApi> = {},
): jest.Mocked<K8sOpsApi> {
  const methods: Array<keyof K8sOpsApi> = [
    'getHealth',
    'listClusters',
    'getCluster',
    'checkClusterHealth',
    'listKubeconfigContexts',
    'registerCluster',
    'updateCluster',
    'removeCluster',
    'getDiscovery',
    'listResources',
    'getResource',
    'getEvents',
    'getRelations',
    'search',
    'applyResource',
    'deleteResource',
    'scaleResource',
    'restartResource',
    'rollbackResource',
    'revealSecret',
    'queryAudit',
    'getWorkloads',
    'getCache',
    'startPortForward',
    'listPortForwards',
    'stopPortForward',
    'openPortForwardProxy',
    'getBackendBaseUrl',
    'watchChanges',
    'getLogs',
    'followLogs',
    'openTerminal',
    'scanInfrastructure',
    'listInfraScans',
    'provisionNamespace',
    'writeEnvMap',
    'getEnvMap',
    'revealEnvMap',
  ];
  const api: Record<string, jest.Mock> = {};
  for (const method of methods) {
    const given = overrides[method] as ((...args: any[]) => any) | undefined;
    api[method] = jest.fn(
      given ??
        (method === 'watchChanges'
          ? (_query: unknown, _onChange: unknown, options?: StreamOptions) => {
              options?.onOpen?.();
              return () => {};
            }
          : async () => {
              throw new Error(`${method} was not expected in this test`);
            }),
    );
  }
  return api as unknown as jest.Mocked<K8sOpsApi>;
}
