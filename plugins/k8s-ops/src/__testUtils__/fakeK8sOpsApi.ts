import { K8sOpsApi } from '../api/K8sOpsApi';

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
    'applyResource',
    'deleteResource',
    'scaleResource',
    'restartResource',
    'queryAudit',
    'getWorkloads',
    'watchChanges',
  ];
  const api: Record<string, jest.Mock> = {};
  for (const method of methods) {
    const given = overrides[method] as ((...args: any[]) => any) | undefined;
    api[method] = jest.fn(
      given ??
        (method === 'watchChanges'
          ? () => () => {}
          : async () => {
              throw new Error(`${method} was not expected in this test`);
            }),
    );
  }
  return api as unknown as jest.Mocked<K8sOpsApi>;
}
