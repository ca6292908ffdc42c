import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AppsV1Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  InfraInstance,
  InfraScan,
  InfraServiceResult,
  k8sOpsResourceReadPermission,
} from '@k8s-ops/plugin-k8s-ops-common';
import {
  createTestNamespace,
  eventually,
  TestCluster,
  testClusters,
  testKubeConfig,
} from '@k8s-ops/local-kube/testing';
import { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { Server } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { applyTestYaml } from '../__testUtils__/applyTestYaml';
import {
  createK8sOpsResourceConditionalDecision,
  k8sOpsResourceConditions,
} from '../permissions/conditionExports';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import {
  allowAll,
  startK8sOpsBackend,
  TestPolicy,
} from '../__testUtils__/startK8sOpsBackend';
import {
  testClusterConfig,
  testClusterKubeconfig,
} from '../__testUtils__/testClusterConfig';

const api = '/api/k8s-ops';
const fixtures = join(__dirname, '../infra/__fixtures__');
const databases = createTestDatabases();

describe('infrastructure scan against a real cluster', () => {
  let dev: TestCluster;
  let server: Server;
  let knex: Knex;
  let policy: TestPolicy = allowAll;
  let ns: { name: string; remove(): Promise<void> };

  beforeAll(async () => {
    [dev] = testClusters();
    knex = await databases.init('SQLITE_3');
    ns = await createTestNamespace(dev, 'infra');
    await applyTestYaml(dev, join(fixtures, 'operatorCrds.yaml'));
    await applyTestYaml(dev, join(fixtures, 'infraNamespace.yaml'), ns.name);
    const core = testKubeConfig(dev).makeApiClient(CoreV1Api);
    // No cloud controller here: the load balancer's address is given.
    await core.patchNamespacedServiceStatus(
      {
        name: 'catalog-mongo',
        namespace: ns.name,
        body: { status: { loadBalancer: { ingress: [{ ip: '192.0.2.20' }] } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const apps = testKubeConfig(dev).makeApiClient(AppsV1Api);
    await eventually(
      'the workloads to be ready',
      async () => {
        const sets = await apps.listNamespacedStatefulSet({
          namespace: ns.name,
        });
        const deployments = await apps.listNamespacedDeployment({
          namespace: ns.name,
        });
        return (
          [...sets.items, ...deployments.items].every(
            w => (w.status?.readyReplicas ?? 0) === (w.spec?.replicas ?? 1),
          ) || undefined
        );
      },
      60_000,
    );
    const backend = await startK8sOpsBackend({
      knex,
      policy: () => policy,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          encryption: { keys: [randomBytes(32).toString('base64')] },
          clusters: [testClusterConfig(dev)],
        },
      },
    });
    server = backend.server;
  }, 120_000);

  afterAll(async () => {
    await ns.remove();
  });

  beforeEach(() => {
    policy = allowAll;
  });

  const scan = async (body: object, cluster = 'test-dev') => {
    const res = await request(server)
      .post(`${api}/clusters/${cluster}/infra-scan`)
      .send(body);
    expect(res.status).toBe(200);
    return res.body as InfraScan;
  };

  const typeOf = (result: InfraScan, type: string) =>
    result.services.find(s => s.type === type) as InfraServiceResult;

  const instance = (result: InfraScan, type: string, name: string) =>
    typeOf(result, type).instances.find(
      i => i.name === name && i.namespace === ns.name,
    ) as InfraInstance;

  const addresses = (i: InfraInstance, type?: string) =>
    i.endpoints.filter(e => !type || e.type === type).map(e => e.address);

  it('finds every real service with its workload, endpoints and credentials Secret, and no decoy', async () => {
    const result = await scan({ namespace: ns.name });
    const dns = (name: string, port: number) =>
      `${name}.${ns.name}.svc.cluster.local:${port}`;

    expect(result.services.filter(s => s.found).map(s => s.type)).toEqual([
      'postgresql',
      'mysql',
      'mongodb',
      'redis',
      'memcached',
      'elasticsearch',
      'kafka',
      'rabbitmq',
      'nats',
      'minio',
    ]);
    expect(result.services.filter(s => !s.found).map(s => s.type)).toEqual([
      'qdrant',
      'neo4j',
      'clickhouse',
    ]);
    const names = result.services.flatMap(s => s.instances.map(i => i.name));
    for (const decoy of [
      'redis-ui',
      'kv-dashboard',
      'postgres-exporter',
      'redis-commander',
    ]) {
      expect(names).not.toContain(decoy);
    }

    const pg = instance(result, 'postgresql', 'orders-pg');
    expect(pg.workload).toMatchObject({
      kind: 'StatefulSet',
      ready: 1,
      desired: 1,
      version: '16.4',
    });
    expect(pg.matchedBy).toContain('image');
    expect(addresses(pg, 'ClusterIP')).toEqual([dns('orders-pg', 5432)]);
    expect(addresses(pg, 'Headless')).toEqual([
      `orders-pg-0.orders-pg-headless.${ns.name}.svc.cluster.local:5432`,
    ]);
    expect(pg.credentialsSecret).toBe('orders-pg-credentials');

    const cnpg = instance(result, 'postgresql', 'billing-db');
    expect(cnpg.workload).toMatchObject({
      kind: 'Cluster',
      apiVersion: 'postgresql.cnpg.io/v1',
      desired: 2,
      version: '16.3',
    });
    expect(cnpg.matchedBy).toEqual(['operator']);
    expect(addresses(cnpg)).toEqual([dns('billing-db-rw', 5432)]);
    expect(cnpg.credentialsSecret).toBe('billing-db-app');

    const kafka = instance(result, 'kafka', 'stream');
    expect(kafka.workload).toMatchObject({ kind: 'Kafka', desired: 3 });
    expect(kafka.workload.version).toBe('3.7.0');
    expect(addresses(kafka)).toEqual([dns('stream-kafka-bootstrap', 9092)]);

    const mariadb = instance(result, 'mysql', 'shop-mariadb');
    expect(mariadb.matchedBy).toEqual(
      expect.arrayContaining(['label', 'chart', 'port']),
    );
    expect(mariadb.matchedBy).not.toContain('image');
    expect(mariadb.workload.version).toBe('11.3.2');
    expect(addresses(mariadb)).toEqual([dns('shop-mariadb', 3306)]);
    expect(mariadb.credentialsSecret).toBe('shop-mariadb');

    // NodePort: the InternalIP of the node that runs the pod.
    const core = testKubeConfig(dev).makeApiClient(CoreV1Api);
    const [pod] = (
      await core.listNamespacedPod({
        namespace: ns.name,
        labelSelector: 'app=cache',
      })
    ).items;
    const node = await core.readNode({ name: pod.spec!.nodeName! });
    const nodeIp = node.status!.addresses!.find(
      a => a.type === 'InternalIP',
    )!.address;
    const service = await core.readNamespacedService({
      name: 'cache',
      namespace: ns.name,
    });
    const redis = instance(result, 'redis', 'cache');
    expect(redis.workload).toMatchObject({
      kind: 'Deployment',
      ready: 1,
      desired: 1,
      version: '7.2.4',
    });
    expect(addresses(redis, 'ClusterIP')).toEqual([dns('cache', 6379)]);
    expect(addresses(redis, 'NodePort')).toEqual([
      `${nodeIp}:${service.spec!.ports![0].nodePort}`,
    ]);

    const mongo = instance(result, 'mongodb', 'catalog-mongo');
    expect(addresses(mongo, 'LoadBalancer')).toEqual(['192.0.2.20:27017']);

    const search = instance(result, 'elasticsearch', 'search');
    expect(search.workload).toMatchObject({ ready: 2, desired: 2 });
    expect(addresses(search, 'Headless')).toEqual([
      `search-0.search.${ns.name}.svc.cluster.local:9200`,
      `search-1.search.${ns.name}.svc.cluster.local:9200`,
    ]);

    expect(addresses(instance(result, 'rabbitmq', 'events'))).toEqual([
      dns('events', 5672),
      dns('events', 15672),
    ]);
    expect(
      instance(result, 'memcached', 'sessions-memcached').workload,
    ).toMatchObject({ kind: 'Pod', desired: 1, version: '1.6.29' });
    expect(instance(result, 'nats', 'bus').endpoints[0].address).toBe(
      dns('bus', 4222),
    );
    expect(instance(result, 'minio', 'objects').workload.version).toBe(
      undefined,
    );

    expect(result).toMatchObject({
      cluster: 'test-dev',
      namespace: ns.name,
      scannedBy: 'user:default/mock',
    });
    // Secrets by name only.
    expect(JSON.stringify(result)).not.toContain('not-a-real-password');
  });

  it('answers the stored scan again, and a rescan replaces it; both audited', async () => {
    const first = await scan({ namespace: ns.name });
    const second = await scan({ namespace: ns.name });
    const stored = await request(server).get(
      `${api}/infra-scans?cluster=test-dev&namespace=${ns.name}`,
    );
    expect(stored.status).toBe(200);
    expect(stored.body.items).toHaveLength(1);
    expect(stored.body.items[0].scannedAt).toBe(second.scannedAt);
    expect(stored.body.items[0].scannedAt >= first.scannedAt).toBe(true);
    expect(stored.body.items[0].services).toEqual(second.services);

    const audit = await request(server).get(
      `${api}/audit?action=infra-scan&namespace=${ns.name}`,
    );
    expect(audit.body.items.length).toBeGreaterThanOrEqual(2);
    expect(audit.body.items[0]).toMatchObject({
      cluster: 'test-dev',
      outcome: 'succeeded',
    });
    expect(audit.body.items[0].summary).toContain('PostgreSQL (2)');
  });

  it('scans every namespace at once, stored apart from the namespace scans', async () => {
    const result = await scan({ allNamespaces: true });
    expect(result.namespace).toBeUndefined();
    const postgres = typeOf(result, 'postgresql').instances.map(
      i => `${i.namespace}/${i.name}`,
    );
    expect(postgres).toEqual(
      expect.arrayContaining([
        'team-data/orders-db',
        `${ns.name}/orders-pg`,
        `${ns.name}/billing-db`,
      ]),
    );
    const stored = await request(server).get(
      `${api}/infra-scans?cluster=test-dev&allNamespaces=true`,
    );
    expect(stored.body.items).toHaveLength(1);
    expect(stored.body.items[0].namespace).toBeUndefined();
  });

  it('sees only the objects the person may read', async () => {
    policy = name =>
      name === 'k8s-ops.resource.read'
        ? { result: AuthorizeResult.DENY }
        : { result: AuthorizeResult.ALLOW };
    const result = await scan({ namespace: ns.name });
    expect(result.services.every(s => !s.found)).toBe(true);
  });

  it.each([
    [{}, 'give either a namespace or allNamespaces: true'],
    [
      { namespace: 'team-data', allNamespaces: true },
      'give either a namespace or allNamespaces: true',
    ],
    [{ namespace: 'Not_A_Namespace' }, 'namespace'],
    [{ namespace: 'team-data', extra: 1 }, 'extra'],
  ])('400 with a message for the body %j', async (body, message) => {
    const res = await request(server)
      .post(`${api}/clusters/test-dev/infra-scan`)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('404 when the cluster is unknown', async () => {
    const res = await request(server)
      .post(`${api}/clusters/nowhere/infra-scan`)
      .send({ namespace: 'default' });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain("No cluster named 'nowhere'");
  });

  it('403 naming the permission when infra.scan is denied, audited', async () => {
    policy = name =>
      name === 'k8s-ops.infra.scan'
        ? { result: AuthorizeResult.DENY }
        : { result: AuthorizeResult.ALLOW };
    const res = await request(server)
      .post(`${api}/clusters/test-dev/infra-scan`)
      .send({ namespace: 'kube-system' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      "You may not scan cluster 'test-dev'",
    );
    policy = allowAll;
    const audit = await request(server).get(
      `${api}/audit?action=infra-scan&namespace=kube-system`,
    );
    expect(audit.body.items[0]).toMatchObject({
      outcome: 'failed',
      status: 403,
    });
  });

  it('leaves out of stored scans the workloads the person may not read', async () => {
    await scan({ namespace: ns.name });
    policy = name =>
      name === 'k8s-ops.resource.read'
        ? createK8sOpsResourceConditionalDecision(
            k8sOpsResourceReadPermission,
            k8sOpsResourceConditions.isKind({ kinds: ['Deployment'] }),
          )
        : { result: AuthorizeResult.ALLOW };
    const stored = await request(server).get(
      `${api}/infra-scans?cluster=test-dev&namespace=${ns.name}`,
    );
    const kinds = new Set(
      (stored.body.items[0] as InfraScan).services.flatMap(s =>
        s.instances.map(i => i.workload.kind),
      ),
    );
    expect([...kinds]).toEqual(['Deployment']);
    expect(typeOf(stored.body.items[0], 'elasticsearch').found).toBe(false);
  });

  it('hides the stored scans of clusters the person may not see', async () => {
    await scan({ namespace: ns.name });
    policy = name =>
      name === 'k8s-ops.cluster.read'
        ? { result: AuthorizeResult.DENY }
        : { result: AuthorizeResult.ALLOW };
    const all = await request(server).get(`${api}/infra-scans`);
    expect(all.body.items).toEqual([]);
    const one = await request(server).get(
      `${api}/infra-scans?cluster=test-dev`,
    );
    expect(one.status).toBe(404);
  });

  it('forgets the scans of a cluster when it is removed', async () => {
    const registered = await request(server)
      .post(`${api}/clusters`)
      .send({ kubeconfig: testClusterKubeconfig(dev), name: 'scan-me' });
    expect(registered.status).toBe(201);
    await eventually('the registered cluster to be scannable', async () => {
      const res = await request(server)
        .post(`${api}/clusters/scan-me/infra-scan`)
        .send({ namespace: ns.name });
      return res.status === 200 || undefined;
    });
    expect(
      await knex('k8s_ops_infra_scans').where({ cluster: 'scan-me' }),
    ).toHaveLength(1);
    const removed = await request(server).delete(`${api}/clusters/scan-me`);
    expect(removed.status).toBe(204);
    await eventually('the scans to be gone', async () =>
      (
        await knex('k8s_ops_infra_scans').where({ cluster: 'scan-me' })
      ).length === 0
        ? true
        : undefined,
    );
    expect(
      await knex('k8s_ops_infra_scans').where({ cluster: 'test-dev' }),
    ).not.toHaveLength(0);
  });
});
