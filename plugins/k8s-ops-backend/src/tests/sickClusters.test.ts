import { CoreV1Api } from '@kubernetes/client-node';
import { ensureKubeBinaries, LocalCluster } from '@k8s-ops/local-kube';
import {
  createTestNamespace,
  eventually,
  TestCluster,
  testClusters,
} from '@k8s-ops/local-kube/testing';
import { Server } from 'node:http';
import request from 'supertest';
import { openChanges } from '../__testUtils__/openChanges';
import { DiscoveryCache } from '../kube/DiscoveryCache';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import {
  allowAll,
  startK8sOpsBackend,
} from '../__testUtils__/startK8sOpsBackend';

const api = '/api/k8s-ops';
/**
 * Reads are answered from the cache: a read that takes longer than this
 * waited on a sick cluster, and fails the test.
 */
const READ_TIMEOUT_MS = 5_000;
/** Writes and first lists fail within their own timeouts, well under this. */
const SICK_TIMEOUT_MS = 30_000;

function clusterConfig(cluster: {
  name: string;
  server: string;
  caPem: string;
  adminToken: string;
}) {
  return {
    name: cluster.name,
    url: cluster.server,
    caData: Buffer.from(cluster.caPem).toString('base64'),
    token: cluster.adminToken,
  };
}

function namesOf(res: request.Response): string[] {
  return res.body.items.map((o: { metadata: { name: string } }) => {
    return o.metadata.name;
  });
}

/**
 * Reads a route until `done` accepts the answer; every read must answer 200
 * in time (a read that hangs or fails is not retried), and the wait fails
 * after `timeoutMs`.
 */
