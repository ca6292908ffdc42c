import {
  ApiException,
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  V1ConfigMap,
  VersionApi,
  Watch,
} from '@kubernetes/client-node';
import {
  createTestNamespace,
  eventually,
  testClusters,
  testKubeConfig,
  TestCluster,
} from './testing';

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof ApiException) {
      return error.code;
    }
    throw error;
  }
}

describe('local control plane', () => {
  let cluster: TestCluster;
  let namespace: { name: string; remove(): Promise<void> };

  beforeAll(async () => {
    cluster = testClusters()[0];
    namespace = await createTestNamespace(cluster, 'local-kube');
  });

  afterAll(async () => {
    await namespace.remove();
  });

  it('runs the pinned Kubernetes version', async () => {
    const version = await testKubeConfig(cluster)
      .makeApiClient(VersionApi)
      .getCode();
    expect(version.gitVersion).toBe('v1.34.4');
  });

  it('lists with paging: every object once, across pages of the limit', async () => {
    const core = testKubeConfig(cluster).makeApiClient(CoreV1Api);
    for (let i = 0; i < 25; i++) {
      await core.createNamespacedConfigMap({
        namespace: namespace.name,
        body: {
          metadata: {
            name: `page-${String(i).padStart(2, '0')}`,
            labels: { paged: 'yes' },
          },
          data: { i: String(i) },
        },
      });
    }
    const names: string[] = [];
    let pages = 0;
    let token: string | undefined;
    do {
      const page = await core.listNamespacedConfigMap({
        namespace: namespace.name,
        labelSelector: 'paged=yes',
        limit: 10,
        _continue: token,
      });
      pages += 1;
      expect(page.items.length).toBeLessThanOrEqual(10);
      names.push(...page.items.map(c => c.metadata!.name!));
      token = page.metadata?._continue || undefined;
    } while (token);
    expect(pages).toBe(3);
    expect(new Set(names).size).toBe(25);
  });

  it('applies server-side: creates, then updates, with the field manager recorded', async () => {
    const objects = KubernetesObjectApi.makeApiClient(testKubeConfig(cluster));
    const apply = (value: string) =>
      objects.patch<V1ConfigMap>(
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'applied', namespace: namespace.name },
          data: { value },
        },
        undefined,
        undefined,
        'k8s-ops-test',
        true,
        PatchStrategy.ServerSideApply,
      );
    const created = await apply('one');
    const updated = await apply('two');
    expect(updated.metadata?.uid).toBe(created.metadata?.uid);
    expect(updated.data).toEqual({ value: 'two' });
    expect(updated.metadata?.managedFields?.map(f => f.manager)).toContain(
      'k8s-ops-test',
    );
    // A dry run answers the result without storing it.
    const dry = await objects.patch<V1ConfigMap>(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'applied', namespace: namespace.name },
        data: { value: 'three' },
      },
      undefined,
      'All',
      'k8s-ops-test',
      true,
      PatchStrategy.ServerSideApply,
    );
    expect(dry.data).toEqual({ value: 'three' });
    const stored = await testKubeConfig(cluster)
      .makeApiClient(CoreV1Api)
      .readNamespacedConfigMap({ name: 'applied', namespace: namespace.name });
    expect(stored.data).toEqual({ value: 'two' });
  });

  it('watches: ADDED, MODIFIED and DELETED arrive in order', async () => {
    const kc = testKubeConfig(cluster);
    const core = kc.makeApiClient(CoreV1Api);
    const seen: string[] = [];
    const controller = await new Watch(kc).watch(
      `/api/v1/namespaces/${namespace.name}/configmaps`,
      { labelSelector: 'watched=yes' },
      (phase, object) => seen.push(`${phase} ${object.metadata.name}`),
      () => undefined,
    );
    try {
      await core.createNamespacedConfigMap({
        namespace: namespace.name,
        body: { metadata: { name: 'watched', labels: { watched: 'yes' } } },
      });
      await core.patchNamespacedConfigMap({
        name: 'watched',
        namespace: namespace.name,
        body: [{ op: 'add', path: '/data', value: { changed: 'yes' } }],
      });
      await core.deleteNamespacedConfigMap({
        name: 'watched',
        namespace: namespace.name,
      });
      await eventually('three watch events', async () =>
        seen.length >= 3 ? seen : undefined,
      );
      expect(seen).toEqual([
        'ADDED watched',
        'MODIFIED watched',
        'DELETED watched',
      ]);
    } finally {
      controller.abort();
    }
  });

  it('deletes: a deleted object answers 404', async () => {
    const core = testKubeConfig(cluster).makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({
      namespace: namespace.name,
      body: { metadata: { name: 'doomed' } },
    });
    await core.deleteNamespacedConfigMap({
      name: 'doomed',
      namespace: namespace.name,
    });
    expect(
      await statusOf(
        core.readNamespacedConfigMap({
          name: 'doomed',
          namespace: namespace.name,
        }),
      ),
    ).toBe(404);
  });

  it('refuses the limited user where RBAC says so, and allows its Role', async () => {
    const limited = testKubeConfig(cluster, 'limited').makeApiClient(CoreV1Api);
    expect(
      await statusOf(limited.listNamespacedPod({ namespace: 'team-data' })),
    ).toBe(403);
    expect(
      await statusOf(
        limited.createNamespacedConfigMap({
          namespace: 'team-shop',
          body: { metadata: { name: 'not-allowed' } },
        }),
      ),
    ).toBe(403);
    const pods = await limited.listNamespacedPod({ namespace: 'team-shop' });
    expect(pods.items.length).toBeGreaterThan(0);
  });

  it('runs Deployments: controllers make ReplicaSets and pods that become ready on simulated nodes', async () => {
    const apps = testKubeConfig(cluster).makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace: namespace.name,
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
          },
        },
      },
    });
    const ready = await eventually('2 ready replicas', async () => {
      const d = await apps.readNamespacedDeployment({
        name: 'web',
        namespace: namespace.name,
      });
      return d.status?.readyReplicas === 2 ? d : undefined;
    });
    expect(ready.status?.replicas).toBe(2);
    const sets = await apps.listNamespacedReplicaSet({
      namespace: namespace.name,
    });
    expect(sets.items.map(s => s.metadata?.ownerReferences?.[0]?.name)).toEqual(
      ['web'],
    );
  });

  it('serves the seed data: running, crash-looping and pending pods, finished jobs, CRDs', async () => {
    const kc = testKubeConfig(cluster);
    const core = kc.makeApiClient(CoreV1Api);
    const pods = await eventually('seeded pods to settle', async () => {
      const list = await core.listNamespacedPod({ namespace: 'team-shop' });
      return list.items.some(p => p.status?.phase === 'Running')
        ? list
        : undefined;
    });
    const byApp = (name: string) =>
      pods.items.filter(
        p => p.metadata?.labels?.['app.kubernetes.io/name'] === name,
      );
    expect(byApp('storefront').every(p => p.status?.phase === 'Running')).toBe(
      true,
    );
    expect(
      byApp('checkout-worker')[0].status?.containerStatuses?.[0].state?.waiting
        ?.reason,
    ).toBe('CrashLoopBackOff');
    expect(byApp('recommendations')[0].status?.phase).toBe('Pending');

    const batch = kc.makeApiClient(BatchV1Api);
    const jobCondition = async (name: string) => {
      const job = await batch.readNamespacedJob({
        name,
        namespace: 'team-shop',
      });
      return job.status?.conditions?.find(
        c =>
          c.status === 'True' && (c.type === 'Complete' || c.type === 'Failed'),
      )?.type;
    };
    expect(
      await eventually('db-migrate to finish', () =>
        jobCondition('db-migrate'),
      ),
    ).toBe('Complete');
    expect(
      await eventually('report-export to fail', () =>
        jobCondition('report-export'),
      ),
    ).toBe('Failed');

    const objects = KubernetesObjectApi.makeApiClient(kc);
    const clonesets = await objects.list(
      'apps.kruise.io/v1alpha1',
      'CloneSet',
      'team-shop',
    );
    expect(clonesets.items.map(c => c.metadata?.name)).toEqual([
      'storefront-canary',
    ]);

    const lb = await core.readNamespacedService({
      name: 'session-cache',
      namespace: 'team-data',
    });
    expect(lb.status?.loadBalancer?.ingress?.[0].ip).toBe('192.0.2.10');
  });

  it('serves pod logs through the simulated kubelet', async () => {
    const core = testKubeConfig(cluster).makeApiClient(CoreV1Api);
    const pod = (
      await core.listNamespacedPod({
        namespace: 'team-shop',
        labelSelector: 'app.kubernetes.io/name=storefront',
      })
    ).items[0];
    const log = await core.readNamespacedPodLog({
      name: pod.metadata!.name!,
      namespace: 'team-shop',
      tailLines: 3,
    });
    expect(log).toContain('simulated container log line 20');
  });
});

describe('several clusters', () => {
  it('are independent: an object made in one is absent from the others', async () => {
    const [first, ...others] = testClusters();
    expect(others.length).toBeGreaterThanOrEqual(2);
    const namespace = await createTestNamespace(first, 'only-here');
    try {
      for (const other of others) {
        expect(
          await statusOf(
            testKubeConfig(other)
              .makeApiClient(CoreV1Api)
              .readNamespace({ name: namespace.name }),
          ),
        ).toBe(404);
      }
    } finally {
      await namespace.remove();
    }
  });
});
