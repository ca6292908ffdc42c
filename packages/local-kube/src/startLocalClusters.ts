import { ensureKubeBinaries } from './binaries';
import { httpsRequest } from './https';
import { LocalCluster } from './LocalCluster';
import { seedCluster } from './seed';

/** What a client needs to reach a local cluster as the portal does. */
export interface LocalClusterAccess {
  name: string;
  url: string;
  /** Base64 PEM of the cluster's CA. */
  caData: string;
  /** Token of the `kube-system/k8s-ops` service account (cluster-admin). */
  serviceAccountToken: string;
}

/**
 * Starts several independent clusters at once, seeds them, and gives each a
 * `k8s-ops` service account whose token the portal uses.
 */
export async function startLocalClusters(
  names: string[],
  options: { seed?: boolean; nodes?: number } = {},
): Promise<LocalCluster[]> {
  const binDir = await ensureKubeBinaries();
  const started = await Promise.allSettled(
    names.map(name =>
      LocalCluster.start({ name, binDir, nodes: options.nodes }),
    ),
  );
  const clusters = started.flatMap(r =>
    r.status === 'fulfilled' ? [r.value] : [],
  );
  const failure = started.find(r => r.status === 'rejected');
  if (failure) {
    await Promise.all(clusters.map(c => c.stop()));
    throw (failure as PromiseRejectedResult).reason;
  }
  if (options.seed ?? true) {
    await Promise.all(clusters.map(seedCluster));
  }
  return clusters;
}

/** Creates the portal's service account on a cluster and answers its access. */
export async function portalAccess(
  cluster: LocalCluster,
): Promise<LocalClusterAccess> {
  const call = async (method: string, path: string, body: unknown) => {
    const res = await httpsRequest(`${cluster.server}${path}`, {
      ca: cluster.caPem,
      token: cluster.adminToken,
      method,
      body,
    });
    if (res.status >= 300 && res.status !== 409) {
      throw new Error(`${method} ${path} answered ${res.status}: ${res.body}`);
    }
    return res.body;
  };
  await call('POST', '/api/v1/namespaces/kube-system/serviceaccounts', {
    metadata: { name: 'k8s-ops' },
  });
  await call('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
    metadata: { name: 'k8s-ops' },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'cluster-admin',
    },
    subjects: [
      { kind: 'ServiceAccount', name: 'k8s-ops', namespace: 'kube-system' },
    ],
  });
  const tokenRequest = JSON.parse(
    await call(
      'POST',
      '/api/v1/namespaces/kube-system/serviceaccounts/k8s-ops/token',
      { spec: { expirationSeconds: 7 * 24 * 3600 } },
    ),
  );
  return {
    name: cluster.name,
    url: cluster.server,
    caData: Buffer.from(cluster.caPem).toString('base64'),
    serviceAccountToken: tokenRequest.status.token,
  };
}