async function readUntil(
  what: string,
  read: () => Promise<request.Response>,
  done: (res: request.Response) => boolean,
  timeoutMs = 30_000,
): Promise<request.Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await read();
    expect(res.status).toBe(200);
    if (done(res)) {
      return res;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}; last answer: ${JSON.stringify(
          res.body.freshness,
        )} ${namesOf(res).join(', ')}`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

describe('sick clusters', () => {
  // A cluster of its own: the tests freeze and kill its API server.
  let sick: LocalCluster;
  let sickCore: CoreV1Api;
  let healthy: TestCluster;

  beforeAll(async () => {
    sick = await LocalCluster.start({
      name: 'sick',
      binDir: await ensureKubeBinaries(),
      nodes: 1,
    });
    sickCore = sick.kubeConfig().makeApiClient(CoreV1Api);
    healthy = testClusters()[0];
  }, 120_000);

  afterAll(async () => {
    await sick?.stop();
  });

  async function createConfigMap(namespace: string, name: string) {
    // Retried: an API server that just came back may still refuse.
    await eventually(`config map ${name} to be created`, () =>
      sickCore
        .createNamespacedConfigMap({ namespace, body: { metadata: { name } } })
        .then(() => true),
    );
  }

  it('a frozen API server is marked stale while other clusters answer, refuses writes with 503, and is followed again once it resumes', async () => {
    const ns = 'frozen';
    await sickCore.createNamespace({ body: { metadata: { name: ns } } });
    await createConfigMap(ns, 'before');
    const neighbour = await createTestNamespace(healthy, 'sick-neighbour');
    const { server } = await startK8sOpsBackend({
      policy: () => allowAll,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          // Only what the test reads is watched.
          search: { enabled: false },
          clusters: [clusterConfig(sick), clusterConfig(healthy)],
        },
      },
    });
    const sickList = () =>
      request(server)
        .get(`${api}/clusters/sick/resources/configmaps?namespace=${ns}`)
        .timeout(READ_TIMEOUT_MS);
    const healthyList = () =>
      request(server)
        .get(
          `${api}/clusters/${healthy.name}/resources/configmaps?namespace=${neighbour.name}`,
        )
        .timeout(READ_TIMEOUT_MS);

    const live = await sickList();
    expect(live.status).toBe(200);
    expect(live.body.freshness.live).toBe(true);
    expect(namesOf(live)).toContain('before');
    expect((await healthyList()).body.freshness.live).toBe(true);

    sick.freezeApiServer();
    try {
      const neighbourDuringFreeze = await healthyList();
      expect(neighbourDuringFreeze.status).toBe(200);
      expect(neighbourDuringFreeze.body.freshness.live).toBe(true);
      expect(namesOf(neighbourDuringFreeze)).toContain('kube-root-ca.crt');

      const stale = await readUntil(
        'the frozen cluster to be marked stale',
        sickList,
        res => res.body.freshness.live === false,
      );
      expect(namesOf(stale)).toEqual(namesOf(live));
      expect(stale.body.freshness.staleSeconds).toBeGreaterThanOrEqual(0);
      expect(stale.body.freshness.error).toContain(
        "Cluster 'sick' is unreachable",
      );

      const afterStale = await healthyList();
      expect(afterStale.status).toBe(200);
      expect(afterStale.body.freshness.live).toBe(true);

      const write = await request(server)
        .patch(
          `${api}/clusters/sick/resources/configmaps/before?namespace=${ns}`,
        )
        .send({ patch: { data: { during: 'freeze' } } })
        .timeout(SICK_TIMEOUT_MS);
      expect(write.status).toBe(503);
      expect(write.body.error.message).toContain(
        "Cluster 'sick' is unreachable",
      );

      const firstList = await request(server)
        .get(`${api}/clusters/sick/resources/secrets?namespace=${ns}`)
        .timeout(SICK_TIMEOUT_MS);
      expect(firstList.status).toBe(503);
      expect(firstList.body.error.message).toContain("Cluster 'sick'");

      const health = await request(server)
        .post(`${api}/clusters/sick/health`)
        .timeout(SICK_TIMEOUT_MS);
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({
        status: 'unreachable',
        error: expect.stringContaining("Cluster 'sick' is unreachable"),
      });
    } finally {
      sick.unfreezeApiServer();
    }

    await createConfigMap(ns, 'after');
    const resumed = await readUntil(
      'a change made after the freeze',
      sickList,
      res => res.body.freshness.live && namesOf(res).includes('after'),
    );
    expect(namesOf(resumed)).toEqual(['after', 'before', 'kube-root-ca.crt']);
    const write = await request(server)
      .patch(`${api}/clusters/sick/resources/configmaps/before?namespace=${ns}`)
      .send({ patch: { data: { after: 'freeze' } } })
      .timeout(SICK_TIMEOUT_MS);
    expect(write.status).toBe(200);
    expect(write.body.data).toEqual({ after: 'freeze' });
    await neighbour.remove();
  }, 180_000);

  it('discovery past its age answers at once from the last good copy while the cluster is frozen, and a failed refresh keeps it', async () => {
    const clients = new KubeClientFactory();
    // Every read finds the copy too old and refreshes it in the background,
    // and a kind it did not serve is always asked about again.
    const discovery = new DiscoveryCache({
      ttlMs: 0,
      timeoutMs: 1_000,
      retryAfterMs: 0,
    });
    // Asks again about a kind it did not serve only after 10 s.
    const recent = new DiscoveryCache({ timeoutMs: 1_000 });
    const client = clients.forCluster({
      name: 'sick',
      title: 'sick',
      source: 'config',
      url: sick.server,
      labels: {},
      readOnly: false,
      impersonate: false,
      credentials: {
        caData: Buffer.from(sick.caPem).toString('base64'),
        token: sick.adminToken,
      },
    });
    try {
      const good = await discovery.kinds(client);
      expect(good.map(k => k.resource)).toContain('configmaps');
      await recent.kinds(client);
      sick.freezeApiServer();
      try {
        await expect(discovery.kinds(client)).resolves.toBe(good);
        await expect(discovery.resolve(client, 'deploy')).resolves.toEqual(
          expect.objectContaining({ group: 'apps', kind: 'Deployment' }),
        );
        // A kind it never served needs a fresh discovery, which fails.
        await expect(discovery.resolve(client, 'widgets')).rejects.toThrow(
          "Cluster 'sick' is unreachable",
        );
        await expect(discovery.kinds(client)).resolves.toBe(good);
        // Discovered a moment ago: the kind is unknown without asking.
        await expect(recent.resolve(client, 'widgets')).rejects.toThrow(
          "Cluster 'sick' serves no kind 'widgets'",
        );
      } finally {
        sick.unfreezeApiServer();
      }
    } finally {
      clients.close();
    }
  });

  it('a restarted API server is followed again: a change made after the restart reaches the list and the change stream', async () => {
    const ns = 'restarted';
    await sickCore.createNamespace({ body: { metadata: { name: ns } } });
    await createConfigMap(ns, 'before');
    const { server } = await startK8sOpsBackend({
      policy: () => allowAll,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          // Only what the test reads is watched.
          search: { enabled: false },
          clusters: [clusterConfig(sick)],
        },
      },
    });
    const list = () =>
      request(server)
        .get(`${api}/clusters/sick/resources/configmaps?namespace=${ns}`)
        .timeout(READ_TIMEOUT_MS);
    expect(namesOf(await list())).toContain('before');
    const changes = await openChanges(
      server as Server,
      `resources=configmaps&namespace=${ns}&clusters=sick`,
    );
    try {
      // Something the backend does not watch changes, as always happens on a
      // real cluster: the restarted API server starts its watch cache past
      // the backend's resourceVersion, which is then too old (410 Gone).
      await sickCore.createNamespacedSecret({
        namespace: ns,
        body: { metadata: { name: 'moves-the-revision' } },
      });
      await sick.killApiServer();
      const down = await readUntil(
        'the stopped cluster to be marked stale',
        list,
        res => res.body.freshness.live === false,
      );
      expect(down.body.freshness.error).toContain("Cluster 'sick'");

      await sick.startApiServer();
      await createConfigMap(ns, 'after-restart');
      const followed = await readUntil(
        'a change made after the restart',
        list,
        res =>
          res.body.freshness.live && namesOf(res).includes('after-restart'),
      );
      expect(namesOf(followed)).toEqual([
        'after-restart',
        'before',
        'kube-root-ca.crt',
      ]);
      const streamed = await eventually(
        'the change on the change stream',
        async () =>
          changes.received.find(
            c => c.object.metadata.name === 'after-restart',
          ),
        30_000,
      );
      expect(streamed).toMatchObject({
        type: 'ADDED',
        cluster: 'sick',
        resource: 'configmaps',
      });
    } finally {
      changes.close();
    }
  }, 180_000);
});
