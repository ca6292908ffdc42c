import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createTestNamespace,
  eventually,
  TestCluster,
  testClusters,
  testKubeConfig,
} from '@k8s-ops/local-kube/testing';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import {
  k8sOpsResourceReadPermission,
  RelationsResponse,
  SearchResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { randomBytes } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import {
  allowAll,
  startK8sOpsBackend,
  TestPolicy,
} from '../__testUtils__/startK8sOpsBackend';
import { testClusterConfig } from '../__testUtils__/testClusterConfig';
import {
  createK8sOpsResourceConditionalDecision,
  k8sOpsResourceConditions,
} from '../permissions/conditionExports';

const api = '/api/k8s-ops';
const ALLOW = { result: AuthorizeResult.ALLOW } as const;
const DENY = { result: AuthorizeResult.DENY } as const;

/** Reads objects only where the given condition holds; clusters all. */
function readWhere(
  conditions: Parameters<typeof createK8sOpsResourceConditionalDecision>[1],
): TestPolicy {
  return name =>
    name === 'k8s-ops.cluster.read'
      ? ALLOW
      : createK8sOpsResourceConditionalDecision(
          k8sOpsResourceReadPermission,
          conditions,
        );
}

describe('search and relations against a real cluster', () => {
  let dev: TestCluster;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let server: Server;
  let policy: TestPolicy = allowAll;
  const namespaces: Array<{ name: string; remove(): Promise<void> }> = [];
  const marker = randomBytes(4).toString('hex');

  const search = async (q: string, limit?: number) => {
    const res = await request(server)
      .get(`${api}/search`)
      .query({ q, ...(limit ? { limit } : {}) });
    expect(res.status).toBe(200);
    return res.body as SearchResponse;
  };
  const hitsOf = (body: SearchResponse) =>
    body.items.map(h => `${h.kind} ${h.namespace}/${h.name}`);

  beforeAll(async () => {
    [dev] = testClusters();
    core = testKubeConfig(dev).makeApiClient(CoreV1Api);
    apps = testKubeConfig(dev).makeApiClient(AppsV1Api);
    for (const prefix of ['search-a', 'search-b', 'search-c']) {
      namespaces.push(await createTestNamespace(dev, prefix));
    }
    const backend = await startK8sOpsBackend({
      policy: () => policy,
      config: {
        app: { baseUrl: 'http://portal.example' },
        k8sOps: {
          cache: { prewarm: [] },
          search: {
            kinds: [
              'configmaps',
              'secrets',
              'pods',
              'deployments.apps',
              'services',
            ],
          },
          clusters: [testClusterConfig(dev)],
        },
      },
    });
    server = backend.server;
  });

  afterAll(async () => {
    await Promise.all(namespaces.map(ns => ns.remove()));
  });

  beforeEach(() => {
    policy = allowAll;
  });

  it('a person limited to one namespace sees one of three same-named objects, and a total of 1', async () => {
    const name = `needle-${marker}`;
    for (const ns of namespaces) {
      await core.createNamespacedConfigMap({
        namespace: ns.name,
        body: { metadata: { name }, data: { a: '1' } },
      });
    }
    await eventually('the three ConfigMaps in the index', async () =>
      (await search(name)).total === 3 ? true : undefined,
    );

    policy = readWhere(
      k8sOpsResourceConditions.isInNamespace({
        namespaces: [namespaces[1].name],
      }),
    );
    const limited = await search(name);
    expect(hitsOf(limited)).toEqual([
      `ConfigMap ${namespaces[1].name}/${name}`,
    ]);
    expect(limited.total).toBe(1);
    expect(limited.items[0]).toMatchObject({
      cluster: 'test-dev',
      resource: 'configmaps',
      stale: false,
      url: `http://portal.example/k8s-ops/clusters/test-dev/objects/configmaps/${namespaces[1].name}/${name}`,
    });
    // A broad search by filters counts only what the person may read too.
    const broad = await search(`kind:cm ns:${namespaces[0].name}`);
    expect(broad.total).toBe(0);
  });

  it('a denied search answers nothing', async () => {
    policy = () => DENY;
    expect(await search(`needle-${marker}`)).toMatchObject({
      items: [],
      total: 0,
    });
  });

  it('ranks the exact name first, then prefixes, then fuzzy matches', async () => {
    const ns = namespaces[0].name;
    for (const name of [
      `rank${marker}-api-extra`,
      `rank${marker}`,
      `xrank${marker}x`,
      `rank${marker}-api`,
    ]) {
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name } },
      });
    }
    const body = await eventually('the ranked ConfigMaps', async () => {
      const b = await search(`rank${marker} ns:${ns}`);
      return b.total === 4 ? b : undefined;
    });
    expect(body.items.map(h => h.name)).toEqual([
      `rank${marker}`,
      // Equal prefixes: the most recently changed first.
      `rank${marker}-api`,
      `rank${marker}-api-extra`,
      `xrank${marker}x`,
    ]);
    const fuzzy = await search(`rnk${marker} ns:${ns}`);
    expect(fuzzy.items.map(h => h.name)).toContain(`rank${marker}`);
    expect((await search(`rank${marker}`, 2)).items).toHaveLength(2);
  });

  it("never matches nor answers a Secret's value, but finds it by a key", async () => {
    const value = `topsecret${marker}`;
    await core.createNamespacedSecret({
      namespace: namespaces[0].name,
      body: {
        metadata: { name: `creds-${marker}` },
        stringData: { [`apikey${marker}`]: value },
      },
    });
    const byKey = await eventually('the Secret in the index', async () => {
      const b = await search(`apikey${marker}`);
      return b.total === 1 ? b : undefined;
    });
    expect(byKey.items[0]).toMatchObject({
      kind: 'Secret',
      name: `creds-${marker}`,
    });
    expect(JSON.stringify(byKey)).not.toContain(value);
    expect(await search(value)).toMatchObject({ items: [], total: 0 });
    expect((await search(`kind:secret creds-${marker}`)).total).toBe(1);
    expect(JSON.stringify(await search('kind:secret', 200))).not.toContain(
      value,
    );
  });

  it('a deleted object leaves the results', async () => {
    const name = `gone-${marker}`;
    await core.createNamespacedConfigMap({
      namespace: namespaces[2].name,
      body: { metadata: { name } },
    });
    await eventually('the ConfigMap in the index', async () =>
      (await search(name)).total === 1 ? true : undefined,
    );
    await core.deleteNamespacedConfigMap({
      name,
      namespace: namespaces[2].name,
    });
    const after = await eventually(
      'the ConfigMap out of the index',
      async () => {
        const body = await search(name);
        return body.total === 0 ? body : undefined;
      },
    );
    expect(after.items).toEqual([]);
  });

  it.each([
    ['limit=0', { q: 'x', limit: 0 }, /limit/],
    ['limit=201', { q: 'x', limit: 201 }, /limit/],
    ['an unknown parameter', { q: 'x', page: 2 }, /page/],
    ['a bad label term', { q: 'label:-bad=x' }, /invalid label key/],
  ])('400 for %s', async (_what, query, message) => {
    const res = await request(server).get(`${api}/search`).query(query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  describe('relations', () => {
    const relations = (name: string, query: Record<string, unknown>) =>
      request(server)
        .get(`${api}/clusters/test-dev/resources/deployments/${name}/relations`)
        .query({ namespace: namespaces[1].name, ...query });
    const edgesOf = (graph: RelationsResponse) => {
      const nameOf = (id: string) => {
        const n = graph.nodes.find(x => x.id === id)!;
        // Generated names (web-5d8f9, web-5d8f9-x2x4k) as web-*.
        const name = ['ReplicaSet', 'Pod'].includes(n.kind)
          ? n.name.replace(/-[a-z0-9]+(-[a-z0-9]+)?$/, '-*')
          : n.name;
        return `${n.kind}/${name}`;
      };
      return graph.edges.map(
        e => `${nameOf(e.from)} ${e.relation} ${nameOf(e.to)}`,
      );
    };

    beforeAll(async () => {
      const namespace = namespaces[1].name;
      await core.createNamespacedConfigMap({
        namespace,
        body: { metadata: { name: 'web-config' }, data: { a: '1' } },
      });
      await core.createNamespacedSecret({
        namespace,
        body: { metadata: { name: 'web-creds' }, stringData: { p: 'x' } },
      });
      await core.createNamespacedService({
        namespace,
        body: {
          metadata: { name: 'web-svc' },
          spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
        },
      });
      await apps.createNamespacedDeployment({
        namespace,
        body: {
          metadata: { name: 'web' },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: 'web' } },
            template: {
              metadata: { labels: { app: 'web' } },
              spec: {
                containers: [
                  {
                    name: 'web',
                    image: 'nginx',
                    envFrom: [
                      { configMapRef: { name: 'web-config' } },
                      { secretRef: { name: 'web-creds' } },
                    ],
                  },
                ],
              },
            },
          },
        },
      });
    });

    it('follows a Deployment to its ReplicaSet, Pod, Service, ConfigMap and Secret', async () => {
      const graph = await eventually(
        'the pod of the deployment',
        async () => {
          const res = await relations('web', { depth: 3 });
          expect(res.status).toBe(200);
          const body = res.body as RelationsResponse;
          return body.nodes.some(n => n.kind === 'Pod') ? body : undefined;
        },
        30_000,
      );
      expect(edgesOf(graph)).toEqual(
        expect.arrayContaining([
          'Deployment/web owns ReplicaSet/web-*',
          'ReplicaSet/web-* owns Pod/web-*',
          'Service/web-svc selects Pod/web-*',
          'Deployment/web mounts ConfigMap/web-config',
          'Deployment/web mounts Secret/web-creds',
          'Pod/web-* mounts Secret/web-creds',
        ]),
      );
      expect(graph.nodes.find(n => n.kind === 'Pod')?.depth).toBe(2);
      const shallow = (await relations('web', { depth: 1 })).body;
      expect(
        shallow.nodes.some((n: { kind: string }) => n.kind === 'Pod'),
      ).toBe(false);
    });

    it('leaves out the nodes a person may not read, and their edges', async () => {
      policy = readWhere({
        not: k8sOpsResourceConditions.isKind({ kinds: ['Secret'] }),
      });
      const res = await relations('web', { depth: 3 });
      expect(res.status).toBe(200);
      const body = res.body as RelationsResponse;
      expect(body.nodes.map(n => n.kind)).not.toContain('Secret');
      expect(JSON.stringify(body)).not.toContain('web-creds');
      expect(body.nodes.map(n => n.kind)).toContain('ConfigMap');
    });

    it('404 when the person may not read the object itself', async () => {
      policy = readWhere(k8sOpsResourceConditions.isKind({ kinds: ['Pod'] }));
      const res = await relations('web', { depth: 1 });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/Deployment .*\/web not found/);
    });

    it.each([
      ['depth=4', { depth: 4 }, /depth/],
      ['depth=0', { depth: 0 }, /depth/],
      ['an unknown parameter', { deep: 1 }, /deep/],
    ])('400 for %s', async (_what, query, message) => {
      const res = await relations('web', query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });
});
