import {
  eventually,
  TestCluster,
  testClusters,
} from '@k8s-ops/local-kube/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { stringify } from 'yaml';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import {
  allowAll,
  startK8sOpsBackend,
} from '../__testUtils__/startK8sOpsBackend';

const api = '/api/k8s-ops';

function kubeconfig(cluster: TestCluster, contexts: string[]) {
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
    users: [
      { name: 'admin', user: { token: cluster.adminToken } },
      { name: 'limited', user: { token: cluster.limitedToken } },
    ],
    contexts: contexts.map((name, i) => ({
      name,
      context: { cluster: 'c', user: i === 0 ? 'admin' : 'limited' },
    })),
    'current-context': contexts[0],
  });
}

describe('cluster sources', () => {
  it('adds every context of a local kubeconfig when enabled', async () => {
    const [dev] = testClusters();
    const dir = await mkdtemp(join(tmpdir(), 'k8s-ops-kubeconfig-'));
    try {
      const path = join(dir, 'config');
      await writeFile(path, kubeconfig(dev, ['Dev Admin', 'dev-limited']));
      const { server } = await startK8sOpsBackend({
        policy: () => allowAll,
        config: {
          k8sOps: {
            cache: { prewarm: [] },
            kubeconfig: { enabled: true, path },
          },
        },
      });
      const list = await request(server).get(`${api}/clusters`);
      expect(
        list.body.items.map(
          (c: { name: string; title: string; source: string }) => [
            c.name,
            c.title,
            c.source,
          ],
        ),
      ).toEqual([
        ['dev-admin', 'Dev Admin', 'kubeconfig'],
        ['dev-limited', 'dev-limited', 'kubeconfig'],
      ]);
      const pods = await request(server).get(
        `${api}/clusters/dev-admin/resources/pods?namespace=team-shop`,
      );
      expect(pods.status).toBe(200);
      expect(pods.body.items.length).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'replicas sharing %s',
  databaseId => {
    it('a cluster registered through one replica reaches another within seconds', async () => {
      const [dev] = testClusters();
      const knex = await databases.init(databaseId);
      const config = {
        k8sOps: {
          cache: { prewarm: [] },
          encryption: { keys: [randomBytes(32).toString('base64')] },
        },
      };
      const first = await startK8sOpsBackend({
        knex,
        policy: () => allowAll,
        config,
      });
      const second = await startK8sOpsBackend({
        knex,
        policy: () => allowAll,
        config,
      });
      const registered = await request(first.server)
        .post(`${api}/clusters`)
        .send({ kubeconfig: kubeconfig(dev, ['main']), name: 'shared' });
      expect(registered.status).toBe(201);
      const seen = await eventually(
        'the other replica to list the cluster',
        async () => {
          const res = await request(second.server).get(`${api}/clusters`);
          return res.body.items.some(
            (c: { name: string }) => c.name === 'shared',
          )
            ? res
            : undefined;
        },
        10_000,
      );
      expect(seen.status).toBe(200);
    });
  },
);
