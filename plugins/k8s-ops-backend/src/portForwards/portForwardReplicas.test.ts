import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { CoreV1Api } from '@kubernetes/client-node';
import {
  createTestNamespace,
  eventually,
  TestCluster,
  testClusters,
  testKubeConfig,
} from '@k8s-ops/local-kube/testing';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import WebSocket from 'ws';
import {
  allowAll,
  startK8sOpsBackend,
} from '../__testUtils__/startK8sOpsBackend';
import { testClusterConfig } from '../__testUtils__/testClusterConfig';

const api = '/api/k8s-ops';
const auth = mockCredentials.user.header('user:default/dana');

// Replicas share PostgreSQL, as in production.
const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

describe('port-forwards across backend replicas on one PostgreSQL', () => {
  let dev: TestCluster;
  let knex: Knex;
  let ns: { name: string; remove(): Promise<void> };

  const startReplica = async (
    replica: string,
    limits: { idleMinutes?: number; maxTotal?: number } = {},
  ) => {
    const backend = await startK8sOpsBackend({
      policy: () => allowAll,
      knex,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          clusters: [testClusterConfig(dev)],
          portForwards: { replica, pollSeconds: 0.2, ...limits },
        },
      },
    });
    return { ...backend, server: backend.server as Server };
  };

  /** A session on the seeded Service team-data/orders-db. */
  const startOrdersDb = (server: Server) =>
    request(server)
      .post(`${api}/port-forwards`)
      .set('authorization', auth)
      .send({
        cluster: 'test-dev',
        namespace: 'team-data',
        target: { kind: 'service', name: 'orders-db' },
        ports: [5432],
      });

  const session = async (server: Server, id: string) =>
    (
      await request(server)
        .get(`${api}/port-forwards/${id}`)
        .set('authorization', auth)
    ).body;

  beforeAll(async () => {
    [dev] = testClusters();
    knex = await databases.init('POSTGRES_15');
    ns = await createTestNamespace(dev, 'forwards');
  });

  afterAll(async () => {
    await ns.remove();
  });

  it('a session started on one replica is listed and stopped on another; the holder closes its connections', async () => {
    const a = await startReplica('replica-a');
    const b = await startReplica('replica-b');
    try {
      const started = await startOrdersDb(a.server);
      expect(started.status).toBe(201);
      const { id } = started.body;

      // A connection held open on replica A.
      const port = (a.server.address() as { port: number }).port;
      const ws = new WebSocket(
        `ws://127.0.0.1:${port}${api}/port-forwards/tunnel?id=${id}&port=5432`,
        { headers: { authorization: auth } },
      );
      await new Promise((resolveOpen, reject) => {
        ws.once('open', resolveOpen);
        ws.once('error', reject);
      });
      const closed = new Promise(resolveClose =>
        ws.once('close', resolveClose),
      );

      const listed = await request(b.server)
        .get(`${api}/port-forwards?scope=all`)
        .set('authorization', auth);
      expect(listed.body.items).toContainEqual(
        expect.objectContaining({ id, replica: 'replica-a', state: 'active' }),
      );
      const stopped = await request(b.server)
        .delete(`${api}/port-forwards/${id}`)
        .set('authorization', auth);
      expect(stopped.body).toMatchObject({ id, state: 'stopped' });
      await closed;
      expect((await session(a.server, id)).state).toBe('stopped');
    } finally {
      await b.stop();
      await a.stop();
    }
  });

  it('after a restart the replica reopens its sessions, and marks failed those it cannot, audited', async () => {
    const core = testKubeConfig(dev).makeApiClient(CoreV1Api);
    await eventually('a pod of the test', () =>
      core.createNamespacedPod({
        namespace: ns.name,
        body: {
          metadata: { name: 'web' },
          spec: { containers: [{ name: 'web', image: 'nginx' }] },
        },
      }),
    );
    const a = await startReplica('replica-a');
    const start = (body: object) =>
      request(a.server)
        .post(`${api}/port-forwards`)
        .set('authorization', auth)
        .send(body);
    const kept = await eventually('a session on orders-db', async () => {
      const res = await start({
        cluster: 'test-dev',
        namespace: 'team-data',
        target: { kind: 'service', name: 'orders-db' },
        ports: [5432],
      });
      return res.status === 201 ? res.body : undefined;
    });
    const lost = await eventually('a session on the test pod', async () => {
      const res = await start({
        cluster: 'test-dev',
        namespace: ns.name,
        target: { kind: 'pod', name: 'web' },
        ports: [80],
      });
      return res.status === 201 ? res.body : undefined;
    });
    await a.stop();
    await core.deleteNamespacedPod({
      namespace: ns.name,
      name: 'web',
      gracePeriodSeconds: 0,
    });
    await eventually('the pod gone', async () => {
      const pods = await core.listNamespacedPod({ namespace: ns.name });
      return pods.items.length === 0 ? true : undefined;
    });

    const again = await startReplica('replica-a');
    try {
      const failed = await eventually('the lost session failed', async () => {
        const s = await session(again.server, lost.id);
        return s.state === 'failed' ? s : undefined;
      });
      expect(failed.error).toBe(
        `could not be reopened after the backend restarted: Pod ${ns.name}/web not found on cluster 'test-dev'`,
      );
      const reopened = await session(again.server, kept.id);
      expect(reopened.state).toBe('active');
      const proxied = await request(again.server)
        .get(`${api}/port-forwards/${kept.id}/proxy/`)
        .set('authorization', auth);
      expect(proxied.text).toBe('hello from a pod of test-dev: GET /\n');

      const audit = await request(again.server)
        .get(`${api}/audit?action=port-forward-fail&limit=1`)
        .set('authorization', auth);
      expect(audit.body.items[0]).toMatchObject({
        actor: 'user:default/dana',
        outcome: 'failed',
        namespace: ns.name,
        kind: 'Pod',
        name: 'web',
      });
    } finally {
      await again.stop();
    }
  });

  it('the sessions of a replica that is gone are taken over by another', async () => {
    const a = await startReplica('replica-gone');
    const started = await startOrdersDb(a.server);
    expect(started.status).toBe(201);
    await a.stop();
    const b = await startReplica('replica-b');
    try {
      const adopted = await eventually('the session taken over', async () => {
        const s = await session(b.server, started.body.id);
        return s.replica === 'replica-b' ? s : undefined;
      });
      expect(adopted.state).toBe('active');
    } finally {
      await b.stop();
    }
  });

  it('a session nobody uses stops after the idle timeout', async () => {
    // 0.005 minutes: 300 ms.
    const a = await startReplica('replica-idle', { idleMinutes: 0.005 });
    try {
      const started = await startOrdersDb(a.server);
      const idle = await eventually('the session stopped', async () => {
        const s = await session(a.server, started.body.id);
        return s.state === 'stopped' ? s : undefined;
      });
      expect(idle.error).toBe('idle timeout');
    } finally {
      await a.stop();
    }
  });

  it('409 beyond the limit of the whole portal, counted over every replica', async () => {
    // Sessions of the tests before, taken over or reopened, still count.
    const active = await knex('k8s_ops_port_forwards')
      .where({ state: 'active' })
      .count({ count: '*' });
    const maxTotal = Number(active[0].count) + 1;
    const a = await startReplica('replica-limit', { maxTotal });
    try {
      const first = await startOrdersDb(a.server);
      expect(first.status).toBe(201);
      const second = await request(a.server)
        .post(`${api}/port-forwards`)
        .set('authorization', mockCredentials.user.header('user:default/sam'))
        .send({
          cluster: 'test-dev',
          namespace: 'team-data',
          target: { kind: 'service', name: 'orders-db' },
          ports: [5432],
        });
      expect(second.status).toBe(409);
      expect(second.body.error.message).toBe(
        `The portal has ${maxTotal} port-forwards open, the most it allows; try again later`,
      );
      await request(a.server)
        .delete(`${api}/port-forwards/${first.body.id}`)
        .set('authorization', auth);
    } finally {
      await a.stop();
    }
  });
});
