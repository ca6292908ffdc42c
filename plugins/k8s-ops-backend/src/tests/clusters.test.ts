import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createTestNamespace,
  TestCluster,
  testClusters,
} from '@k8s-ops/local-kube/testing';
import { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import { stringify } from 'yaml';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import {
  allowAll,
  startK8sOpsBackend,
  TestPolicy,
} from '../__testUtils__/startK8sOpsBackend';

const api = '/api/k8s-ops';
const databases = createTestDatabases();
const key = randomBytes(32).toString('base64');

function kubeconfig(
  cluster: TestCluster,
  token: string,
  server = cluster.server,
) {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'c',
        cluster: {
          server,
          'certificate-authority-data': Buffer.from(cluster.caPem).toString(
            'base64',
          ),
        },
      },
    ],
    users: [{ name: 'u', user: { token } }],
    contexts: [{ name: 'main', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'main',
  });
}

describe.each(databases.eachSupportedId())(
  'cluster registry on %s',
  databaseId => {
    let dev: TestCluster;
    let knex: Knex;
    let server: Server;
    let policy: TestPolicy = allowAll;

    beforeAll(async () => {
      [dev] = testClusters();
      knex = await databases.init(databaseId);
      const backend = await startK8sOpsBackend({
        knex,
        policy: () => policy,
        config: {
          k8sOps: {
            cache: { prewarm: [] },
            encryption: { keys: [key] },
            clusters: [
              {
                name: 'from-config',
                url: 'https://127.0.0.1:1',
                token: 'config-token',
              },
            ],
          },
        },
      });
      server = backend.server;
    });

    beforeEach(() => {
      policy = allowAll;
    });

    it('registers a cluster from a pasted kubeconfig, and never stores its token in clear', async () => {
      const res = await request(server)
        .post(`${api}/clusters`)
        .send({
          kubeconfig: kubeconfig(dev, dev.adminToken),
          name: 'pasted',
          title: 'Pasted',
          group: 'staging',
          labels: { team: 'platform' },
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: 'pasted',
        source: 'registered',
        url: dev.server,
        group: 'staging',
        labels: { team: 'platform' },
      });
      expect(JSON.stringify(res.body)).not.toContain(dev.adminToken);

      const rows = await knex('k8s_ops_clusters').select();
      const stored = JSON.stringify(rows);
      expect(stored).toContain('pasted');
      expect(stored).not.toContain(dev.adminToken);
      expect(stored).not.toContain(
        Buffer.from(dev.adminToken).toString('base64'),
      );

      const pods = await request(server).get(
        `${api}/clusters/pasted/resources/pods?namespace=team-shop`,
      );
      expect(pods.status).toBe(200);
      expect(pods.body.items.length).toBeGreaterThan(0);

      const audit = await request(server).get(
        `${api}/audit?action=cluster-register`,
      );
      expect(audit.body.items[0]).toMatchObject({
        cluster: 'pasted',
        outcome: 'succeeded',
      });
      expect(JSON.stringify(audit.body)).not.toContain(dev.adminToken);
    });

    it('lists the contexts of a kubeconfig for a picker', async () => {
      const res = await request(server)
        .post(`${api}/clusters/contexts`)
        .send({ kubeconfig: kubeconfig(dev, dev.adminToken) });
      expect(res.status).toBe(200);
      expect(res.body.contexts.map((c: { name: string }) => c.name)).toEqual([
        'main',
      ]);
      expect(JSON.stringify(res.body)).not.toContain(dev.adminToken);
    });

    it.each([
      [
        'an unreachable server',
        () => kubeconfig(dev, dev.adminToken, 'https://127.0.0.1:1'),
        "Cannot register cluster 'bad': Cluster 'bad' is unreachable: connection refused",
      ],
      [
        'a token the cluster refuses',
        () => kubeconfig(dev, 'not-a-valid-token'),
        "Cannot register cluster 'bad': Cluster 'bad' refused the credentials",
      ],
      [
        'a credential plugin',
        () =>
          kubeconfig(dev, dev.adminToken).replace(
            'token:',
            'exec: { command: /bin/sh }\n      tok:',
          ),
        'exec',
      ],
      [
        'a file reference',
        () =>
          kubeconfig(dev, dev.adminToken).replace(
            'certificate-authority-data',
            'certificate-authority',
          ),
        'certificate-authority',
      ],
    ])('400 for %s, with the reason', async (_, config, message) => {
      const res = await request(server)
        .post(`${api}/clusters`)
        .send({ kubeconfig: config(), name: 'bad' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(res.body.error.message).not.toContain(dev.adminToken);
    });

    it('409 for a name already taken', async () => {
      const res = await request(server)
        .post(`${api}/clusters`)
        .send({
          kubeconfig: kubeconfig(dev, dev.adminToken),
          name: 'from-config',
        });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        "A cluster named 'from-config' already exists",
      );
    });

    it('updates labels, group and read-only of a registered cluster, not of a configured one', async () => {
      const res = await request(server)
        .patch(`${api}/clusters/pasted`)
        .send({ labels: { team: 'shop' }, readOnly: true, group: null });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        labels: { team: 'shop' },
        readOnly: true,
      });
      expect(res.body.group).toBeUndefined();
      const scale = await request(server)
        .post(
          `${api}/clusters/pasted/resources/deployments/storefront/scale?namespace=team-shop`,
        )
        .send({ replicas: 3 });
      expect(scale.status).toBe(403);
      await request(server)
        .patch(`${api}/clusters/pasted`)
        .send({ readOnly: false });

      const config = await request(server)
        .patch(`${api}/clusters/from-config`)
        .send({ readOnly: true });
      expect(config.status).toBe(409);
      expect(config.body.error.message).toBe(
        "Cluster 'from-config' comes from app-config; change it there",
      );
    });

    it('checks health: reachable with version and nodes, or unreachable with the reason', async () => {
      const ok = await request(server).post(`${api}/clusters/pasted/health`);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        status: 'reachable',
        version: 'v1.34.4',
        nodes: 3,
      });
      const down = await request(server).post(
        `${api}/clusters/from-config/health`,
      );
      expect(down.body).toMatchObject({ status: 'unreachable' });
      expect(down.body.error).toContain('connection refused');
      const list = await request(server).get(`${api}/clusters`);
      const health = Object.fromEntries(
        list.body.items.map(
          (c: { name: string; health?: { status: string } }) => [
            c.name,
            c.health?.status,
          ],
        ),
      );
      expect(health).toEqual({
        'from-config': 'unreachable',
        pasted: 'reachable',
      });
    });

    it('exports without credentials by default, with them only when allowed, and imports', async () => {
      const plain = await request(server).get(`${api}/clusters/export`);
      expect(plain.status).toBe(200);
      expect(plain.body.clusters.map((c: { name: string }) => c.name)).toEqual([
        'pasted',
      ]);
      expect(plain.body.clusters[0].credentials).toBeUndefined();

      policy = name =>
        name === 'k8s-ops.secret.reveal'
          ? { result: AuthorizeResult.DENY }
          : { result: AuthorizeResult.ALLOW };
      const refused = await request(server).get(
        `${api}/clusters/export?includeCredentials=true`,
      );
      expect(refused.status).toBe(403);

      policy = allowAll;
      const full = await request(server).get(
        `${api}/clusters/export?includeCredentials=true`,
      );
      expect(full.body.clusters[0].credentials.token).toBe(dev.adminToken);

      const renamed = {
        clusters: [{ ...full.body.clusters[0], name: 'imported' }],
      };
      const imported = await request(server)
        .post(`${api}/clusters/import`)
        .send(renamed);
      expect(imported.status).toBe(200);
      expect(imported.body).toEqual({ imported: ['imported'] });
      const again = await request(server)
        .post(`${api}/clusters/import`)
        .send(renamed);
      expect(again.status).toBe(409);
    });

    it('403 for registry changes without the manage permission', async () => {
      policy = () => ({ result: AuthorizeResult.DENY });
      const res = await request(server).delete(`${api}/clusters/imported`);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'You may not manage k8s-ops clusters',
      );
    });

    it('removes a registered cluster', async () => {
      expect(
        (await request(server).delete(`${api}/clusters/imported`)).status,
      ).toBe(204);
      expect(
        (await request(server).get(`${api}/clusters/imported`)).status,
      ).toBe(404);
      expect(
        (await request(server).delete(`${api}/clusters/imported`)).status,
      ).toBe(404);
    });

    it('keeps exactly one audit row for each of 100 concurrent changes', async () => {
      const ns = await createTestNamespace(dev, 'audit');
      try {
        const created = await request(server)
          .post(`${api}/clusters/pasted/apply`)
          .send({
            object: {
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'counter', namespace: ns.name },
            },
          });
        expect(created.status).toBe(200);
        // The first read starts the watch; every change after reads the cache.
        await request(server).get(
          `${api}/clusters/pasted/resources/configmaps/counter?namespace=${ns.name}`,
        );
        const results = await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            request(server)
              .patch(
                `${api}/clusters/pasted/resources/configmaps/counter?namespace=${ns.name}`,
              )
              .send({ patch: { data: { [`k${i}`]: String(i) } } }),
          ),
        );
        expect(results.map(r => r.status).filter(s => s !== 200)).toEqual([]);
        const [{ count }] = await knex('k8s_ops_audit')
          .where({
            action: 'resource-patch',
            namespace: ns.name,
            name: 'counter',
          })
          .count({ count: '*' });
        expect(Number(count)).toBe(100);
      } finally {
        await ns.remove();
      }
    });
  },
);

describe('cluster registry without an encryption key', () => {
  it('refuses registration, naming the setting to add', async () => {
    const [dev] = testClusters();
    const { server } = await startK8sOpsBackend({
      policy: () => allowAll,
      config: { k8sOps: { cache: { prewarm: [] } } },
    });
    const res = await request(server)
      .post(`${api}/clusters`)
      .send({ kubeconfig: kubeconfig(dev, dev.adminToken), name: 'nokey' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('k8sOps.encryption.keys');
  });
});
