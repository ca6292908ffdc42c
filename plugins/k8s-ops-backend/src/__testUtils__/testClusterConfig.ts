import { TestCluster } from '@k8s-ops/local-kube/testing';
import { stringify } from 'yaml';

/** A test cluster as an entry of `k8sOps.clusters`, with the admin's token. */
export function testClusterConfig(
  cluster: TestCluster,
  extra: Record<string, unknown> = {},
) {
  return {
    name: cluster.name,
    url: cluster.server,
    caData: Buffer.from(cluster.caPem).toString('base64'),
    token: cluster.adminToken,
    group: cluster.group,
    ...extra,
  };
}

/** A kubeconfig of a test cluster with one context, `main`, as its admin. */
export function testClusterKubeconfig(cluster: TestCluster): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'c',
        cluster: {
          server: cluster.server,
          'certificate-authority-data': Buffer.from(cluster.caPem).toString(
            'base64',
          ),
        },
      },
    ],
    users: [{ name: 'u', user: { token: cluster.adminToken } }],
    contexts: [{ name: 'main', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'main',
  });
}
